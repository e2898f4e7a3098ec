package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoilerplateTests {

	private final Boilerplate boilerplate = Boilerplate.load();

	@Test
	void dropsTheLinkBackToTheSiteThatBlogFeedsAppend() {
		assertThat(this.boilerplate.strip("The ministry opened a consultation.\n\n"
				+ "The post Ministry opens consultation appeared first on Policy Desk."))
			.isEqualTo("The ministry opened a consultation.");
	}

	@Test
	void dropsReadMorePromptsAndExcerptMarkers() {
		assertThat(this.boilerplate.strip("The bill passed its second reading [\u2026]"))
			.isEqualTo("The bill passed its second reading");
		assertThat(this.boilerplate.strip("The bill passed.\n\nContinue reading on our site"))
			.isEqualTo("The bill passed.");
		assertThat(this.boilerplate.strip("The bill passed.\n\nRead more\n\n[...]")).isEqualTo("The bill passed.");
	}

	@Test
	void keepsTextThatOnlyMentionsReading() {
		String text = "Lawmakers will read more bills next week.\n\nThe post of governor remains vacant.";
		assertThat(this.boilerplate.strip(text)).isEqualTo(text);
	}

}
