package dev.policypulse.classifier.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.TopicTag;

import static dev.policypulse.classifier.engine.Verdicts.topicCodes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.offset;

/**
 * The learned topic model: the bundled table loads and is what the trainer makes of the
 * labelled items, it changes nothing but an article's topics, and it reads articles the
 * way the taxonomy means. Articles here are written for these tests.
 */
class TopicModelTests {

	private static final ClassificationEngine ENGINE = ClassificationEngine.create();

	private static final ClassificationEngine RULES = ClassificationEngine.create(TopicModel.NONE);

	private static List<TopicModelTrainer.Example> labelled;

	@BeforeAll
	static void readLabelledItems() throws IOException, URISyntaxException {
		labelled = TopicModelTrainer.read(RULES,
				Path.of(TopicModelTests.class.getResource("labelled-items.jsonl").toURI()));
	}

	@Test
	void bundledModelLoadsAndGivesAProbabilityPerTopic() {
		TopicModel model = TopicModel.load("topic-model.tsv");
		assertThat(model.isPresent()).isTrue();
		for (TopicModelTrainer.Example example : labelled.subList(0, 5)) {
			double[] probabilities = model.probabilities(example.features());
			assertThat(probabilities).hasSize(TopicModel.TOPICS.size());
			for (double probability : probabilities) {
				assertThat(probability).isBetween(0.0, 1.0);
			}
		}
	}

	@Test
	void fastReadingOfTheBundledTableEqualsThePlainOne() {
		TopicModel fast = TopicModel.load("topic-model.tsv");
		TopicModel plain = TopicModel.of(Tsv.read("topic-model.tsv", 2));
		for (TopicModelTrainer.Example example : labelled) {
			assertThat(fast.probabilities(example.features())).isEqualTo(plain.probabilities(example.features()));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-0", "1.5", "-0.001", "0.1", "12.345", "-7.117", "2.675", "1e-3", "-4.2E2" })
	void readsWeightsAsParseDoubleDoes(String text) {
		String line = "x\t" + text + "\ty";
		assertThat(TopicModel.parseWeight(line, 2, 2 + text.length())).isEqualTo(Double.parseDouble(text));
	}

	@Test
	void bundledModelIsWhatTheTrainerMakesOfTheLabelledItems() throws IOException {
		String trained = TopicModelTrainer.render(TopicModelTrainer.train(labelled), labelled.size());
		try (InputStream in = TopicModel.class.getResourceAsStream("topic-model.tsv")) {
			// Fails when the rules or the labelled items change without retraining:
			// TopicModelTrainer topic-model.tsv labelled-items.jsonl
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(trained);
		}
	}

	@Test
	void sameItemGetsTheSameVerdictFromEveryEngine() {
		ClassificationEngine other = ClassificationEngine.create();
		for (TopicModelTrainer.Example example : labelled) {
			assertThat(other.classify(example.title(), example.body()))
				.isEqualTo(ENGINE.classify(example.title(), example.body()));
		}
	}

	@Test
	void modelChangesOnlyTheTopicsOfMoves() {
		int changed = 0;
		for (TopicModelTrainer.Example example : labelled) {
			Classification learned = ENGINE.classify(example.title(), example.body());
			Classification rules = example.rules();
			assertThat(learned.policyMove()).as(example.id()).isEqualTo(rules.policyMove());
			assertThat(learned.primaryJurisdiction()).as(example.id()).isEqualTo(rules.primaryJurisdiction());
			assertThat(learned.jurisdictions()).as(example.id()).isEqualTo(rules.jurisdictions());
			if (learned.policyMove()) {
				assertThat(learned.topics()).as(example.id()).isNotEmpty();
			}
			else {
				assertThat(learned.topics()).as(example.id()).isEmpty();
			}
			changed += topicCodes(learned).equals(topicCodes(rules)) ? 0 : 1;
		}
		assertThat(changed).as("items whose topics the model changes").isPositive();
	}

	@Test
	void learnedTopicsPointAtTheirText() {
		for (TopicModelTrainer.Example example : labelled) {
			Classification result = ENGINE.classify(example.title(), example.body());
			for (TopicTag topic : result.topics()) {
				assertThat(topic.confidence()).isBetween(0.0, 0.99);
				for (Evidence evidence : topic.evidence()) {
					String field = "title".equals(evidence.field()) ? example.title() : example.body();
					assertThat(field.substring(evidence.start(), evidence.end())).isEqualTo(evidence.text());
				}
			}
		}
	}

	@Test
	void headlineWithoutAnArticleStaysWithTheRules() {
		String title = "Senate passes stablecoin bill";
		String body = "The vote was 68 to 30.";
		assertThat(ENGINE.classify(title, body)).isEqualTo(RULES.classify(title, body));
	}

	@Test
	void standardSettersGuidanceIsNotCooperationBetweenCountries() {
		String title = "FATF urges countries to apply the travel rule to stablecoin transfers";
		String body = "The Financial Action Task Force said on Friday that member countries should require "
				+ "virtual asset service providers to collect and share sender and recipient details on "
				+ "stablecoin transfers. In its annual review the standard setter found that most jurisdictions "
				+ "had yet to enforce the rule and called on governments to close gaps before its next plenary. "
				+ "The report also noted rising illicit use of stablecoins.";
		assertThat(topicCodes(RULES.classify(title, body))).contains("international_cooperation");

		Classification result = ENGINE.classify(title, body);

		assertThat(topicCodes(result)).containsExactlyInAnyOrder("intl_org", "stablecoin");
		assertThat(result.primaryJurisdiction()).isNull();
	}

	@Test
	void powerCapForMinersIsMiningPolicyAndARestriction() {
		Classification result = ENGINE.classify("Kazakhstan caps electricity for crypto miners during the winter",
				"Kazakhstan's energy ministry ordered grid operators to limit the power supplied to crypto mining "
						+ "farms from December to February, citing shortages in the north of the country. The order "
						+ "caps each farm at half of its contracted load and suspends new grid connections for "
						+ "mining until spring. Farms that exceed the limit face disconnection, the ministry said in "
						+ "a statement.");

		assertThat(topicCodes(result)).containsExactlyInAnyOrder("mining_energy", "ban_restriction");
		assertThat(result.primaryJurisdiction()).isEqualTo("KZ");
	}

	@Test
	void firstLicencesAreLicensingAlone() {
		Classification result = ENGINE.classify(
				"Vietnam's finance ministry grants first licences to two crypto exchanges",
				"The Ministry of Finance in Hanoi said on Tuesday it had granted operating licences to two "
						+ "domestic crypto exchanges under a pilot programme approved by the government last year. "
						+ "The licensed platforms must keep client assets in custody with local banks and report "
						+ "large transfers to the authorities. Officials said more applications were under review.");

		assertThat(topicCodes(result)).containsExactly("licensing");
		assertThat(result.topics().get(0).evidence()).isNotEmpty();
	}

	@Test
	void reportsTopicsAboveTheThresholdLikeliestFirst() {
		double[] probabilities = new double[TopicModel.TOPICS.size()];
		probabilities[3] = 0.6;
		probabilities[1] = 0.9;
		probabilities[2] = 0.35;
		assertThat(TopicModel.choose(probabilities)).containsExactly(1, 3);
	}

	@Test
	void reportsTheLikeliestTopicWhenNoneReachesTheThreshold() {
		double[] probabilities = new double[TopicModel.TOPICS.size()];
		probabilities[5] = 0.3;
		probabilities[7] = 0.2;
		assertThat(TopicModel.choose(probabilities)).containsExactly(5);
	}

	@Test
	void refusesTablesItCannotRead() {
		String[] header = { TopicModel.HEADER, "legislation", "taxation" };
		assertThatIllegalStateException()
			.isThrownBy(() -> TopicModel.of(List.<String[]>of(header, new String[] { "t:law", "1" })))
			.withMessageContaining("t:law");
		assertThatIllegalStateException()
			.isThrownBy(() -> TopicModel.of(List.<String[]>of(header, new String[] { "x:law", "1", "2" })))
			.withMessageContaining("unknown feature x:law");
		assertThatIllegalStateException()
			.isThrownBy(() -> TopicModel.of(List.<String[]>of(new String[] { TopicModel.HEADER, "weather" })))
			.withMessageContaining("unknown topic weather");
		assertThatIllegalStateException().isThrownBy(() -> TopicModel.of(List.<String[]>of(new String[] { "t:law" })))
			.withMessageContaining(TopicModel.HEADER);
	}

	@Test
	void readsWeightsByTopicName() {
		TopicModel model = TopicModel.of(List.of(new String[] { TopicModel.HEADER, "taxation", "legislation" },
				new String[] { TopicModel.BIAS, "-1", "-2" }, new String[] { "t:tax", "3", "0" }));
		TopicFeatures features = TopicFeatures.of(PhraseRules.Words.of("New tax"), PhraseRules.Words.of(""),
				Integer.MAX_VALUE, Integer.MAX_VALUE,
				new double[TopicModel.TOPICS.size()][TopicFeatures.RULE_FEATURES.size()], List.of());
		double[] p = model.probabilities(features);
		assertThat(p[TopicModel.TOPICS.indexOf("taxation")]).isCloseTo(1 / (1 + Math.exp(-2)), offset(1e-9));
		assertThat(p[TopicModel.TOPICS.indexOf("legislation")]).isCloseTo(1 / (1 + Math.exp(2)), offset(1e-9));
		assertThat(p[TopicModel.TOPICS.indexOf("cbdc")]).isEqualTo(0.5);
	}

}
