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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the newest records of a topic, so that a service whose database is empty (a fresh
 * or temporary one) can learn what was published before it.
 * <p>
 * Uses a consumer of its own, assigned to every partition of the topic: no group, no
 * commits. Each partition gives at most an equal share of the wanted number of records. A
 * topic that does not exist yet gives none; it is never created by reading it.
 */
final class RecentlyPublishedItems {

	private static final Logger logger = LoggerFactory.getLogger(RecentlyPublishedItems.class);

	private static final Duration MAX_POLL = Duration.ofSeconds(1);

	private RecentlyPublishedItems() {
	}

	/**
	 * The newest keyed records of {@code topic}, oldest first. On a timeout or a broker
	 * failure it logs a warning and returns what it read so far.
	 * @param consumerConfig how to connect to the broker; group, commit and deserializer
	 * settings are replaced
	 * @param topic the topic to read
	 * @param limit the most records to read, shared equally by the partitions
	 * @param timeout how long reading may take in all
	 * @return the records, ordered by timestamp; may repeat a key
	 */
	static List<Published> read(Map<String, Object> consumerConfig, String topic, int limit, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<Published> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config(consumerConfig),
				new StringDeserializer(), new ByteArrayDeserializer())) {
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
					logger.warn("Stopped reading the published items of {} after {}; items published before are"
							+ " published again if seen again", topic, timeout);
					break;
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(min(left, MAX_POLL))) {
					Long end = unread.get(new TopicPartition(record.topic(), record.partition()));
					if (record.key() != null && end != null && record.offset() < end) {
						records.add(new Published(record.key(), record.timestamp(), record.value()));
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
			logger.warn("Could not read all published items of {} ({}); items published before are published again"
					+ " if seen again", topic, ex.toString());
		}
		records.sort(Comparator.comparingLong(Published::timestamp));
		return records;
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

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * A record read back.
	 *
	 * @param key its key, the item id
	 * @param timestamp its timestamp, milliseconds since the epoch
	 * @param value its value as sent, or {@code null}
	 */
	record Published(String key, long timestamp, byte[] value) {

	}

}
