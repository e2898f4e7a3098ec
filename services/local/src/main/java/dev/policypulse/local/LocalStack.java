package dev.policypulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole pipeline on one machine: a KRaft broker, the mail catcher and the three
 * services as child processes, started step by step so that callers (the launcher, the
 * pipeline tests) can act between the steps. Closing stops everything in reverse order.
 */
final class LocalStack implements AutoCloseable {

	private static final Duration SERVICE_START = Duration.ofMinutes(3);

	/**
	 * JVM options of the services for a quick start: the C1 compiler only, which starts
	 * them sooner on two cores but runs hot code more slowly. For the local run and the
	 * pipeline and fault tests (the load harness and its smoke test measure with
	 * {@link #STEADY_STATE_JVM}).
	 */
	static final List<String> QUICK_START_JVM = List.of("-Xms64m", "-Xmx512m", "-XX:TieredStopAtLevel=1",
			"-XX:+UseSerialGC");

	/**
	 * JVM options of the services for measuring them: the JVM's default tiered
	 * compilation, as the services run in production, with the same heap limit.
	 */
	static final List<String> STEADY_STATE_JVM = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");

	private final LocalStackSettings settings;

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	private KafkaBroker broker;

	private MailCatcher mailCatcher;

	/** The running services by name; a service started again replaces its entry. */
	private final Map<String, ChildProcess> services = new HashMap<>();

	private final Map<String, Integer> servicePorts = new HashMap<>();

	private final List<String> notifierExtraArgs = new ArrayList<>();

	private int notifierSmtpPort;

	private List<String> serviceJvm = QUICK_START_JVM;

	LocalStack(LocalStackSettings settings) {
		this.settings = settings;
		this.notifierSmtpPort = settings.ports().smtp();
	}

	LocalStackSettings settings() {
		return this.settings;
	}

	/** Fails fast, naming the port, if another program already listens on one of ours. */
	void checkPortsFree() {
		for (int port : this.settings.ports().all()) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Port " + port + " on 127.0.0.1 is already in use. Is another "
						+ "PolicyPulse, Kafka or mail server running? Stop it and try again.");
			}
		}
	}

	/** Deletes the broker's and the database's data and the logs of an earlier run. */
	void wipeData() {
		for (String folder : List.of("kafka", "postgres", "ingestion-postgres", "logs")) {
			deleteRecursively(this.settings.home().resolve(folder));
		}
	}

	/** Starts the broker and the mail catcher (in parallel). */
	void startInfrastructure() {
		CompletableFuture<MailCatcher> mail = CompletableFuture
			.supplyAsync(() -> MailCatcher.start(this.settings.home(), this.settings.greenMailJar(),
					this.settings.ports().smtp(), this.settings.ports().mailApi()));
		try {
			this.broker = KafkaBroker.start(this.settings.home(), this.settings.ports().kafka(),
					this.settings.ports().kafkaController(), this.settings.kafkaClassPath());
			// through the field: a broker started again replaces it
			this.started.push(() -> this.broker.close());
		}
		finally {
			this.mailCatcher = mail.join();
			this.started.push(this.mailCatcher);
		}
	}

	/** Starts the notifier and the classifier and waits until both are ready. */
	void startNotifierAndClassifier() {
		List<String> notifierArgs = new ArrayList<>(
				List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + this.notifierSmtpPort,
						"--policypulse.notifier.links.public-base-url=" + notifierUrl()));
		if (this.settings.notifierDatabase().isEmpty()) {
			notifierArgs
				.add("--policypulse.embedded-postgres.data-directory=" + this.settings.home().resolve("postgres"));
		}
		else {
			notifierArgs.addAll(this.settings.notifierDatabase());
		}
		notifierArgs.addAll(this.notifierExtraArgs);
		ChildProcess notifier = startService("notifier", this.settings.ports().notifier(), notifierArgs);
		ChildProcess classifier = startService("classifier", this.settings.ports().classifier(), List.of());
		awaitReady(notifier, this.settings.ports().notifier());
		awaitReady(classifier, this.settings.ports().classifier());
	}

	/**
	 * Starts ingestion polling the given feeds ({@code id=url} pairs, served on this
	 * machine) and waits until it is ready.
	 */
	void startIngestion(List<String> feeds, Duration pollInterval) {
		List<String> args = new ArrayList<>();
		for (int i = 0; i < feeds.size(); i++) {
			String[] feed = feeds.get(i).split("=", 2);
			String source = "--policypulse.ingestion.sources[" + i + "].";
			args.add(source + "id=" + feed[0]);
			args.add(source + "url=" + feed[1]);
			args.add(source + "poll-interval=" + pollInterval);
			// The demo feeds are on 127.0.0.1, which sources may reach only when allowed.
			args.add(source + "allow-private-network=true");
		}
		if (this.settings.notifierDatabase().isEmpty()) {
			args.add("--policypulse.embedded-postgres.data-directory="
					+ this.settings.home().resolve("ingestion-postgres"));
		}
		ChildProcess ingestion = startService("ingestion", this.settings.ports().ingestion(), args);
		awaitReady(ingestion, this.settings.ports().ingestion());
	}

	private ChildProcess startService(String name, int port, List<String> extraArgs) {
		List<String> command = new ArrayList<>();
		command.add(ChildProcess.javaExecutable());
		command.addAll(this.serviceJvm);
		command.addAll(List.of("-jar", serviceJar(name).toString(), "--server.port=" + port,
				"--server.address=127.0.0.1", "--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
				"--policypulse.api.key=" + this.settings.apiKey()));
		command.addAll(extraArgs);
		ChildProcess process = ChildProcess.start(name, command, this.settings.home().resolve("logs/" + name + ".log"));
		this.services.put(name, process);
		this.servicePorts.put(name, port);
		// through the map: a service started again replaces its entry
		this.started.push(() -> this.services.get(name).close());
		return process;
	}

	/**
	 * Has the notifier, when started, send mail to this port instead of the mail
	 * catcher's (to put something between them).
	 */
	void sendNotifierMailTo(int smtpPort) {
		this.notifierSmtpPort = smtpPort;
	}

	/** The JVM options of services started from now on. */
	void useServiceJvm(List<String> options) {
		this.serviceJvm = List.copyOf(options);
	}

	/** Further arguments for the notifier, such as properties, when it is started. */
	void addNotifierArguments(List<String> args) {
		this.notifierExtraArgs.addAll(args);
	}

	/** Kills a running service ({@code notifier}, ...) with SIGKILL. */
	void killService(String name) {
		service(name).kill();
	}

	/**
	 * Starts a stopped or killed service again, as it was started before, and waits until
	 * it is ready.
	 */
	void startServiceAgain(String name) {
		ChildProcess again = service(name).startAgain();
		this.services.put(name, again);
		awaitReady(again, servicePort(name));
	}

	private ChildProcess service(String name) {
		ChildProcess process = this.services.get(name);
		if (process == null) {
			throw new IllegalArgumentException("No service " + name + " was started");
		}
		return process;
	}

	private int servicePort(String name) {
		return this.servicePorts.get(name);
	}

	/**
	 * Starts one more instance of a running service, as the first was started but on
	 * {@code port} (so in the same consumer groups and on the same database), names it
	 * {@code instance} for {@link #killService} and {@link #startServiceAgain}, and waits
	 * until it is ready.
	 */
	void startAnotherInstance(String name, String instance, int port) {
		if (this.services.containsKey(instance)) {
			throw new IllegalArgumentException("An instance " + instance + " was started already");
		}
		List<String> command = new ArrayList<>();
		for (String arg : service(name).command()) {
			command.add(arg.startsWith("--server.port=") ? "--server.port=" + port : arg);
		}
		ChildProcess process = ChildProcess.start(instance, command,
				this.settings.home().resolve("logs/" + instance + ".log"));
		this.services.put(instance, process);
		this.servicePorts.put(instance, port);
		this.started.push(() -> this.services.get(instance).close());
		awaitReady(process, port);
	}

	/** Stops the broker gracefully (SIGTERM, a controlled shutdown). */
	void stopBroker() {
		this.broker.close();
	}

	/** Kills the broker with SIGKILL. */
	void killBroker() {
		this.broker.kill();
	}

	/**
	 * Starts the stopped or killed broker again on the same ports and data, and waits
	 * until it accepts clients.
	 */
	void startBrokerAgain() {
		if (this.broker.process().isAlive()) {
			throw new IllegalStateException("The broker is still running");
		}
		this.broker = KafkaBroker.start(this.settings.home(), this.settings.ports().kafka(),
				this.settings.ports().kafkaController(), this.settings.kafkaClassPath());
	}

	private void awaitReady(ChildProcess process, int port) {
		process.awaitHttpOk("http://127.0.0.1:" + port + "/actuator/health/readiness", SERVICE_START);
	}

	private Path serviceJar(String name) {
		Path target = this.settings.servicesDir().resolve(name).resolve("target");
		try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
			// the newest, should an older version's jar still lie there
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.max(Comparator.comparing(LocalStack::lastModified))
				.orElseThrow(() -> new IllegalStateException(
						"No runnable jar of " + name + " in " + target + "; build it with ./mvnw package"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String notifierUrl() {
		return "http://127.0.0.1:" + this.settings.ports().notifier();
	}

	String ingestionUrl() {
		return "http://127.0.0.1:" + this.settings.ports().ingestion();
	}

	String classifierUrl() {
		return "http://127.0.0.1:" + this.settings.ports().classifier();
	}

	KafkaBroker broker() {
		return this.broker;
	}

	MailCatcher mailCatcher() {
		return this.mailCatcher;
	}

	@Override
	public void close() {
		while (!this.started.isEmpty()) {
			try {
				this.started.pop().close();
			}
			catch (Exception ex) {
				System.err.println("Stopping a component failed: " + ex.getMessage());
			}
		}
	}

	private static FileTime lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path each : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.delete(each);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + path, ex);
		}
	}

}
