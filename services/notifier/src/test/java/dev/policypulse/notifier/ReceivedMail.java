package dev.policypulse.notifier;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads what a GreenMail server received, for the notifier's integration tests. */
public final class ReceivedMail {

	private ReceivedMail() {
	}

	/** The messages addressed to {@code email}, in the order they arrived. */
	public static List<MimeMessage> to(GreenMailOperations smtp, String email) {
		return Arrays.stream(smtp.getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
					.anyMatch((address) -> address.toString().equals(email));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** The decoded content of the first part of the given type, or {@code null}. */
	public static String part(Part part, String mimeType) {
		try {
			if (part.isMimeType(mimeType)) {
				return (String) part.getContent();
			}
			if (part.getContent() instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					String found = part(multipart.getBodyPart(i), mimeType);
					if (found != null) {
						return found;
					}
				}
			}
			return null;
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
