package dev.policypulse.classifier.classification;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Starts a replay: on assignment, each partition the group has never committed an offset
 * for is sought to the first record at or after
 * {@code policypulse.classifier.replay.from}. Partitions with a committed offset resume
 * from it, so a replay instance that restarts (or goes through a rebalance) carries on
 * where it stopped instead of starting over. Boot's listener container factory picks this
 * bean up; the classifier has a single listener, the one on the ingested topic.
 */
@Component
class ReplayFromTimestamp implements ConsumerAwareRebalanceListener {

	private static final Logger logger = LoggerFactory.getLogger(ReplayFromTimestamp.class);

	private final ReplayProperties properties;

	ReplayFromTimestamp(ReplayProperties properties) {
		this.properties = properties;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!this.properties.enabled() || partitions.isEmpty()) {
			return;
		}
		Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
		Map<TopicPartition, Long> fresh = new HashMap<>();
		Set<TopicPartition> resumed = new HashSet<>();
		long from = this.properties.from().toEpochMilli();
		for (TopicPartition partition : partitions) {
			if (committed.get(partition) != null) {
				resumed.add(partition);
			}
			else {
				fresh.put(partition, from);
			}
		}
		if (!resumed.isEmpty()) {
			logger.info("Replay from {}: {} resume from this group's committed offsets (a new group id replays "
					+ "them from the timestamp)", this.properties.from(), resumed);
		}
		if (fresh.isEmpty()) {
			return;
		}
		Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(fresh);
		for (TopicPartition partition : fresh.keySet()) {
			OffsetAndTimestamp offset = offsets.get(partition);
			if (offset != null) {
				consumer.seek(partition, offset.offset());
			}
			else {
				// nothing that recent yet: only records written from now on
				consumer.seekToEnd(List.of(partition));
			}
			logger.info("Replay from {}: {} starts at {}", this.properties.from(), partition,
					(offset != null) ? "offset " + offset.offset() : "its end");
		}
	}

}
