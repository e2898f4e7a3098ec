package dev.policypulse.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs shell commands that the documentation shows, against the running test stack, so
 * the docs cannot drift from what the system does. Addresses and the API key of the local
 * run are replaced by the test stack's.
 */
final class DocCommands {

	private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)\\n```", Pattern.DOTALL);

	private final Map<String, String> replacements;

	DocCommands(Map<String, String> replacements) {
		this.replacements = replacements;
	}

	/**
	 * The path of a command-line tool. Where it is missing the calling test is aborted
	 * with a reason, unless the environment variable {@code POLICYPULSE_REQUIRE_TOOLS} is
	 * set (as CI does), where it fails.
	 */
	static Path toolOrAbort(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String reason = name + " is not installed (apt-get install " + name
				+ "), so the documented commands that use it were not run";
		if (System.getenv("POLICYPULSE_REQUIRE_TOOLS") != null) {
			fail(reason);
		}
		Assumptions.abort(reason);
		return null;
	}

	/**
	 * Every {@code ```sh} block of {@code markdown} whose text starts with
	 * {@code prefix}.
	 */
	static List<String> shellBlocks(Path markdown, String prefix) throws IOException {
		List<String> blocks = new ArrayList<>();
		Matcher block = SH_BLOCK.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
		while (block.find()) {
			if (block.group(1).startsWith(prefix)) {
				blocks.add(block.group(1));
			}
		}
		return blocks;
	}

	/**
	 * Splits a documented script at its comment lines: each part is one step a reader
	 * performs, introduced by the comment that explains it.
	 */
	static List<String> steps(String script) {
		List<String> steps = new ArrayList<>();
		StringBuilder step = new StringBuilder();
		for (String line : script.split("\n")) {
			if (line.startsWith("#") && !step.toString().isBlank()) {
				steps.add(step.toString());
				step.setLength(0);
			}
			step.append(line).append('\n');
		}
		if (!step.toString().isBlank()) {
			steps.add(step.toString());
		}
		return steps;
	}

	/**
	 * Runs {@code script} with bash after the replacements; answers its standard output.
	 */
	String run(String script) throws IOException, InterruptedException {
		String command = script;
		for (Map.Entry<String, String> replacement : this.replacements.entrySet()) {
			command = command.replace(replacement.getKey(), replacement.getValue());
		}
		Path stderr = Files.createTempFile("doc-command", ".err");
		Process process = new ProcessBuilder(List.of("bash", "-euo", "pipefail", "-c", command))
			.redirectError(stderr.toFile())
			.start();
		String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
		assertThat(process.exitValue()).as(command + "\n" + Files.readString(stderr)).isZero();
		Files.deleteIfExists(stderr);
		return stdout;
	}

}
