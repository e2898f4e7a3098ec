package dev.policypulse.ingestion.item;

import java.time.Duration;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPropertiesTests {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private static final Validator validator = factory.getValidator();

	private static final String LONG_ENOUGH = "x".repeat(32);

	@AfterAll
	static void closeFactory() {
		factory.close();
	}

	@Test
	void defaultsAcceptNoSignatures() {
		WebhookProperties properties = new WebhookProperties(null, null, null, null, null, null, null, null);
		assertThat(properties.signaturesAccepted()).isFalse();
		assertThat(properties.timestampTolerance()).isEqualTo(Duration.ofMinutes(5));
		assertThat(properties.maxItemSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.maxBatchSize()).isEqualTo(DataSize.ofMegabytes(20));
		assertThat(properties.maxBatchItems()).isEqualTo(500);
		assertThat(properties.signedReadConcurrency()).isEqualTo(4);
		assertThat(validator.validate(properties)).isEmpty();
	}

	@Test
	void anEmptySecretIsUnset() {
		WebhookProperties properties = new WebhookProperties("", "", null, null, null, null, null, null);
		assertThat(properties.signaturesAccepted()).isFalse();
		assertThat(validator.validate(properties)).isEmpty();
	}

	@Test
	void refusesShortSecrets() {
		assertThat(messages(new WebhookProperties("x".repeat(31), null, null, null, null, null, null, null)))
			.containsExactly("secret must be at least 32 characters long");
		assertThat(messages(new WebhookProperties(LONG_ENOUGH, "too-short", null, null, null, null, null, null)))
			.containsExactly("previous-secret must be at least 32 characters long, and needs secret to be set");
	}

	@Test
	void refusesAPreviousSecretWithoutACurrentOne() {
		assertThat(messages(new WebhookProperties(null, LONG_ENOUGH, null, null, null, null, null, null)))
			.containsExactly("previous-secret must be at least 32 characters long, and needs secret to be set");
	}

	@Test
	void refusesToleranceAndLimitsOutsideSensibleBounds() {
		assertThat(messages(new WebhookProperties(null, null, Duration.ZERO, null, null, null, null, null)))
			.containsExactly("timestamp-tolerance must be more than 0 and at most 1h");
		assertThat(messages(new WebhookProperties(null, null, Duration.ofHours(2), null, null, null, null, null)))
			.containsExactly("timestamp-tolerance must be more than 0 and at most 1h");
		assertThat(messages(new WebhookProperties(null, null, null, DataSize.ofBytes(0), DataSize.ofGigabytes(1), null,
				null, null)))
			.containsExactly("max-item-size and max-batch-size must be more than 0 and at most 100MB");
		assertThat(messages(new WebhookProperties(null, null, null, null, null, 0, 0, 0))).containsExactly(
				"must be greater than or equal to 1", "must be greater than or equal to 1",
				"must be greater than or equal to 1");
	}

	@Test
	void keepsSecretsOutOfItsDescription() {
		WebhookProperties properties = new WebhookProperties(LONG_ENOUGH, "y".repeat(40), null, null, null, null, null,
				null);
		assertThat(properties.toString()).doesNotContain(LONG_ENOUGH).doesNotContain("y".repeat(40));
	}

	private static List<String> messages(WebhookProperties properties) {
		return validator.validate(properties).stream().map(ConstraintViolation::getMessage).sorted().toList();
	}

}
