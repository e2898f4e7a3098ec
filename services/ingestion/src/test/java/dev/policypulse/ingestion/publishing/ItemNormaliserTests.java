package dev.policypulse.ingestion.publishing;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.publishing.ItemNormaliser.NormalisedItem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ItemNormaliserTests {

	private static final Instant INGESTED = Instant.parse("2026-05-04T10:15:30.250Z");

	private final ItemNormaliser normaliser = new ItemNormaliser(60, LanguageDetector.load(), Boilerplate.load());

	@Test
	void keepsAStatedPublicationTimeToTheMillisecond() {
		NormalisedItem item = normalise(Instant.parse("2026-05-04T08:00:00.123456Z"), "en");
		assertThat(item.publishedAt()).isEqualTo(Instant.parse("2026-05-04T08:00:00.123Z"));
		assertThat(item.publishedAtEstimated()).isFalse();
	}

	@Test
	void standsInTheIngestionTimeForAMissingPublicationTimeAndFlagsIt() {
		NormalisedItem item = normalise(null, "en");
		assertThat(item.publishedAt()).isEqualTo(INGESTED);
		assertThat(item.publishedAtEstimated()).isTrue();
	}

	@Test
	void treatsATimeInTheFutureAsAMistake() {
		assertThat(normalise(INGESTED.plus(Duration.ofHours(2)), "en").publishedAtEstimated()).isTrue();
		NormalisedItem skewed = normalise(INGESTED.plus(Duration.ofMinutes(3)), "en");
		assertThat(skewed.publishedAtEstimated()).isFalse();
		assertThat(skewed.publishedAt()).isEqualTo(INGESTED.plus(Duration.ofMinutes(3)));
	}

	@Test
	void treatsPlaceholderDatesAsMissing() {
		NormalisedItem epoch = normalise(Instant.EPOCH, "en");
		assertThat(epoch.publishedAt()).isEqualTo(INGESTED);
		assertThat(epoch.publishedAtEstimated()).isTrue();
	}

	@Test
	void prefersTheDeclaredLanguageAndDetectsItOtherwise() {
		assertThat(normalise(null, "en-GB").language()).isEqualTo("en");
		assertThat(normalise(null, "fr").language()).as("declared, even if the text says otherwise").isEqualTo("fr");
		assertThat(normalise(null, null).language()).isEqualTo("en");
		assertThat(normalise(null, "English").language()).as("not a language tag").isEqualTo("en");
	}

	@Test
	void cleansTheTitleAndTheBody() {
		IncomingItem item = new IncomingItem("wire", "wire", null, "https://wire.example.org/a", null,
				"Senate passes <b>stablecoin</b> bill | Wire", "<p>The vote was 68 to 30.</p><p>Read more</p>", null,
				null, null);
		NormalisedItem normalised = this.normaliser.normalise(item, INGESTED);
		assertThat(normalised.title()).isEqualTo("Senate passes stablecoin bill");
		assertThat(normalised.body()).isEqualTo("The vote was 68 to 30.");
	}

	@Test
	void cutsLongBodiesWithoutSplittingACharacter() {
		String body = "a".repeat(59) + "\uD83D\uDE80" + "b".repeat(10);
		IncomingItem item = new IncomingItem("wire", "wire", null, "https://wire.example.org/a", null, "Title", null,
				body, null, "en");
		assertThat(this.normaliser.normalise(item, INGESTED).body()).isEqualTo("a".repeat(59));
	}

	@Test
	void refusesATitleWithNothingInIt() {
		IncomingItem item = new IncomingItem("wire", "wire", null, "https://wire.example.org/a", null, "<p>&nbsp;</p>",
				null, "Text", null, "en");
		assertThatIllegalArgumentException().isThrownBy(() -> this.normaliser.normalise(item, INGESTED))
			.withMessage("title must not be blank");
	}

	@Test
	void cutsAnOverlongTitleSoThatTheRecordStaysPublishable() {
		String title = "Regulator publishes rules ".repeat(400);
		NormalisedItem item = this.normaliser.normalise(new IncomingItem("wire", "wire", null,
				"https://wire.example.org/a", null, title, null, "Text.", INGESTED, "en"), INGESTED);
		assertThat(item.title()).hasSizeLessThanOrEqualTo(ItemNormaliser.MAX_TITLE_LENGTH)
			.startsWith("Regulator publishes rules")
			.endsWith("…");
	}

	private NormalisedItem normalise(Instant publishedAt, String language) {
		return this.normaliser.normalise(new IncomingItem("wire", "wire", null, "https://wire.example.org/a", null,
				"Regulator publishes custody rules",
				"The regulator said that the rules will apply to every custodian from the end of the year.", null,
				publishedAt, language), INGESTED);
	}

}
