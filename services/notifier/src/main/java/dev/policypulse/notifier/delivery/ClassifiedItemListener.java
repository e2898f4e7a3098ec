package dev.policypulse.notifier.delivery;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Topics;
import dev.policypulse.support.TransactionalDeadLetters;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Consumes classified items a poll at a time, storing the whole poll's alerts and digest
 * entries in one database transaction: an item then costs a few statements, not a
 * transaction of its own. Offsets are committed after that transaction, so a crash means
 * redelivery, which the outbox's uniqueness makes harmless.
 * <p>
 * When one record fails (it is not a classified item, or storing it fails), the records
 * before it are stored again in a transaction of their own and the failure is reported
 * for that record alone: the shared error handler commits the offsets before it, retries
 * it with back-off (without limit while the database is down) and dead-letters it when
 * the retries run out, and the records after it are delivered again. A failure is always
 * pinned to one record, so a poll is never dead-lettered as a whole.
 */
@Component
class ClassifiedItemListener {

	private final AlertEnqueuer enqueuer;

	private final TransactionOperations transactions;

	ClassifiedItemListener(AlertEnqueuer enqueuer, TransactionOperations transactions) {
		this.enqueuer = enqueuer;
		this.transactions = transactions;
	}

	@KafkaListener(id = "notifier-classified-items", groupId = "policypulse-notifier", topics = Topics.CLASSIFIED,
			batch = "true")
	void onClassified(List<ConsumerRecord<String, PolicyItemClassified>> records) {
		Failure failure = store(records, records.size());
		if (failure == null) {
			return;
		}
		if (failure.index() > 0) {
			// keep the records before the failed one: the error handler commits their
			// offsets
			Failure again = store(records, failure.index());
			if (again != null) {
				failure = again;
			}
		}
		throw new BatchListenerFailedException("Cannot store the alerts of a classified item", failure.cause(),
				records.get(failure.index()));
	}

	/**
	 * Stores the first {@code count} records in one transaction; when one fails, rolls it
	 * all back.
	 * @return {@code null}, or the failed record's index and why (index 0 when the
	 * transaction itself could not begin or commit)
	 */
	private @Nullable Failure store(List<ConsumerRecord<String, PolicyItemClassified>> records, int count) {
		try {
			return this.transactions.execute((status) -> {
				for (int i = 0; i < count; i++) {
					try {
						this.enqueuer.enqueue(item(records.get(i)));
					}
					catch (RuntimeException ex) {
						status.setRollbackOnly();
						return new Failure(i, ex);
					}
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			return new Failure(0, ex);
		}
	}

	private static PolicyItemClassified item(ConsumerRecord<String, PolicyItemClassified> record) {
		PolicyItemClassified item = record.value();
		if (item != null) {
			return item;
		}
		RuntimeException failure = TransactionalDeadLetters.valueFailure(record);
		throw (failure != null) ? failure
				: new IllegalArgumentException("The record has no value, so it is no classified item");
	}

	private record Failure(int index, RuntimeException cause) {
	}

}
