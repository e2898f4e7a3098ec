package dev.policypulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A program the launcher runs as a child process, its output appended to a log file.
 * Stopping sends SIGTERM (so Spring Boot and Kafka shut down gracefully) and kills after
 * a grace period.
 */
final class ChildProcess implements AutoCloseable {

	private static final Duration GRACE = Duration.ofSeconds(20);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path log;

	private final List<String> command;

	private final Process process;

	private ChildProcess(String name, Path log, List<String> command, Process process) {
		this.name = name;
		this.log = log;
		this.command = List.copyOf(command);
		this.process = process;
	}

	static ChildProcess start(String name, List<String> command, Path log) {
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			return new ChildProcess(name, log, command, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + ": " + command, ex);
		}
	}

	/**
	 * The {@code java} executable of the running JVM, so children run on the same JDK.
	 */
	static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	String name() {
		return this.name;
	}

	List<String> command() {
		return this.command;
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Waits until {@code url} answers 200, failing early if the process dies. */
	void awaitHttpOk(String url, Duration timeout) {
		awaitCondition("to answer 200 at " + url, timeout, () -> {
			try {
				HttpResponse<Void> response = HTTP.send(
						HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding());
				return response.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
	}

	/** Waits until {@code condition} holds, failing early if the process dies. */
	void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue()
						+ " before it was ready; its log " + this.log + " ends with:\n" + tail(40));
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(this.name + " did not manage " + what + " within " + timeout.toSeconds()
						+ " s; its log " + this.log + " ends with:\n" + tail(40));
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
		}
	}

	/** Waits for the process to exit on its own and answers its exit code. */
	int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException(this.name + " did not finish within " + timeout.toSeconds()
						+ " s; its log " + this.log + " ends with:\n" + tail(40));
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Kills the process at once (SIGKILL on Unix), as a crash or the kernel's OOM killer
	 * would, and waits until it is gone.
	 */
	void kill() {
		try {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Starts the same command again, its output appended to the same log; for a process
	 * that was stopped or killed.
	 */
	ChildProcess startAgain() {
		if (this.process.isAlive()) {
			throw new IllegalStateException(this.name + " is still running");
		}
		return start(this.name, this.command, this.log);
	}

	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(log not readable: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		if (!this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
