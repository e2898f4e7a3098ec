package dev.policypulse.classifier.classification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.policypulse.classifier.ClassifierProperties;
import dev.policypulse.classifier.engine.Classification;
import dev.policypulse.classifier.engine.ClassificationEngine;
import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;
import dev.policypulse.support.EventRecords;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Consume-transform-produce: each ingested item is classified and its verdict published
 * in the same Kafka transaction as the consumed offset, so a verdict is visible to
 * read-committed consumers exactly once. Failures propagate; the shared after-rollback
 * processor retries and then dead-letters the record. The consumer group is
 * {@code spring.kafka.consumer.group-id}, so that a replay instance can run in a group of
 * its own (see {@link ReplayFromTimestamp}).
 */
@Component
class ItemClassifier {

	static final String SOURCE = "/policypulse/classifier";

	private final ClassificationEngine engine;

	private final KafkaOperations<String, Object> kafka;

	private final ClassifierProperties properties;

	private final ClassificationMetrics metrics;

	private final Clock clock;

	ItemClassifier(ClassificationEngine engine, KafkaOperations<String, Object> kafka, ClassifierProperties properties,
			ClassificationMetrics metrics, Clock clock) {
		this.engine = engine;
		this.kafka = kafka;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
	}

	@KafkaListener(id = "policypulse-classifier", idIsGroup = false, topics = Topics.INGESTED)
	void onIngested(PolicyItemIngested item) {
		// the publication date tells which office-holders a surname can refer to
		long start = System.nanoTime();
		Classification result = this.engine.classify(item.title(), item.body(),
				LocalDate.ofInstant(item.publishedAt(), ZoneOffset.UTC));
		this.metrics.engineTook(System.nanoTime() - start);
		Instant now = this.clock.instant();
		PolicyItemClassified classified = new PolicyItemClassified(item, result.jurisdictions(),
				result.primaryJurisdiction(), result.topics(), result.policyMove(), result.severity(),
				this.properties.version(), now);
		this.kafka.send(EventRecords.event(Topics.CLASSIFIED, item.id(), classified, EventHeaders.TYPE_CLASSIFIED,
				SOURCE, now));
		countOnceCommitted(classified);
	}

	/**
	 * Counts the verdict when the container's transaction commits, so that rolled-back
	 * attempts (retried or dead-lettered) are not counted. Without a transaction (no
	 * {@code transaction-id-prefix}) it counts at once.
	 */
	private void countOnceCommitted(PolicyItemClassified classified) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.metrics.classified(classified);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				ItemClassifier.this.metrics.classified(classified);
			}

		});
	}

}
