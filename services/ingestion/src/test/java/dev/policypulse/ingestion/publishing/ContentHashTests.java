package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentHashTests {

	private static final String TITLE = "Treasury opens consultation on crypto reporting";

	private static final String BODY = "Firms have until the end of June to comment on the draft reporting rules.";

	@Test
	void ignoresCasePunctuationAndSpacing() {
		assertThat(ContentHash.of(TITLE, BODY)).hasSize(64)
			.isEqualTo(ContentHash.of(TITLE.toUpperCase(), BODY.replace(" ", "  ").replace(".", "!")))
			.isEqualTo(ContentHash.of(TITLE + ":", "\n" + BODY));
	}

	@Test
	void changesWithAnyWord() {
		assertThat(ContentHash.of(TITLE, BODY)).isNotEqualTo(ContentHash.of(TITLE, BODY.replace("June", "July")));
	}

	@Test
	void fingerprintsNoShortText() {
		assertThat(ContentHash.of("Weekly bulletin", "")).isNull();
		assertThat(ContentHash.of("Regulator publishes custody rule FAQ", "Plain answers.")).isNull();
	}

}
