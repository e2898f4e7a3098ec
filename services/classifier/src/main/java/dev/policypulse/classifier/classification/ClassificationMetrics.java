package dev.policypulse.classifier.classification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.TopicCodes;
import dev.policypulse.contracts.TopicTag;

import org.springframework.stereotype.Component;

/**
 * {@code policypulse.classifier.items} (tags {@code outcome}, {@code policy_move}) and
 * {@code policypulse.classifier.topics} (tag {@code topic}, taxonomy codes only).
 */
@Component
class ClassificationMetrics {

	private final MeterRegistry registry;

	ClassificationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void classified(PolicyItemClassified classified) {
		Counter.builder("policypulse.classifier.items")
			.description("Items classified and published")
			.tag("outcome", "classified")
			.tag("policy_move", Boolean.toString(classified.policyMove()))
			.register(this.registry)
			.increment();
		for (TopicTag topic : classified.topics()) {
			Counter.builder("policypulse.classifier.topics")
				.description("Topics assigned to classified items")
				.tag("topic", TopicCodes.isKnown(topic.code()) ? topic.code() : "other")
				.register(this.registry)
				.increment();
		}
	}

}
