package dev.policypulse.classifier.classification;

import java.time.Clock;
import java.time.Instant;

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

/**
 * Consume-transform-produce: each ingested item is classified and its verdict published
 * in the same Kafka transaction as the consumed offset, so a verdict is visible to
 * read-committed consumers exactly once. Failures propagate; the shared after-rollback
 * processor retries and then dead-letters the record.
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

	@KafkaListener(id = "policypulse-classifier", groupId = "policypulse-classifier", topics = Topics.INGESTED)
	void onIngested(PolicyItemIngested item) {
		Classification result = this.engine.classify(item.title(), item.body());
		Instant now = this.clock.instant();
		PolicyItemClassified classified = new PolicyItemClassified(item, result.jurisdictions(),
				result.primaryJurisdiction(), result.topics(), result.policyMove(), result.severity(),
				this.properties.version(), now);
		this.kafka.send(EventRecords.event(Topics.CLASSIFIED, item.id(), classified, EventHeaders.TYPE_CLASSIFIED,
				SOURCE, now));
		this.metrics.classified(classified);
	}

}
