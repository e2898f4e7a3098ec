package dev.policypulse.classifier.classification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.classifier.ClassifierProperties;
import dev.policypulse.classifier.engine.Classification;
import dev.policypulse.classifier.engine.ClassificationEngine;
import dev.policypulse.contracts.EventHeaders;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;
import dev.policypulse.support.EventRecords;
import dev.policypulse.support.TransactionalDeadLetters;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Consume-transform-produce, a poll at a time: each batch of ingested items is classified
 * and the verdicts published in one Kafka transaction together with the consumed offsets,
 * so a verdict is visible to read-committed consumers exactly once, and a batch costs one
 * commit instead of one per item. A record that cannot be classified (it does not
 * deserialize into an item, or the engine fails on it) is dead-lettered in the same
 * transaction and the rest of the batch goes on; so is one whose verdict would be too
 * large to publish. Any other failure (the broker, the transaction) rolls the batch back,
 * and the shared after-rollback processor retries it. The consumer group is
 * {@code spring.kafka.consumer.group-id}, so that a replay instance can run in a group of
 * its own (see {@link ReplayFromTimestamp}).
 */
@Component
class ItemClassifier {

	static final String SOURCE = "/policypulse/classifier";

	private static final int HEADER_ROOM = 16 * 1024;

	private final ClassificationEngine engine;

	private final KafkaOperations<String, Object> kafka;

	private final TransactionalDeadLetters deadLetters;

	private final ClassifierProperties properties;

	private final ClassificationMetrics metrics;

	private final Clock clock;

	private final JsonMapper json;

	/** Largest verdict the producer can send, less room for the record's headers. */
	private final int maxVerdictBytes;

	ItemClassifier(ClassificationEngine engine, KafkaOperations<String, Object> kafka,
			TransactionalDeadLetters deadLetters, ClassifierProperties properties, ClassificationMetrics metrics,
			Clock clock, JsonMapper json, KafkaProperties kafkaProperties) {
		this.engine = engine;
		this.kafka = kafka;
		this.deadLetters = deadLetters;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = clock;
		this.json = json;
		Object maxRequestSize = kafkaProperties.buildProducerProperties().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
		this.maxVerdictBytes = ((maxRequestSize != null) ? Integer.parseInt(maxRequestSize.toString()) : 1048576)
				- HEADER_ROOM;
	}

	@KafkaListener(id = "policypulse-classifier", idIsGroup = false, topics = Topics.INGESTED, batch = "true")
	void onIngested(List<ConsumerRecord<String, PolicyItemIngested>> records, Consumer<?, ?> consumer) {
		List<PolicyItemClassified> verdicts = new ArrayList<>(records.size());
		for (ConsumerRecord<String, PolicyItemIngested> record : records) {
			PolicyItemIngested item = record.value();
			if (item == null) {
				DeserializationException failure = TransactionalDeadLetters.valueFailure(record);
				this.deadLetters.publish(record, consumer, (failure != null) ? failure
						: new IllegalArgumentException("The record has no value, so it is no ingested item"));
				continue;
			}
			PolicyItemClassified classified;
			byte[] verdict;
			try {
				classified = classify(item);
				// serialised here, once, to check its size: a verdict the producer would
				// refuse would abort every retry of the batch
				verdict = this.json.writeValueAsBytes(classified);
				if (verdict.length > this.maxVerdictBytes) {
					throw new IllegalArgumentException("The verdict would take " + verdict.length
							+ " bytes, more than the producer sends (" + this.maxVerdictBytes + ")");
				}
			}
			catch (RuntimeException ex) {
				this.deadLetters.publish(record, consumer, ex);
				continue;
			}
			// the producer writes bytes as they are
			this.kafka.send(EventRecords.event(Topics.CLASSIFIED, item.id(), verdict, EventHeaders.TYPE_CLASSIFIED,
					SOURCE, classified.classifiedAt()));
			verdicts.add(classified);
		}
		countOnceCommitted(verdicts);
	}

	private PolicyItemClassified classify(PolicyItemIngested item) {
		// the publication date tells which office-holders a surname can refer to
		long start = System.nanoTime();
		Classification result = this.engine.classify(item.title(), item.body(),
				LocalDate.ofInstant(item.publishedAt(), ZoneOffset.UTC));
		this.metrics.engineTook(System.nanoTime() - start);
		Instant now = this.clock.instant();
		return new PolicyItemClassified(item, result.jurisdictions(), result.primaryJurisdiction(), result.topics(),
				result.policyMove(), result.severity(), this.properties.version(), now);
	}

	/**
	 * Counts the verdicts when the container's transaction commits, so that rolled-back
	 * attempts (retried or dead-lettered) are not counted. Without a transaction (no
	 * {@code transaction-id-prefix}) it counts at once.
	 */
	private void countOnceCommitted(List<PolicyItemClassified> verdicts) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			verdicts.forEach(this.metrics::classified);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				verdicts.forEach(ItemClassifier.this.metrics::classified);
			}

		});
	}

}
