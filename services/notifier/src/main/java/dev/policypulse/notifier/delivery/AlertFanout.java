package dev.policypulse.notifier.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.notifier.subscription.SubscriptionLinks;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Expands the items whose immediate alerts the consumer wrote as one row each
 * ({@link AlertEnqueuer}) into one outbox row per recipient, in the dispatch pass and in
 * the order the items were consumed. Each item is expanded in one transaction with the
 * outbox's rules: an address gets at most one alert per story, and an alert it does not
 * get because it already heard of the story is recorded as suppressed. Several passes (or
 * instances) expand different items: each locks the rows it expands.
 */
@Component
class AlertFanout {

	private static final Log logger = LogFactory.getLog(AlertFanout.class);

	private final Outbox outbox;

	private final JsonMapper json;

	private final TransactionOperations transactions;

	private final SubscriptionLinks links;

	private final Clock clock;

	private final Counter alertsEnqueued;

	private final Counter alertsSuppressed;

	AlertFanout(Outbox outbox, JsonMapper json, TransactionOperations transactions, SubscriptionLinks links,
			Clock clock, MeterRegistry meterRegistry) {
		this.outbox = outbox;
		this.json = json;
		this.transactions = transactions;
		this.links = links;
		this.clock = clock;
		this.alertsEnqueued = DeliveryMetrics.enqueued(meterRegistry, Outbox.ALERT);
		this.alertsSuppressed = DeliveryMetrics.alertsSuppressed(meterRegistry);
	}

	/**
	 * Expands items, oldest first, until at least {@code alerts} alerts were written, as
	 * many items were expanded (items whose recipients all had the story already write
	 * none) or none is left; does nothing while that many alerts already wait to be
	 * rendered.
	 * @return how many alerts were written
	 */
	int expandDue(int alerts) {
		if (!this.outbox.fewerUnrenderedThan(alerts, this.clock.instant())) {
			return 0;
		}
		int written = 0;
		for (int items = 0; written < alerts && items < alerts; items++) {
			Integer expanded = this.transactions.execute((status) -> expandOne());
			if (expanded == null || expanded < 0) {
				return written;
			}
			written += expanded;
		}
		return written;
	}

	/** Expands the oldest item not expanded yet; -1 when there is none. */
	private int expandOne() {
		List<Outbox.Fanout> due = this.outbox.fanoutsDue(1);
		if (due.isEmpty()) {
			return -1;
		}
		Outbox.Fanout fanout = due.get(0);
		Instant now = this.clock.instant();
		Outbox.StoredRecipient[] recipients;
		try {
			recipients = this.json.readValue(fanout.recipients(), Outbox.StoredRecipient[].class);
		}
		catch (RuntimeException ex) {
			// cannot happen with rows this service wrote; one that does must not hold up
			// the items after it
			logger.error("Item " + fanout.itemId() + ": its recipients cannot be read, so it alerts no one", ex);
			this.outbox.markExpanded(fanout.id(), now);
			return 0;
		}
		List<Outbox.Alert> alerts = new ArrayList<>(recipients.length);
		for (Outbox.StoredRecipient recipient : recipients) {
			String unsubscribeUrl = (recipient.unsubscribeUrl() != null) ? recipient.unsubscribeUrl()
					: this.links.unsubscribeUrl(recipient.subscriptionId());
			alerts.add(new Outbox.Alert(recipient.subscriptionId(), recipient.recipient(), fanout.storyId(),
					fanout.itemId(), fanout.classifierVersion(), recipient.matchedRules(), null,
					recipient.rulesJson(this.json), unsubscribeUrl, fanout.ingestedAt(), now));
		}
		int enqueued = 0;
		int suppressed = 0;
		for (Outbox.Enqueued outcome : this.outbox.enqueueAlerts(alerts)) {
			if (outcome == Outbox.Enqueued.ENQUEUED) {
				enqueued++;
			}
			else if (outcome == Outbox.Enqueued.SUPPRESSED) {
				suppressed++;
			}
		}
		this.outbox.markExpanded(fanout.id(), now);
		// counted once the transaction commits: a rolled back expansion is done again
		double alertsWritten = enqueued;
		double repeats = suppressed;
		DeliveryMetrics.afterCommit(() -> {
			this.alertsEnqueued.increment(alertsWritten);
			this.alertsSuppressed.increment(repeats);
		});
		return enqueued;
	}

}
