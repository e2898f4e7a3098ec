package dev.policypulse.classifier.batch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged executable jar in batch mode as a child process, as a user would.
 */
class ClassifyBatchIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@TempDir
	Path directory;

	@Test
	void classifiesJsonLinesFromTheExecutableJarWithoutStartingTheService() throws Exception {
		Path input = this.directory.resolve("items.jsonl");
		Files.writeString(input, String.join("\n",
				"{\"id\": \"p-1\", \"title\": \"Pakistan sets up a crypto regulator\", \"body\": \"The finance "
						+ "ministry in Islamabad said the new authority will license exchanges.\", \"url\": null}",
				"{\"id\": \"p-2\", \"title\": null, \"body\": \"Token prices rose on Monday as traders bought.\"}",
				"{\"id\": \"p-3\", \"title\": \"broken",
				"{\"id\": \"p-4\", \"title\": \"Zürich café accepts tokens\", \"body\": \"Ein Café in Zürich.\"}", ""),
				StandardCharsets.UTF_8);
		Path stdout = this.directory.resolve("predictions.jsonl");
		Path stderr = this.directory.resolve("stderr.txt");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-jar", executableJar().toString(), ClassifyBatch.COMMAND)
			.redirectInput(input.toFile())
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile())
			.start();

		boolean exited = process.waitFor(2, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly();
		}

		assertThat(exited).isTrue();
		String errors = Files.readString(stderr, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(errors).isZero();
		String output = Files.readString(stdout, StandardCharsets.UTF_8);
		assertThat(output).endsWith("\n");
		List<JsonNode> predictions = new ArrayList<>();
		for (String line : output.substring(0, output.length() - 1).split("\n", -1)) {
			assertThat(line).startsWith("{\"id\":");
			predictions.add(JSON.readTree(line));
		}
		assertThat(predictions).extracting((p) -> p.get("id").stringValue()).containsExactly("p-1", "p-2", "p-4");
		assertThat(predictions).allSatisfy((p) -> assertThat(p.propertyNames()).contains("jurisdictions", "primary",
				"is_policy_move", "topics", "classifier_version"));
		assertThat(predictions.get(0).get("jurisdictions").valueStream().map(JsonNode::stringValue)).contains("PK");
		List<String> errorLines = errors.lines().toList();
		assertThat(errorLines).hasSize(2);
		assertThat(errorLines.get(0)).startsWith("classify-batch: line 3: not JSON: ");
		assertThat(errorLines.get(1)).isEqualTo("classify-batch: 3 classified, 1 rejected");
	}

	private static Path executableJar() throws IOException {
		List<Path> jars = new ArrayList<>();
		try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("target"), "*-exec.jar")) {
			found.forEach(jars::add);
		}
		assertThat(jars).as("an executable jar in target" + File.separator).isNotEmpty();
		// the newest, should an older version's jar still lie there
		jars.sort(Comparator.comparing((jar) -> jar.toFile().lastModified()));
		return jars.get(jars.size() - 1).toAbsolutePath();
	}

}
