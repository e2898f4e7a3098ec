package dev.policypulse.support;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import dev.policypulse.contracts.Topics;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes a record that kept failing to {@code <topic>-dlt} on the same partition and
 * counts it, once the dead-letter topic has it, as
 * {@code policypulse.<service>.dead.letters} tagged with the topic it came from.
 */
class CountingDeadLetterRecoverer extends DeadLetterPublishingRecoverer {

	private final MeterRegistry registry;

	private final String metricName;

	CountingDeadLetterRecoverer(KafkaOperations<?, ?> template, MeterRegistry registry, String service) {
		super(template, (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		this.registry = registry;
		this.metricName = "policypulse." + service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
				+ ".dead.letters";
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, Exception exception) {
		super.accept(record, consumer, exception);
		// counted only once the dead-letter topic acknowledged it (a failed publication
		// is retried, and would otherwise count twice) and, inside a transaction, once it
		// commits (an aborted batch is dead-lettered again when it is retried)
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			count(record.topic());
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				count(record.topic());
			}

		});
	}

	private void count(String topic) {
		Counter.builder(this.metricName)
			.description("Records that could not be processed and were published to their dead-letter topic")
			.tag("topic", topic)
			.register(this.registry)
			.increment();
	}

}
