package dev.policypulse.notifier.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.policypulse.notifier.digest.DigestComposed;
import dev.policypulse.notifier.digest.DigestRepeatsLeftOut;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Enqueues a composed digest in the transaction that composed it, so that a period counts
 * as done exactly when its digest is in the outbox; records the stories it left out as
 * suppressed in that transaction too.
 */
@Component
class DigestEnqueuer {

	private final Outbox outbox;

	private final Counter enqueued;

	DigestEnqueuer(Outbox outbox, MeterRegistry meterRegistry) {
		this.outbox = outbox;
		this.enqueued = DeliveryMetrics.enqueued(meterRegistry, Outbox.DIGEST);
	}

	@EventListener
	void onComposed(DigestComposed digest) {
		if (this.outbox.enqueueDigest(digest.subscriptionId(), digest.digestId(), digest.recipient(), digest.period(),
				digest.content(), digest.unsubscribeUrl(), digest.composedAt())) {
			DeliveryMetrics.afterCommit(this.enqueued::increment);
		}
	}

	@EventListener
	void onRepeatsLeftOut(DigestRepeatsLeftOut digest) {
		this.outbox.recordLeftOutOfDigest(digest.digestId(), digest.at());
	}

}
