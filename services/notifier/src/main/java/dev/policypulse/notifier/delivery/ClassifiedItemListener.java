package dev.policypulse.notifier.delivery;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Topics;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes classified items. The offset is committed after the alerts are stored, so a
 * crash means redelivery, which the outbox's uniqueness makes harmless. Failures
 * propagate to the shared error handler, which retries and then dead-letters the record.
 */
@Component
class ClassifiedItemListener {

	private final AlertEnqueuer enqueuer;

	ClassifiedItemListener(AlertEnqueuer enqueuer) {
		this.enqueuer = enqueuer;
	}

	@KafkaListener(id = "notifier-classified-items", groupId = "policypulse-notifier", topics = Topics.CLASSIFIED)
	void onClassified(PolicyItemClassified item) {
		this.enqueuer.enqueue(item);
	}

}
