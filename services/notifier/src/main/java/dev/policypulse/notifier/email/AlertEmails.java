package dev.policypulse.notifier.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.email.MatchedRules.MatchedJurisdiction;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** Renders the alert about one classified item for one subscriber. */
@Component
public class AlertEmails {

	private static final int SUMMARY_LENGTH = 300;

	private static final int SUBJECT_TITLE_LENGTH = 160;

	/**
	 * The alert's subject, plain text and HTML.
	 * @param item the classified item
	 * @param rules why this subscriber gets it
	 * @param unsubscribeUrl the subscriber's one-click unsubscribe link
	 * @return the rendered email
	 */
	public RenderedEmail render(PolicyItemClassified item, MatchedRules rules, String unsubscribeUrl) {
		String headline = headline(item, rules);
		String title = oneLine(item.item().title());
		String subject = "[PolicyPulse] " + (headline.isEmpty() ? "" : headline + " — ")
				+ truncate(title, SUBJECT_TITLE_LENGTH);
		String jurisdictions = item.jurisdictions()
			.stream()
			.map((tag) -> Names.jurisdiction(tag.code()) + " (" + role(tag.role()) + ")")
			.collect(Collectors.joining(", "));
		String topics = item.topics().stream().map((tag) -> Names.topic(tag.code())).collect(Collectors.joining(", "));
		String severity = item.severity().name().toLowerCase(Locale.ROOT);
		String summary = truncate(item.item().body().strip(), SUMMARY_LENGTH);
		List<String> reasons = reasons(rules);
		String url = item.item().url();
		return new RenderedEmail(subject,
				text(headline, title, jurisdictions, topics, severity, summary, url, reasons, unsubscribeUrl,
						item.classifierVersion()),
				html(headline, title, jurisdictions, topics, severity, summary, url, reasons, unsubscribeUrl,
						item.classifierVersion()));
	}

	private static String text(String headline, String title, String jurisdictions, String topics, String severity,
			String summary, String url, List<String> reasons, String unsubscribeUrl, String classifierVersion) {
		StringBuilder text = new StringBuilder();
		if (!headline.isEmpty()) {
			text.append(headline).append('\n');
		}
		text.append(title).append("\n\n");
		text.append("Jurisdictions: ").append(orNone(jurisdictions)).append('\n');
		text.append("The move: ").append(orNone(topics)).append('\n');
		text.append("Severity: ").append(severity).append("\n\n");
		if (!summary.isEmpty()) {
			text.append(summary).append("\n\n");
		}
		text.append("Read the source: ").append(url).append("\n\n");
		text.append("Why you got this\n");
		reasons.forEach((reason) -> text.append("- ").append(reason).append('\n'));
		text.append("\nUnsubscribe with one click: ").append(unsubscribeUrl).append('\n');
		text.append("Classified by PolicyPulse ").append(classifierVersion).append(".\n");
		return text.toString();
	}

	private static String html(String headline, String title, String jurisdictions, String topics, String severity,
			String summary, String url, List<String> reasons, String unsubscribeUrl, String classifierVersion) {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>")
			.append(escape(title))
			.append("</title></head>\n<body style=\"font-family: sans-serif; max-width: 40em\">\n");
		if (!headline.isEmpty()) {
			html.append("<p style=\"color: #555\">").append(escape(headline)).append("</p>\n");
		}
		html.append("<h1 style=\"font-size: 1.3em\">").append(escape(title)).append("</h1>\n");
		html.append("<table>\n");
		row(html, "Jurisdictions", orNone(jurisdictions));
		row(html, "The move", orNone(topics));
		row(html, "Severity", severity);
		html.append("</table>\n");
		if (!summary.isEmpty()) {
			html.append("<p>").append(escape(summary)).append("</p>\n");
		}
		if (isWebLink(url)) {
			html.append("<p><a href=\"").append(escape(url)).append("\">Read the source</a></p>\n");
		}
		else {
			html.append("<p>Source: ").append(escape(url)).append("</p>\n");
		}
		html.append("<h2 style=\"font-size: 1em\">Why you got this</h2>\n<ul>\n");
		reasons.forEach((reason) -> html.append("<li>").append(escape(reason)).append("</li>\n"));
		html.append("</ul>\n");
		html.append("<p style=\"color: #555; font-size: 0.9em\"><a href=\"")
			.append(escape(unsubscribeUrl))
			.append("\">Unsubscribe</a> · Classified by PolicyPulse ")
			.append(escape(classifierVersion))
			.append(".</p>\n</body>\n</html>\n");
		return html.toString();
	}

	private static void row(StringBuilder html, String label, String value) {
		html.append("<tr><th style=\"text-align: left; padding-right: 1em\">")
			.append(label)
			.append("</th><td>")
			.append(escape(value))
			.append("</td></tr>\n");
	}

	/** {@code Pakistan · international cooperation}: where and what, as far as known. */
	static String headline(PolicyItemClassified item, MatchedRules rules) {
		List<String> parts = new ArrayList<>(2);
		String jurisdiction = headlineJurisdiction(item, rules);
		if (jurisdiction != null) {
			parts.add(Names.jurisdiction(jurisdiction));
		}
		String topic = !rules.topics().isEmpty() ? rules.topics().get(0)
				: item.topics().stream().map(TopicTag::code).findFirst().orElse(null);
		if (topic != null) {
			parts.add(Names.topic(topic));
		}
		return String.join(" · ", parts);
	}

	private static String headlineJurisdiction(PolicyItemClassified item, MatchedRules rules) {
		if (!rules.jurisdictions().isEmpty()) {
			return rules.jurisdictions()
				.stream()
				.map(MatchedJurisdiction::tagged)
				.filter((code) -> code.equals(item.primaryJurisdiction()))
				.findFirst()
				.orElse(rules.jurisdictions().get(0).tagged());
		}
		if (item.primaryJurisdiction() != null) {
			return item.primaryJurisdiction();
		}
		return item.jurisdictions()
			.stream()
			.filter((tag) -> tag.role() == Role.ACTOR)
			.map(JurisdictionTag::code)
			.findFirst()
			.orElse(null);
	}

	private static List<String> reasons(MatchedRules rules) {
		List<String> reasons = new ArrayList<>();
		if (rules.followedJurisdictions().isEmpty()) {
			reasons.add("You follow every jurisdiction.");
		}
		else {
			for (MatchedJurisdiction match : rules.jurisdictions()) {
				reasons.add("You follow " + Names.jurisdiction(match.subscribed()) + ": "
						+ Names.jurisdiction(match.tagged()) + " is " + article(match.role()) + " here.");
			}
		}
		if (rules.followedTopics().isEmpty()) {
			reasons.add("You follow every kind of policy move.");
		}
		else {
			reasons.add("You follow " + names(rules.followedTopics()) + ": this item is about " + names(rules.topics())
					+ ".");
		}
		return reasons;
	}

	private static String names(List<String> topics) {
		return topics.stream().map(Names::topic).collect(Collectors.joining(", "));
	}

	private static String role(Role role) {
		return role.name().toLowerCase(Locale.ROOT);
	}

	private static String article(Role role) {
		return switch (role) {
			case ACTOR -> "the actor";
			case COUNTERPARTY -> "a counterparty";
			case MENTIONED -> "mentioned";
		};
	}

	private static boolean isWebLink(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		return lower.startsWith("https://") || lower.startsWith("http://");
	}

	private static String orNone(String value) {
		return value.isEmpty() ? "none" : value;
	}

	private static String oneLine(String value) {
		return value.replaceAll("\\s+", " ").strip();
	}

	static String truncate(String value, int max) {
		if (value.length() <= max) {
			return value;
		}
		int cut = value.lastIndexOf(' ', max - 1);
		return value.substring(0, (cut > max / 2) ? cut : max - 1).stripTrailing() + "…";
	}

	private static String escape(String value) {
		return HtmlUtils.htmlEscape(value, "UTF-8");
	}

}
