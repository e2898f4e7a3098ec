package dev.policypulse.ingestion.publishing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the ids of the items last published to a topic from the keys of its newest
 * records, so that a restarted instance still knows them.
 * <p>
 * Uses a consumer of its own, assigned to every partition of the topic: no group, no
 * commits, values skipped without being decoded. Each partition gives at most an equal
 * share of the wanted number of ids. A topic that does not exist yet gives none; it is
 * never created by reading it.
 */
final class RecentlyPublishedIds {

	private static final Logger logger = LoggerFactory.getLogger(RecentlyPublishedIds.class);

	private static final Duration MAX_POLL = Duration.ofSeconds(1);

	private RecentlyPublishedIds() {
	}

	/**
	 * The keys of the newest records of {@code topic}, oldest first. On a timeout or a
	 * broker failure it logs a warning and returns what it read so far.
	 * @param consumerConfig how to connect to the broker; group, commit and deserializer
	 * settings are replaced
	 * @param topic the topic to read
	 * @param limit the most ids to read, shared equally by the partitions
	 * @param timeout how long reading may take in all
	 * @return the record keys, ordered by record timestamp; may repeat an id
	 */
	static List<String> read(Map<String, Object> consumerConfig, String topic, int limit, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<ConsumerRecord<String, Void>> records = new ArrayList<>();
		try (KafkaConsumer<String, Void> consumer = new KafkaConsumer<>(config(consumerConfig),
				new StringDeserializer(), skipValue())) {
			List<PartitionInfo> partitionInfos = consumer.partitionsFor(topic, remaining(deadline));
			if (partitionInfos.isEmpty()) {
				return List.of();
			}
			List<TopicPartition> partitions = partitionInfos.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			int perPartition = Math.max(1, limit / partitions.size());
			consumer.assign(partitions);
			Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, remaining(deadline));
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
			Map<TopicPartition, Long> unread = new HashMap<>();
			for (TopicPartition partition : partitions) {
				long end = ends.get(partition);
				long start = Math.max(starts.get(partition), end - perPartition);
				if (start < end) {
					consumer.seek(partition, start);
					unread.put(partition, end);
				}
				else {
					consumer.pause(List.of(partition));
				}
			}
			while (!unread.isEmpty()) {
				Duration left = remaining(deadline);
				if (left.isZero()) {
					logger.warn("Stopped reading the published ids of {} after {}; items published before are"
							+ " published again if seen again", topic, timeout);
					break;
				}
				for (ConsumerRecord<String, Void> record : consumer.poll(min(left, MAX_POLL))) {
					Long end = unread.get(new TopicPartition(record.topic(), record.partition()));
					if (record.key() != null && end != null && record.offset() < end) {
						records.add(record);
					}
				}
				for (TopicPartition partition : List.copyOf(unread.keySet())) {
					if (consumer.position(partition, remaining(deadline)) >= unread.get(partition)) {
						unread.remove(partition);
						consumer.pause(List.of(partition));
					}
				}
			}
		}
		catch (KafkaException ex) {
			logger.warn("Could not read all published ids of {} ({}); items published before are published again"
					+ " if seen again", topic, ex.toString());
		}
		return records.stream()
			.sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
			.map(ConsumerRecord::key)
			.toList();
	}

	private static Map<String, Object> config(Map<String, Object> consumerConfig) {
		Map<String, Object> config = new HashMap<>(consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
		config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		return config;
	}

	/** Ignores record values: only the keys are wanted. */
	private static Deserializer<Void> skipValue() {
		return (topic, data) -> null;
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
