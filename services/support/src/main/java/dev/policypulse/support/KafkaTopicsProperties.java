package dev.policypulse.support;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the services create the pipeline's topics when they are missing. Dead-letter topics
 * get the same partition count as their source, so a record keeps its partition number.
 *
 * @param partitions partitions of each topic (default 3)
 * @param replicationFactor replicas of each topic (default 1, for a single local broker)
 */
@Validated
@ConfigurationProperties("policypulse.kafka.topics")
public record KafkaTopicsProperties(@Min(1) @Max(1000) Integer partitions, @Min(1) @Max(7) Integer replicationFactor) {

	public KafkaTopicsProperties {
		partitions = (partitions != null) ? partitions : 3;
		replicationFactor = (replicationFactor != null) ? replicationFactor : 1;
	}

}
