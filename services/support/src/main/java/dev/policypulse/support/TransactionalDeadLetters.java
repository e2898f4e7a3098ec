package dev.policypulse.support;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Dead-letters records from inside a transactional batch listener. A batch runs in one
 * Kafka transaction, so a record that cannot be processed is published to
 * {@code <topic>-dlt} (same partition, raw bytes when it could not be deserialized) with
 * the service's transactional producer: the dead letter commits or aborts together with
 * the rest of the batch and its offsets, and the other records of the batch go on. It is
 * counted as {@code policypulse.<service>.dead.letters} once the transaction commits.
 */
public final class TransactionalDeadLetters {

	private static final LogAccessor logger = new LogAccessor(TransactionalDeadLetters.class);

	private final DeadLetterPublishingRecoverer recoverer;

	TransactionalDeadLetters(DeadLetterPublishingRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	/**
	 * The reason a record's value could not be deserialized, or {@code null} when it was.
	 */
	public static @Nullable DeserializationException valueFailure(ConsumerRecord<?, ?> record) {
		return SerializationUtils.getExceptionFromHeader(record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
				logger);
	}

	/**
	 * Publishes the record to its dead-letter topic in the current transaction and waits
	 * for the broker to accept it.
	 */
	public void publish(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception cause) {
		this.recoverer.accept(record, consumer, cause);
	}

}
