package dev.policypulse.contracts;

import java.util.regex.Pattern;

/** Checks shared by the event records' compact constructors. */
final class Validation {

	static final Pattern JURISDICTION = Pattern.compile("EU|[A-Z]{2}(-[A-Z0-9]{1,3})?");

	static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9_]{1,63}");

	static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,128}");

	private Validation() {
	}

	static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

	static void requireId(String value, String name) {
		if (value == null || !ID.matcher(value).matches()) {
			throw new IllegalArgumentException(name + " must match " + ID.pattern() + ", got '" + value + "'");
		}
	}

	static void requireJurisdiction(String value, String name) {
		if (value == null || !JURISDICTION.matcher(value).matches()) {
			throw new IllegalArgumentException(name + " must be an ISO 3166-1/-2 code or EU, got '" + value + "'");
		}
	}

	static void requireTopic(String value, String name) {
		if (value == null || !TOPIC.matcher(value).matches()) {
			throw new IllegalArgumentException(name + " must be a lower_snake_case topic code, got '" + value + "'");
		}
	}

	static void requireConfidence(double confidence) {
		if (!(confidence >= 0.0 && confidence <= 1.0)) {
			throw new IllegalArgumentException("confidence must be within [0, 1], got " + confidence);
		}
	}

}
