package dev.policypulse.notifier.subscription;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The value must be a time zone of the IANA database that the JDK knows, such as
 * {@code Europe/Berlin} or {@code UTC}; {@code null} is valid. Fixed offsets such as
 * {@code +02:00} are refused: they ignore daylight saving time.
 */
@Documented
@Constraint(validatedBy = TimeZoneId.Validator.class)
@Target({ ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface TimeZoneId {

	String message() default "must be an IANA time zone such as Europe/Berlin or UTC";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<TimeZoneId, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || ZoneId.getAvailableZoneIds().contains(value);
		}

	}

}
