package dev.policypulse.notifier.email;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Renders the email that asks a new subscriber to confirm their address. */
@Component
public class ConfirmationEmails {

	/**
	 * The confirmation email.
	 * @param jurisdictions the followed jurisdictions
	 * @param topics the followed topics
	 * @param confirmUrl the signed confirmation link
	 * @return the rendered email
	 */
	public RenderedEmail render(List<String> jurisdictions, List<String> topics, String confirmUrl) {
		String following = describe(jurisdictions, topics);
		String subject = "[PolicyPulse] Confirm your subscription";
		String text = "Someone, hopefully you, asked PolicyPulse to email this address about crypto-policy moves: "
				+ following + ".\n\nConfirm with this link:\n" + confirmUrl
				+ "\n\nIf it was not you, ignore this email: nothing more will be sent.\n";
		String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + subject
				+ "</title></head>\n<body style=\"font-family: sans-serif; max-width: 40em\">\n"
				+ "<p>Someone, hopefully you, asked PolicyPulse to email this address about crypto-policy moves: "
				+ HtmlUtils.htmlEscape(following) + ".</p>\n<p><a href=\"" + HtmlUtils.htmlEscape(confirmUrl)
				+ "\">Confirm the subscription</a></p>\n"
				+ "<p>If it was not you, ignore this email: nothing more will be sent.</p>\n</body>\n</html>\n";
		return new RenderedEmail(subject, text, html);
	}

	private static String describe(List<String> jurisdictions, List<String> topics) {
		String where = jurisdictions.isEmpty() ? "any jurisdiction"
				: jurisdictions.stream().map(Names::jurisdiction).collect(Collectors.joining(", "));
		String what = topics.isEmpty() ? "any kind of move"
				: topics.stream().map(Names::topic).collect(Collectors.joining(", "));
		return where + "; " + what;
	}

}
