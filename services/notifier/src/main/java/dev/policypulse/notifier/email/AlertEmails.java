package dev.policypulse.notifier.email;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.policypulse.contracts.PolicyItemClassified;

import org.springframework.stereotype.Component;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.util.EscapedAttributeUtils;

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

	/**
	 * Links a batch renders in place of the recipient's: random, so that no item's text
	 * can contain them, and made of letters and digits only, so that no escaping changes
	 * them.
	 */
	private static final EmailLinks LINK_STAND_INS = new EmailLinks(standIn(), standIn());

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
		return render(ItemView.of(item, rules), links);
	}

	private RenderedEmail render(ItemView view, EmailLinks links) {
		Map<String, Object> variables = Map.of("item", view, "links", links);
		return new RenderedEmail(subject(view), this.templates.render("alert.txt", variables),
				this.templates.render("alert.html", variables));
	}

	/**
	 * A renderer for many alerts at once, such as a dispatch pass's batch. The recipients
	 * of one item mostly share everything but their links, so it renders the templates
	 * once per distinct content, with stand-ins for the links, and puts each recipient's
	 * links in (in the HTML part escaped as Thymeleaf escapes attribute values, since the
	 * links only appear in {@code th:href}); the emails are the same as
	 * {@link #render}'s. It keeps what it rendered until it is dropped: use one per
	 * batch.
	 */
	public Batch batch() {
		return new Batch();
	}

	/** Renders alerts, the templates once per distinct content; not thread-safe. */
	public final class Batch {

		private final Map<ItemView, RenderedEmail> rendered = new HashMap<>();

		private Batch() {
		}

		/** The same email as {@link AlertEmails#render}. */
		public RenderedEmail render(PolicyItemClassified item, MatchedRules rules, EmailLinks links) {
			RenderedEmail template = this.rendered.computeIfAbsent(ItemView.of(item, rules),
					(view) -> AlertEmails.this.render(view, LINK_STAND_INS));
			return new RenderedEmail(template.subject(),
					template.text()
						.replace(LINK_STAND_INS.preferencesUrl(), links.preferencesUrl())
						.replace(LINK_STAND_INS.unsubscribeUrl(), links.unsubscribeUrl()),
					template.html()
						.replace(LINK_STAND_INS.preferencesUrl(),
								EscapedAttributeUtils.escapeAttribute(TemplateMode.HTML, links.preferencesUrl()))
						.replace(LINK_STAND_INS.unsubscribeUrl(),
								EscapedAttributeUtils.escapeAttribute(TemplateMode.HTML, links.unsubscribeUrl())));
		}

	}

	private static String standIn() {
		return "policypulselink" + UUID.randomUUID().toString().replace("-", "");
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
