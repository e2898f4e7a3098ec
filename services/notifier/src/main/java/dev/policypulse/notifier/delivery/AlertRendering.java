package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.email.AlertEmails;
import dev.policypulse.notifier.email.EmailLinks;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.subscription.SubscriptionLinks;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Renders alerts in the dispatch pass, shortly before they are claimed for sending. The
 * consumer of classified items only writes one row per recipient with why the recipient
 * gets it; rendering the subject, text and HTML (the costly part) happens here, at the
 * pace emails leave, and never holds up consumption. Several passes (or instances) render
 * different rows: each locks the rows it renders.
 */
@Component
class AlertRendering {

	private static final Log logger = LogFactory.getLog(AlertRendering.class);

	private final Outbox outbox;

	private final AlertEmails alertEmails;

	private final SubscriptionLinks links;

	private final JsonMapper json;

	private final TransactionOperations transactions;

	private final Clock clock;

	AlertRendering(Outbox outbox, AlertEmails alertEmails, SubscriptionLinks links, JsonMapper json,
			TransactionOperations transactions, Clock clock) {
		this.outbox = outbox;
		this.alertEmails = alertEmails;
		this.links = links;
		this.json = json;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Renders up to {@code limit} due alerts that have no email yet.
	 * @return how many were rendered (alerts that cannot be are given up, and not
	 * counted)
	 */
	int renderDue(int limit) {
		Integer rendered = this.transactions.execute((status) -> renderLocked(limit));
		return (rendered != null) ? rendered : 0;
	}

	private int renderLocked(int limit) {
		Instant now = this.clock.instant();
		List<Outbox.Unrendered> due = this.outbox.unrenderedDue(now, limit);
		Map<String, PolicyItemClassified> items = new HashMap<>();
		List<Outbox.Rendered> rendered = new ArrayList<>(due.size());
		AlertEmails.Batch emails = this.alertEmails.batch();
		for (Outbox.Unrendered alert : due) {
			if (alert.itemPayload() == null) {
				this.outbox.markUnrenderable(alert.id(), now, "Cannot be rendered: its item was not stored");
				continue;
			}
			try {
				PolicyItemClassified item = items.computeIfAbsent(alert.itemId() + "|" + alert.classifierVersion(),
						(id) -> this.json.readValue(alert.itemPayload(), PolicyItemClassified.class));
				MatchedRules rules = this.json.readValue(alert.rules(), MatchedRules.class);
				EmailLinks links = new EmailLinks(this.links.preferencesUrl(alert.subscriptionId()),
						this.links.unsubscribeUrl(alert.subscriptionId()));
				rendered.add(new Outbox.Rendered(alert.id(), emails.render(item, rules, links)));
			}
			catch (RuntimeException ex) {
				// whatever the cause, one alert must not hold up the others: a row that
				// cannot be rendered now would fail the same way on every pass
				logger.error("Alert " + alert.id() + " cannot be rendered; giving it up", ex);
				this.outbox.markUnrenderable(alert.id(), now, "Cannot be rendered: " + ex.getMessage());
			}
		}
		this.outbox.storeRendered(rendered);
		return rendered.size();
	}

}
