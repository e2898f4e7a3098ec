package dev.policypulse.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import dev.policypulse.contracts.EventHeaders;

/**
 * Builds producer records that carry the CloudEvents-style headers documented in
 * docs/events.md.
 */
public final class EventRecords {

	private EventRecords() {
	}

	/**
	 * A record for {@code topic} keyed by {@code id}, with {@code ce_id = id}.
	 * @param topic the topic
	 * @param id the event's key and {@code ce_id}
	 * @param value the payload
	 * @param type the {@code ce_type}, one of the {@code EventHeaders.TYPE_*} constants
	 * @param source the {@code ce_source}, such as {@code /policypulse/classifier}
	 * @param time the {@code ce_time}
	 * @param <V> the payload type
	 * @return the record
	 */
	public static <V> ProducerRecord<String, V> event(String topic, String id, V value, String type, String source,
			Instant time) {
		ProducerRecord<String, V> record = new ProducerRecord<>(topic, id, value);
		Headers headers = record.headers();
		add(headers, EventHeaders.SPEC_VERSION, "1.0");
		add(headers, EventHeaders.ID, id);
		add(headers, EventHeaders.TYPE, type);
		add(headers, EventHeaders.SOURCE, source);
		add(headers, EventHeaders.TIME, time.toString());
		add(headers, EventHeaders.CONTENT_TYPE, "application/json");
		return record;
	}

	private static void add(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
