package dev.policypulse.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample ever published under {@code golden/<schema>/} must still validate against
 * the current schema and parse into the current record. The folder is append-only: add a
 * sample when a field is added; never edit or delete one.
 */
class GoldenSampleTests {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	static Stream<Arguments> samples() throws IOException, URISyntaxException {
		return Stream.of(Schemas.INGESTED, Schemas.CLASSIFIED, Schemas.DISPATCHED).flatMap((schema) -> {
			URL folder = GoldenSampleTests.class.getResource("/golden/" + schema);
			try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
				List<Path> json = files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
				assertThat(json).as("golden samples of " + schema).isNotEmpty();
				return json.stream().map((file) -> Arguments.of(schema, file.getFileName().toString()));
			}
			catch (IOException | URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@ParameterizedTest(name = "{0}/{1}")
	@MethodSource("samples")
	void goldenSampleStillValidatesAndParses(String schema, String file) throws IOException {
		JsonNode json;
		try (InputStream in = getClass().getResourceAsStream("/golden/" + schema + "/" + file)) {
			json = this.mapper.readTree(in);
		}
		assertThat(Schemas.load(schema).validate(json)).as("schema errors").isEmpty();
		Class<?> type = switch (schema) {
			case Schemas.INGESTED -> PolicyItemIngested.class;
			case Schemas.DISPATCHED -> AlertDispatched.class;
			default -> PolicyItemClassified.class;
		};
		Object parsed = this.mapper.treeToValue(json, type);
		assertThat(Schemas.load(schema).validate(this.mapper.valueToTree(parsed))).as("re-serialised").isEmpty();
	}

}
