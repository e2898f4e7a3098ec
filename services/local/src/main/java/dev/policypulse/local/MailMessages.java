package dev.policypulse.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * Reads the messages that GreenMail's REST API returns (raw MIME in {@code mimeMessage}).
 */
final class MailMessages {

	private static final Session SESSION = Session.getInstance(new Properties());

	private static final Pattern CONFIRM_LINK = Pattern
		.compile("https?://[^\\s\"<>]+/api/v1/subscriptions/confirm\\?token=[A-Za-z0-9_\\-.%=]+");

	private MailMessages() {
	}

	static MimeMessage parse(JsonNode message) {
		try {
			return new MimeMessage(SESSION,
					new ByteArrayInputStream(message.path("mimeMessage").asString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Unreadable message from the mail catcher", ex);
		}
	}

	/** The plain-text part of {@code message}, or its only text if it has no parts. */
	static String plainText(MimeMessage message) {
		try {
			String text = findPart(message, "text/plain");
			return (text != null) ? text : String.valueOf(findPart(message, "text/html"));
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("Unreadable message from the mail catcher", ex);
		}
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, ", ");
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The subscription confirmation link in {@code text}, or {@code null}. */
	static String confirmationLink(String text) {
		Matcher matcher = CONFIRM_LINK.matcher(text);
		return matcher.find() ? matcher.group() : null;
	}

	private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
		if (part.isMimeType(mimeType)) {
			return String.valueOf(part.getContent());
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String found = findPart(child, mimeType);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
