package dev.policypulse.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the {@code kcat} examples of docs/events.md (every {@code ```sh} block that starts with
 * {@code kcat}) against a live broker, so the documentation cannot drift from the topics.
 */
final class KcatDocs {

	private static final Pattern BLOCK = Pattern.compile("```sh\\n(kcat .*?)\\n```", Pattern.DOTALL);

	private static final Pattern TOPIC = Pattern.compile("-t\\s+(\\S+)");

	private KcatDocs() {
	}

	/**
	 * The kcat executable. Where it is missing the test is aborted with a reason, unless the
	 * environment variable {@code POLICYPULSE_REQUIRE_TOOLS} is set (as CI does), where it fails.
	 */
	static Path kcatOrAbort() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "kcat");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String reason = "kcat is not installed (apt-get install kcat), so the documented kcat commands were not run";
		if (System.getenv("POLICYPULSE_REQUIRE_TOOLS") != null) {
			fail(reason);
		}
		Assumptions.abort(reason);
		return null;
	}

	/** Runs each documented command against {@code bootstrap}; answers output by topic. */
	static Map<String, String> run(Path kcat, Path markdown, String bootstrap) throws IOException, InterruptedException {
		String text = Files.readString(markdown, StandardCharsets.UTF_8);
		Map<String, String> outputs = new LinkedHashMap<>();
		Matcher block = BLOCK.matcher(text);
		while (block.find()) {
			String command = block.group(1).replace("\\\n", " ").replace("127.0.0.1:9092", bootstrap);
			assertThat(command).as("documented commands must exit at the end of the topic").contains(" -e");
			Matcher topic = TOPIC.matcher(command);
			assertThat(topic.find()).as("topic of: " + command).isTrue();
			Process process = new ProcessBuilder(List.of("bash", "-c",
					command.replaceFirst("^kcat", kcat.toString().replace("\\", "/"))))
				.redirectErrorStream(false)
				.start();
			byte[] stdout = process.getInputStream().readAllBytes();
			String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
			assertThat(process.exitValue()).as(command + "\n" + stderr).isZero();
			outputs.merge(topic.group(1), new String(stdout, StandardCharsets.UTF_8), String::concat);
		}
		return outputs;
	}

}
