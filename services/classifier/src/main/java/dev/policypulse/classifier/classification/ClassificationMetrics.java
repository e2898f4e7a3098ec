package dev.policypulse.classifier.classification;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.TopicCodes;
import dev.policypulse.contracts.TopicTag;

import org.springframework.stereotype.Component;

/**
 * {@code policypulse.classifier.items} (tags {@code outcome}, {@code policy_move}),
 * {@code policypulse.classifier.topics} (tag {@code topic}, taxonomy codes only),
 * {@code policypulse.classifier.moves} (policy moves by acting country and topic) and
 * {@code policypulse.classifier.duration} (time the engine took per item).
 */
@Component
class ClassificationMetrics {

	private final MeterRegistry registry;

	private static final Pattern COUNTRY = Pattern.compile("EU|[A-Z]{2}");

	private final Timer duration;

	ClassificationMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.duration = Timer.builder("policypulse.classifier.duration")
			.description("Time the classification engine took for one item")
			.publishPercentileHistogram()
			.register(registry);
	}

	/** Records how long the engine took for one item. */
	void engineTook(long nanos) {
		this.duration.record(nanos, TimeUnit.NANOSECONDS);
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
		if (classified.policyMove()) {
			String jurisdiction = country(classified.primaryJurisdiction());
			List<String> topics = classified.topics()
				.stream()
				.map((topic) -> TopicCodes.isKnown(topic.code()) ? topic.code() : "other")
				.distinct()
				.toList();
			for (String topic : topics.isEmpty() ? List.of("none") : topics) {
				Counter.builder("policypulse.classifier.moves")
					.description("Policy moves classified, by acting country (or EU) and topic")
					.tag("jurisdiction", jurisdiction)
					.tag("topic", topic)
					.register(this.registry)
					.increment();
			}
		}
	}

	/**
	 * The country of a jurisdiction code ({@code US-TX} counts as {@code US}), so that
	 * the tag takes at most the ISO 3166-1 codes and {@code EU}; {@code none} when only
	 * an international body acted.
	 */
	static String country(String code) {
		if (code == null) {
			return "none";
		}
		int dash = code.indexOf('-');
		String country = (dash > 0) ? code.substring(0, dash) : code;
		return COUNTRY.matcher(country).matches() ? country : "other";
	}

}
