package dev.policypulse.notifier.digest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.policypulse.notifier.digest.DigestRepository.Waiting;
import dev.policypulse.notifier.subscription.ActiveSubscriptions;
import dev.policypulse.notifier.subscription.Subscription;

import org.springframework.stereotype.Component;

/**
 * Looks for digests that are due: for each confirmed, unpaused daily or weekly
 * subscription with items waiting, the latest period whose due time has come, if any of
 * its items were recorded by then. Only subscriptions with something to tell are looked
 * at, so that no empty digest is ever composed. Safe to run on several instances at once:
 * a period's digest is composed once ({@link DigestComposer}).
 */
@Component
class DueDigests {

	private static final Log logger = LogFactory.getLog(DueDigests.class);

	private final DigestRepository repository;

	private final DigestComposer composer;

	private final ActiveSubscriptions subscriptions;

	private final DigestProperties properties;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	DueDigests(DigestRepository repository, DigestComposer composer, ActiveSubscriptions subscriptions,
			DigestProperties properties, Clock clock, MeterRegistry meterRegistry) {
		this.repository = repository;
		this.composer = composer;
		this.subscriptions = subscriptions;
		this.properties = properties;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		// registered at zero, so that they show from the start, and rate() and
		// increase() see the first of each
		for (String cadence : List.of(Subscription.DAILY, Subscription.WEEKLY)) {
			for (String outcome : List.of("composed", "nothing_new", "failed")) {
				DigestMetrics.digests(meterRegistry, cadence, outcome);
			}
		}
	}

	/**
	 * One look: composes every digest that is due now.
	 * @return how many digests went into the outbox
	 */
	int composeDue() {
		Instant now = this.clock.instant();
		this.repository.discardUnwanted();
		int composed = 0;
		for (Waiting waiting : this.repository.waiting()) {
			DigestPeriod period = DigestPeriod.latest(waiting.delivery(), waiting.timezone(), waiting.digestHour(),
					this.properties.weeklyDay(), now);
			if (waiting.oldest().isAfter(period.dueAt())) {
				continue;
			}
			Optional<Subscription> subscription = this.subscriptions.find(waiting.subscriptionId());
			if (subscription.isEmpty() || Subscription.IMMEDIATE.equals(subscription.get().delivery())) {
				// changed since the look began
				continue;
			}
			// the preferences as they are now, should they have changed since the look
			// began
			period = DigestPeriod.latest(subscription.get().preferences(), this.properties.weeklyDay(), now);
			if (waiting.oldest().isAfter(period.dueAt())) {
				continue;
			}
			try {
				if (this.composer.compose(subscription.get(), period, now) == DigestComposer.Outcome.COMPOSED) {
					composed++;
				}
			}
			catch (RuntimeException ex) {
				// the others go on; this one is tried again on the next look
				logger.warn("Could not compose the " + period.key() + " digest of subscription "
						+ waiting.subscriptionId() + "; trying again on the next look: " + ex.getMessage());
				DigestMetrics.digests(this.meterRegistry, period.cadence(), "failed").increment();
			}
		}
		return composed;
	}

	/** {@link #composeDue}, logging instead of throwing; for the scheduler. */
	void composeDueQuietly() {
		try {
			composeDue();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not look for due digests; trying again on the next look: " + ex.getMessage());
		}
	}

}
