package dev.policypulse.notifier.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailHeadersTests {

	@Test
	void headerTextKeepsItsWordsOnOneLine() {
		assertThat(MailHeaders.text("Pakistan\r\nBcc: evil@example.org")).isEqualTo("Pakistan Bcc: evil@example.org");
		assertThat(MailHeaders.text("a\rb\nc\u0085d\u2028e\u2029f\u0000g\u001bh\tI  J "))
			.isEqualTo("a b c d e f g h I J");
		assertThat(MailHeaders.text("  \r\n  ")).isEmpty();
		assertThat(MailHeaders.text(null)).isEmpty();
	}

	@Test
	void headerTextKeepsUnicodeButDropsBidirectionalOverrides() {
		assertThat(MailHeaders.text("Pakistan · پاکستان 🇵🇰")).isEqualTo("Pakistan · پاکستان 🇵🇰");
		assertThat(MailHeaders.text("invoice\u202Efdp.exe")).isEqualTo("invoice fdp.exe");
	}

	@Test
	void headerTextSplitsWhatWouldReadAsAnEncodedWord() {
		assertThat(MailHeaders.text("=?utf-8?q?Bcc:_x?=")).isEqualTo("= ?utf-8?q?Bcc:_x?=");
	}

	@Test
	void tokensLoseLineBreaksControlCharactersAndWhiteSpace() {
		assertThat(MailHeaders.token("<abc@policypulse>\r\nX-Injected: yes"))
			.isEqualTo("<abc@policypulse>X-Injected:yes");
		assertThat(MailHeaders.token("victim@example.org\n")).isEqualTo("victim@example.org");
		assertThat(MailHeaders.token(null)).isNull();
	}

	@Test
	void headerLinksCannotCloseTheirBracketsOrAddEntries() {
		assertThat(MailHeaders.uri("https://a.example/u?t=1>, <mailto:evil@example.org"))
			.isEqualTo("https://a.example/u?t=1%3E%2C%3Cmailto:evil@example.org");
		assertThat(MailHeaders.uri(null)).isNull();
	}

	@Test
	void outgoingEmailsAndRenderedSubjectsAreMadeSafeOnConstruction() {
		OutgoingEmail email = new OutgoingEmail("victim@example.org\r\nBcc: evil@example.org",
				new RenderedEmail("Hello\r\nX-Injected: 1", "text", "<p>html</p>"), "<id@policypulse>\r\nX-A: 1",
				"https://a.example/u?t=1\r\nX-B: 2");

		assertThat(email.to()).isEqualTo("victim@example.orgBcc:evil@example.org");
		assertThat(email.content().subject()).isEqualTo("Hello X-Injected: 1");
		assertThat(email.messageId()).isEqualTo("<id@policypulse>X-A:1");
		assertThat(email.unsubscribeUrl()).isEqualTo("https://a.example/u?t=1X-B:2");
	}

	@Test
	void renderedSubjectsHaveABoundedLength() {
		RenderedEmail email = new RenderedEmail("x".repeat(5000), "text", "html");

		assertThat(email.subject()).hasSize(RenderedEmail.MAX_SUBJECT_LENGTH).endsWith("…");
	}

}
