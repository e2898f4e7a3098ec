package dev.policypulse.notifier.subscription;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.policypulse.contracts.TopicCodes;

/**
 * The value must be a code of the topic taxonomy ({@link TopicCodes}); {@code null} is
 * valid.
 */
@Documented
@Constraint(validatedBy = KnownTopic.Validator.class)
@Target({ ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface KnownTopic {

	String message() default "must be a known topic code";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<KnownTopic, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null || TopicCodes.isKnown(value)) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context
				.buildConstraintViolationWithTemplate("'" + value.replaceAll("[{}$\\\\]", "")
						+ "' is not a known topic; use one of " + String.join(", ", TopicCodes.all()))
				.addConstraintViolation();
			return false;
		}

	}

}
