package dev.policypulse.classifier.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.classifier.ClassifierProperties;
import dev.policypulse.classifier.engine.Classification;
import dev.policypulse.classifier.engine.ClassificationEngine;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.TopicTag;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifyBatchTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String MOVE_TITLE = "Pakistan's parliament passes a law creating a virtual-asset regulator";

	private static final String MOVE_BODY = "Lawmakers in Islamabad approved the bill on Tuesday. The new authority will "
			+ "license exchanges and custodians and supervise stablecoin issuers, the finance ministry said.";

	private static ClassificationEngine engine;

	@BeforeAll
	static void loadEngine() {
		engine = ClassificationEngine.create();
	}

	@Test
	void writesOneLineWithTheDocumentedFieldsPerItem() throws IOException {
		Run run = run(item("a-1", MOVE_TITLE, MOVE_BODY) + "\n"
				+ item("a-2", "Token prices slide as traders take profits", "Markets were calm.") + "\n");

		assertThat(run.out()).hasSize(2);
		assertThat(run.out().get(0)).startsWith("{\"id\":\"a-1\",\"jurisdictions\":[");
		List<JsonNode> predictions = run.predictions();
		for (JsonNode prediction : predictions) {
			assertThat(prediction.propertyNames()).startsWith("id", "jurisdictions", "primary", "is_policy_move",
					"topics", "roles", "severity", "classifier_version");
			assertThat(prediction.get("is_policy_move").isBoolean()).isTrue();
			assertThat(prediction.get("classifier_version").stringValue()).isEqualTo(ClassifyBatch.CLASSIFIER_VERSION);
			assertThat(prediction.get("jurisdictions").isArray()).isTrue();
			assertThat(prediction.get("topics").isArray()).isTrue();
		}
		assertThat(predictions).extracting((p) -> p.get("id").stringValue()).containsExactly("a-1", "a-2");
		assertThat(run.err()).containsExactly("classify-batch: 2 classified, 0 rejected");
	}

	@Test
	void mirrorsTheEngineVerdict() throws IOException {
		Classification expected = engine.classify(MOVE_TITLE, MOVE_BODY);

		JsonNode prediction = run(item("b-1", MOVE_TITLE, MOVE_BODY)).predictions().get(0);

		assertThat(codes(prediction.get("jurisdictions")))
			.containsExactlyElementsOf(expected.jurisdictions().stream().map(JurisdictionTag::code).toList());
		assertThat(codes(prediction.get("topics")))
			.containsExactlyElementsOf(expected.topics().stream().map(TopicTag::code).toList());
		assertThat(prediction.get("primary").isNull() ? null : prediction.get("primary").stringValue())
			.isEqualTo(expected.primaryJurisdiction());
		assertThat(prediction.get("is_policy_move").booleanValue()).isEqualTo(expected.policyMove());
		assertThat(prediction.get("severity").stringValue())
			.isEqualTo(expected.severity().name().toLowerCase(Locale.ROOT));
		for (JurisdictionTag tag : expected.jurisdictions()) {
			assertThat(prediction.get("roles").get(tag.code()).stringValue())
				.isEqualTo(tag.role().name().toLowerCase(Locale.ROOT));
		}
		assertThat(prediction.get("jurisdiction_tags")).hasSize(expected.jurisdictions().size());
		assertThat(prediction.get("topic_tags")).hasSize(expected.topics().size());
	}

	@Test
	void writesAnExplicitNullPrimaryWhenNobodyActs() throws IOException {
		JsonNode prediction = run(item("c-1", "A quiet week for token prices", "Nothing happened.")).predictions()
			.get(0);

		assertThat(prediction.has("primary")).isTrue();
		assertThat(prediction.get("primary").isNull()).isTrue();
		assertThat(prediction.get("is_policy_move").booleanValue()).isFalse();
	}

	@Test
	void reportsMalformedLinesOnStandardErrorAndCarriesOn() throws IOException {
		String input = String.join("\n", item("ok-1", MOVE_TITLE, MOVE_BODY), "this is not json", "[\"an\", \"array\"]",
				"{\"title\": \"no id here\", \"body\": \"text\"}", "{\"id\": \"  \", \"body\": \"blank id\"}",
				"{\"id\": \"t-1\", \"title\": 42, \"body\": \"text\"}",
				"{\"id\": \"t-2\", \"body\": [\"not\", \"text\"]}", "{\"id\": \"t-3\", \"body\": \"x\"} trailing",
				"{\"id\": \"t-4\", \"body\": \"cut off", item("ok-2", "Second", "Still classified."));

		Run run = run(input);

		assertThat(run.predictions()).extracting((p) -> p.get("id").stringValue()).containsExactly("ok-1", "ok-2");
		assertThat(run.err()).hasSize(9);
		assertThat(run.err().get(0)).startsWith("classify-batch: line 2: not JSON: ");
		assertThat(run.err().get(1)).isEqualTo("classify-batch: line 3: expected a JSON object, got array");
		assertThat(run.err().get(2))
			.isEqualTo("classify-batch: line 4: \"id\" must be a non-blank string or an integer");
		assertThat(run.err().get(3))
			.isEqualTo("classify-batch: line 5: \"id\" must be a non-blank string or an integer");
		assertThat(run.err().get(4))
			.isEqualTo("classify-batch: line 6: id \"t-1\": \"title\" must be a string or null");
		assertThat(run.err().get(5)).isEqualTo("classify-batch: line 7: id \"t-2\": \"body\" must be a string or null");
		assertThat(run.err().get(6)).startsWith("classify-batch: line 8: not JSON: ");
		assertThat(run.err().get(7)).startsWith("classify-batch: line 9: not JSON: ");
		assertThat(run.err().get(8)).isEqualTo("classify-batch: 2 classified, 8 rejected");
		assertThat(run.err()).allSatisfy((line) -> assertThat(line).doesNotContain("\n"));
	}

	@Test
	void usesThePublicationDateToSettleSurnames() throws IOException {
		// in 2021 only one government in the officials table was led by a "Lee"
		String title = "Crypto exchange rules to tighten, says Lee";
		String input = "{\"id\": \"d-1\", \"title\": \"" + title + "\", \"published\": \"2021-03-01\"}\n"
				+ "{\"id\": \"d-2\", \"title\": \"" + title + "\", \"publishedAt\": \"2021-03-01T08:00:00Z\"}\n"
				+ "{\"id\": \"d-3\", \"title\": \"" + title + "\"}\n" + "{\"id\": \"d-4\", \"title\": \"" + title
				+ "\", \"published\": \"last spring\"}\n";

		List<JsonNode> predictions = run(input).predictions();

		assertThat(predictions).hasSize(4);
		assertThat(predictions.get(0).get("jurisdictions").toString()).isEqualTo("[\"SG\"]");
		assertThat(predictions.get(1).get("jurisdictions").toString()).isEqualTo("[\"SG\"]");
		assertThat(predictions.get(2).get("jurisdictions").toString()).isEqualTo("[]");
		assertThat(predictions.get(3).get("jurisdictions").toString()).isEqualTo("[]");
	}

	@Test
	void classifiesItemsWithoutTitle() throws IOException {
		String input = "{\"id\": \"n-1\", \"title\": null, \"body\": \"" + MOVE_BODY + "\"}\n"
				+ "{\"id\": \"n-2\", \"body\": \"" + MOVE_BODY + "\"}\n" + "{\"id\": 3, \"title\": null}\n";

		Run run = run(input);

		assertThat(run.predictions()).hasSize(3);
		assertThat(run.predictions().get(0).get("jurisdictions"))
			.isEqualTo(run.predictions().get(1).get("jurisdictions"));
		assertThat(run.predictions().get(2).get("id").isIntegralNumber()).isTrue();
		assertThat(run.predictions().get(2).get("id").intValue()).isEqualTo(3);
	}

	@Test
	void keepsUnicodeTextAndIdsIntact() throws IOException {
		String title = "Zürich: Finanzmarktaufsicht prüft Krypto-Verwahrer — 日本 und São Paulo 🚀";
		String input = item("ü-1 ✓", title, "Die Behörde äußerte sich am Montag.\u2028Zweite Zeile.");

		Run run = run(input);

		assertThat(run.predictions()).hasSize(1);
		assertThat(run.predictions().get(0).get("id").stringValue()).isEqualTo("ü-1 ✓");
		assertThat(run.err()).containsExactly("classify-batch: 1 classified, 0 rejected");
	}

	@Test
	void rejectsALineThatIsNotUtf8() throws IOException {
		ByteArrayOutputStream input = new ByteArrayOutputStream();
		input.writeBytes("{\"id\": \"bad\", \"body\": \"caf".getBytes(StandardCharsets.UTF_8));
		input.writeBytes(new byte[] { (byte) 0xE9, (byte) 0xFF });
		input.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
		input.writeBytes(item("good", "Fine", "Plain text.").getBytes(StandardCharsets.UTF_8));

		Run run = run(input.toByteArray());

		assertThat(run.predictions()).extracting((p) -> p.get("id").stringValue()).containsExactly("good");
		assertThat(run.err().get(0)).startsWith("classify-batch: line 1: not JSON: ").containsIgnoringCase("UTF-8");
	}

	@Test
	void skipsBlankLinesAndAcceptsWindowsLineEndingsAndAByteOrderMark() throws IOException {
		String input = "\uFEFF" + item("w-1", "One", "First.") + "\r\n\r\n   \n" + item("w-2", "Two", "Second.")
				+ "\r\n";

		Run run = run(input);

		assertThat(run.predictions()).extracting((p) -> p.get("id").stringValue()).containsExactly("w-1", "w-2");
		assertThat(run.err()).containsExactly("classify-batch: 2 classified, 0 rejected");
	}

	@Test
	void rejectsAnOversizedLineAndReadsTheNext() throws IOException {
		String big = item("big", "Long", "x".repeat(5_000));
		ClassifyBatch batch = new ClassifyBatch(engine, ClassifyBatch.CLASSIFIER_VERSION, 1_024);

		Run run = run(batch, (big + "\n" + item("small", "Short", "Text.")).getBytes(StandardCharsets.UTF_8));

		assertThat(run.predictions()).extracting((p) -> p.get("id").stringValue()).containsExactly("small");
		assertThat(run.err().get(0)).isEqualTo("classify-batch: line 1: longer than 1024 bytes");
	}

	@Test
	void handlesAnEmptyInputAndALastLineWithoutNewline() throws IOException {
		assertThat(run("").out()).isEmpty();
		assertThat(run(item("last", "No newline", "At the end")).predictions()).hasSize(1);
	}

	@Test
	void reportsTheSameVersionAsTheServiceByDefault() {
		assertThat(ClassifyBatch.CLASSIFIER_VERSION).matches("rules-\\d+")
			.isEqualTo(new ClassifierProperties(null).version());
	}

	@Test
	void takesTheVersionFromTheServicesEnvironmentVariableWhenSet() {
		assertThat(ClassifyBatch.classifierVersion(Map.of(ClassifyBatch.VERSION_VARIABLE, "rules-2")))
			.isEqualTo("rules-2");
		assertThat(ClassifyBatch.classifierVersion(Map.of(ClassifyBatch.VERSION_VARIABLE, " ")))
			.isEqualTo(ClassifyBatch.CLASSIFIER_VERSION);
		assertThat(ClassifyBatch.classifierVersion(Map.of())).isEqualTo(ClassifyBatch.CLASSIFIER_VERSION);
	}

	private static String item(String id, String title, String body) {
		return JSON.writeValueAsString(new Item(id, title, body, "https://example.org/" + id.length()));
	}

	private static List<String> codes(JsonNode array) {
		return array.valueStream().map(JsonNode::stringValue).toList();
	}

	private static Run run(String input) throws IOException {
		return run(input.getBytes(StandardCharsets.UTF_8));
	}

	private static Run run(byte[] input) throws IOException {
		return run(new ClassifyBatch(engine, ClassifyBatch.CLASSIFIER_VERSION, ClassifyBatch.MAX_LINE_BYTES), input);
	}

	private static Run run(ClassifyBatch batch, byte[] input) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
			batch.run(new ByteArrayInputStream(input), out, errStream);
		}
		return new Run(lines(out), lines(err));
	}

	private static List<String> lines(ByteArrayOutputStream stream) {
		String text = stream.toString(StandardCharsets.UTF_8);
		if (text.isEmpty()) {
			return List.of();
		}
		assertThat(text).endsWith("\n");
		return List.of(text.substring(0, text.length() - 1).split("\n", -1));
	}

	record Item(String id, String title, String body, String url) {
	}

	record Run(List<String> out, List<String> err) {

		List<JsonNode> predictions() {
			return this.out.stream().map(JSON::readTree).toList();
		}

	}

}
