package dev.policypulse.notifier.matching;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.policypulse.notifier.subscription.SubscriptionChanged;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Brings a changed subscription into the matching index as soon as its change commits
 * (never before: a change that rolls back must not reach the index), in the thread that
 * made it, so that a subscriber who has just confirmed or resumed is matched from the
 * next item on.
 */
@Component
class SubscriptionChanges {

	private static final Log logger = LogFactory.getLog(SubscriptionChanges.class);

	private final SubscriptionMatcher matcher;

	SubscriptionChanges(SubscriptionMatcher matcher) {
		this.matcher = matcher;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void onChanged(SubscriptionChanged event) {
		try {
			this.matcher.refresh(event.subscriptionId());
		}
		catch (RuntimeException ex) {
			// the change is committed; the periodic rebuild will pick it up
			logger.warn("Could not bring subscription " + event.subscriptionId()
					+ " into the matching index; the next rebuild will: " + ex.getMessage());
		}
	}

}
