package dev.policypulse.local;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class MailMessagesTests {

	private static final String MULTIPART = String.join("\r\n", "Message-ID: <abc@policypulse>",
			"Subject: [PolicyPulse] Please confirm your subscription", "To: someone@example.test", "MIME-Version: 1.0",
			"Content-Type: multipart/alternative; boundary=\"b1\"", "", "--b1",
			"Content-Type: text/plain; charset=UTF-8", "",
			"Confirm here: http://127.0.0.1:8083/api/v1/subscriptions/confirm?token=AbC-12_x.y%3D", "", "--b1",
			"Content-Type: text/html; charset=UTF-8", "", "<p>Confirm <a href=\"http://x\">here</a></p>", "--b1--", "");

	@Test
	void readsThePlainTextPartOfAMultipartMessage() {
		MimeMessage message = MailMessages.parse(greenMailJson(MULTIPART));
		assertThat(MailMessages.subject(message)).isEqualTo("[PolicyPulse] Please confirm your subscription");
		assertThat(MailMessages.plainText(message)).startsWith("Confirm here:").doesNotContain("<p>");
		assertThat(MailMessages.header(message, "To")).isEqualTo("someone@example.test");
	}

	@Test
	void findsTheConfirmationLink() {
		String text = MailMessages.plainText(MailMessages.parse(greenMailJson(MULTIPART)));
		assertThat(MailMessages.confirmationLink(text))
			.isEqualTo("http://127.0.0.1:8083/api/v1/subscriptions/confirm?token=AbC-12_x.y%3D");
		assertThat(MailMessages.confirmationLink("no link in here")).isNull();
	}

	@Test
	void inboxPageEscapesMailContent() {
		assertThat(InboxServer.escape("<script>alert(\"x\")</script> & more"))
			.isEqualTo("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
	}

	private static ObjectNode greenMailJson(String raw) {
		return JsonMapper.builder().build().createObjectNode().put("mimeMessage", raw);
	}

}
