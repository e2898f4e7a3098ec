package dev.policypulse.notifier.email;

import java.util.Map;

import dev.policypulse.contracts.PolicyItemClassified;

import org.springframework.stereotype.Component;

/**
 * Renders the alert about one classified item for one subscriber, from the templates
 * {@code alert.txt} and {@code alert.html}. The same item, rules and links always give
 * the same email.
 */
@Component
public class AlertEmails {

	/** Subjects are kept to about this many characters; the title gives way first. */
	static final int SUBJECT_LENGTH = 150;

	/** The headline part of a subject never takes more than this. */
	static final int HEADLINE_LENGTH = 70;

	/** However long the headline, the subject keeps this much of the title. */
	static final int MIN_SUBJECT_TITLE_LENGTH = 40;

	static final String SUBJECT_PREFIX = "[PolicyPulse] ";

	private final EmailTemplates templates;

	AlertEmails(EmailTemplates templates) {
		this.templates = templates;
	}

	/**
	 * The alert's subject, plain text and HTML.
	 * @param item the classified item
	 * @param rules why this subscriber gets it
	 * @param links the subscriber's preference and unsubscribe links
	 * @return the rendered email
	 */
	public RenderedEmail render(PolicyItemClassified item, MatchedRules rules, EmailLinks links) {
		ItemView view = ItemView.of(item, rules);
		Map<String, Object> variables = Map.of("item", view, "links", links);
		return new RenderedEmail(subject(view), this.templates.render("alert.txt", variables),
				this.templates.render("alert.html", variables));
	}

	/**
	 * {@code [PolicyPulse] <primary jurisdiction> · <move in words> — <title>}, the title
	 * shortened to keep the whole near {@link #SUBJECT_LENGTH} characters.
	 */
	static String subject(ItemView view) {
		String headline = Texts.shorten(view.headline(), HEADLINE_LENGTH);
		String lead = headline.isEmpty() ? SUBJECT_PREFIX : SUBJECT_PREFIX + headline + " — ";
		return lead + Texts.shorten(view.title(), Math.max(SUBJECT_LENGTH - lead.length(), MIN_SUBJECT_TITLE_LENGTH));
	}

}
