package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TitlesTests {

	@ParameterizedTest
	@CsvSource(delimiterString = " ~ ", textBlock = """
			Regulator fines exchange - Example News ~ example-news ~ Regulator fines exchange
			Regulator fines exchange | EXAMPLE NEWS ~ example-news ~ Regulator fines exchange
			Regulator fines exchange — Example.News ~ example-news ~ Regulator fines exchange
			Regulator fines exchange - Other Outlet ~ example-news ~ Regulator fines exchange - Other Outlet
			Senate votes on bill - and what comes next ~ example-news ~ Senate votes on bill - and what comes next
			Example News ~ example-news ~ Example News
			Pre-launch rules for e-money tokens ~ example-news ~ Pre-launch rules for e-money tokens
			Q&amp;A: the new <i>custody</i> rule - Desk ~ desk ~ Q&A: the new custody rule
			""")
	void cutsTheSourcesOwnNameOffTheEndOfTheTitle(String title, String source, String clean) {
		assertThat(Titles.clean(title, source)).isEqualTo(clean);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Regulator fines exchange - Wire Desk | webhook | wire-desk | Regulator fines exchange
			Regulator fines exchange - Wire Desk | webhook | other     | Regulator fines exchange - Wire Desk
			""")
	void recognisesTheNameOfTheSourceOrOfTheOrigin(String title, String origin, String source, String clean) {
		assertThat(Titles.clean(title, source, origin)).isEqualTo(clean);
		assertThat(Titles.clean(title, origin, source)).isEqualTo(clean);
	}

}
