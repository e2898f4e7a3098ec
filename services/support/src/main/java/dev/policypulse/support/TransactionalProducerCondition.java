package dev.policypulse.support;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the service's producer is transactional, that is when
 * {@code spring.kafka.producer.transaction-id-prefix} has a value;
 * {@link NotTransactional} matches exactly otherwise.
 */
class TransactionalProducerCondition extends SpringBootCondition {

	private static final String PREFIX = "spring.kafka.producer.transaction-id-prefix";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return transactional(context) ? ConditionOutcome.match(PREFIX + " is set")
				: ConditionOutcome.noMatch(PREFIX + " is not set");
	}

	static boolean transactional(ConditionContext context) {
		return StringUtils.hasText(context.getEnvironment().getProperty(PREFIX));
	}

	static class NotTransactional extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return transactional(context) ? ConditionOutcome.noMatch(PREFIX + " is set")
					: ConditionOutcome.match(PREFIX + " is not set");
		}

	}

}
