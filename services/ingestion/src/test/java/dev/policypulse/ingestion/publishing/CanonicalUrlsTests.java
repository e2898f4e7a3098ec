package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalUrlsTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			HTTPS://News.Example.ORG/Path/Story                       | https://news.example.org/Path/Story
			https://news.example.org                                  | https://news.example.org/
			http://news.example.org:80/a                              | http://news.example.org/a
			https://news.example.org:443/a                            | https://news.example.org/a
			https://news.example.org:8443/a                           | https://news.example.org:8443/a
			http://news.example.org:443/a                             | http://news.example.org:443/a
			https://news.example.org/a#section-2                      | https://news.example.org/a
			https://news.example.org/a?utm_source=x&utm_Medium=y      | https://news.example.org/a
			https://news.example.org/a?id=7&fbclid=z&lang=en          | https://news.example.org/a?id=7&lang=en
			https://news.example.org/a?gclid=1&b=2&mc_cid=3&a=1       | https://news.example.org/a?b=2&a=1
			https://news.example.org/a?mc_eid=4&ref=home&reference=ok | https://news.example.org/a?reference=ok
			https://news.example.org/a?q=crypto%20tax&utm_term=t      | https://news.example.org/a?q=crypto%20tax
			https://news.example.org/a?&&id=1&                        | https://news.example.org/a?id=1
			https://user:secret@news.example.org/a                    | https://news.example.org/a
			'  https://news.example.org/a  '                          | https://news.example.org/a
			""")
	void canonicalisesUrls(String url, String canonical) {
		assertThat(CanonicalUrls.canonicalize(url)).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://files.example.org/a", "mailto:press@example.org", "/relative/path", "https://",
			"https://bad host.example.org/", "javascript:alert(1)" })
	void rejectsUrlsThatAreNotAbsoluteHttp(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalUrls.canonicalize(url));
	}

	@Test
	void rejectsBlankUrls() {
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalUrls.canonicalize(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalUrls.canonicalize(null));
	}

}
