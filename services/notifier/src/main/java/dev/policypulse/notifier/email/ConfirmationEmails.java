package dev.policypulse.notifier.email;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * Renders the email that asks a new subscriber to confirm their address, from the
 * templates {@code confirmation.txt} and {@code confirmation.html}.
 */
@Component
public class ConfirmationEmails {

	static final String SUBJECT = "[PolicyPulse] Confirm your subscription";

	private final EmailTemplates templates;

	ConfirmationEmails(EmailTemplates templates) {
		this.templates = templates;
	}

	/**
	 * The confirmation email.
	 * @param jurisdictions the followed jurisdictions
	 * @param topics the followed topics
	 * @param confirmUrl the signed confirmation link
	 * @return the rendered email
	 */
	public RenderedEmail render(List<String> jurisdictions, List<String> topics, String confirmUrl) {
		Map<String, Object> variables = Map.of("subject", SUBJECT, "following", describe(jurisdictions, topics),
				"confirmUrl", confirmUrl);
		return new RenderedEmail(SUBJECT, this.templates.render("confirmation.txt", variables),
				this.templates.render("confirmation.html", variables));
	}

	private static String describe(List<String> jurisdictions, List<String> topics) {
		String where = jurisdictions.isEmpty() ? "any jurisdiction"
				: jurisdictions.stream().map(Names::jurisdiction).collect(Collectors.joining(", "));
		String what = topics.isEmpty() ? "any kind of move"
				: topics.stream().map(Names::move).collect(Collectors.joining(", "));
		return where + "; " + what;
	}

}
