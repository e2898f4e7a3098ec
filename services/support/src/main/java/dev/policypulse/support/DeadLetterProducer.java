package dev.policypulse.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * The producer that writes dead letters: plain (outside any transaction), idempotent, raw
 * bytes of undeserialisable records written back as they came, typed payloads as JSON.
 * Kept out of the context as a {@code KafkaTemplate} or {@code ProducerFactory} bean so
 * that it never competes with the service's own template.
 */
class DeadLetterProducer implements DisposableBean {

	private final DefaultKafkaProducerFactory<Object, Object> factory;

	private final KafkaTemplate<Object, Object> template;

	DeadLetterProducer(KafkaProperties kafkaProperties, JsonMapper jsonMapper) {
		Map<String, Object> config = new LinkedHashMap<>(kafkaProperties.buildProducerProperties());
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		// the serializers below are configured in code; the service's spring.json.*
		// settings are not theirs
		config.keySet().removeIf((key) -> key.startsWith("spring.json."));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
		byType.put(byte[].class, new ByteArraySerializer());
		byType.put(String.class, new StringSerializer());
		byType.put(Object.class, new JacksonJsonSerializer<>(jsonMapper).noTypeInfo());
		this.factory = new DefaultKafkaProducerFactory<>(config, new DelegatingByTypeSerializer(byType, true),
				new DelegatingByTypeSerializer(byType, true));
		this.factory.setConfigureSerializers(false);
		this.template = new KafkaTemplate<>(this.factory);
	}

	KafkaTemplate<Object, Object> template() {
		return this.template;
	}

	@Override
	public void destroy() {
		this.factory.destroy();
	}

}
