package dev.policypulse.ingestion.source;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpmlImportTests {

	private static final URI FEED = URI.create("https://www.central-bank.example/rss");

	@Test
	void derivesTheIdFromTheOutlineName() {
		assertThat(OpmlImport.preferredId("Harbour Securities Commission – Press", FEED))
			.isEqualTo("harbour-securities-commission-press");
		assertThat(OpmlImport.preferredId("Banque Centrale Île Verte", FEED)).isEqualTo("banque-centrale-ile-verte");
		assertThat(OpmlImport.preferredId("  --SEC: Press Releases!! ", FEED)).isEqualTo("sec-press-releases");
		assertThat(OpmlImport.preferredId("Ｆｕｌｌｗｉｄｔｈ ＦＳＡ", FEED)).isEqualTo("fullwidth-fsa");
	}

	@Test
	void fallsBackToTheHostWhenTheNameHasNoLettersOrDigits() {
		assertThat(OpmlImport.preferredId(null, FEED)).isEqualTo("central-bank-example");
		assertThat(OpmlImport.preferredId("金融庁", FEED)).isEqualTo("central-bank-example");
		assertThat(OpmlImport.preferredId("—", URI.create("https://[2001:db8::1]/rss"))).isEqualTo("2001-db8-1");
	}

	@Test
	void keepsIdsWithinSixtyFourCharacters() {
		String id = OpmlImport.preferredId("Committee ".repeat(20), FEED);
		assertThat(id).hasSizeLessThanOrEqualTo(64).doesNotEndWith("-").startsWith("committee-committee");
		assertThat(SourceRules.idProblem(id)).isEmpty();
	}

}
