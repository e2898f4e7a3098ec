package dev.policypulse.notifier.subscription;

import org.springframework.web.util.HtmlUtils;

/**
 * The small HTML pages that subscribers see when they follow an emailed link. Their forms
 * post to the link's full public URL, so that they work behind a proxy that serves this
 * service under a path prefix.
 */
final class LinkPages {

	private LinkPages() {
	}

	static String confirmSubscription(Subscription subscription, String confirmUrl) {
		return page("Confirm your subscription",
				"<p>Send PolicyPulse alerts to " + HtmlUtils.htmlEscape(subscription.email())
						+ "?</p>\n<form method=\"post\" action=\"" + HtmlUtils.htmlEscape(confirmUrl) + "\">\n"
						+ "<button type=\"submit\">Confirm</button>\n</form>");
	}

	static String subscribed(Subscription subscription) {
		return page("You're subscribed", "<p>Alerts for " + HtmlUtils.htmlEscape(subscription.email())
				+ " are on. Every email has a link to stop them.</p>");
	}

	static String confirmUnsubscribe(Subscription subscription, String unsubscribeUrl) {
		return page("Unsubscribe?",
				"<p>Stop sending PolicyPulse alerts to " + HtmlUtils.htmlEscape(subscription.email())
						+ "?</p>\n<form method=\"post\" action=\"" + HtmlUtils.htmlEscape(unsubscribeUrl) + "\">\n"
						+ "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
						+ "<button type=\"submit\">Unsubscribe</button>\n</form>");
	}

	static String unsubscribed(Subscription subscription) {
		return page("You're unsubscribed",
				"<p>No more alerts will go to " + HtmlUtils.htmlEscape(subscription.email()) + ".</p>");
	}

	static String error(String message) {
		return page("This link does not work", "<p>" + HtmlUtils.htmlEscape(message) + "</p>");
	}

	private static String page(String title, String content) {
		return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>PolicyPulse: " + title
				+ "</title></head>\n<body>\n<h1>" + title + "</h1>\n" + content + "\n</body>\n</html>\n";
	}

}
