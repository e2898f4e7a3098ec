package dev.policypulse.classifier.engine;

import dev.policypulse.contracts.Evidence;

/**
 * A span of text that names a jurisdiction or an international organisation.
 *
 * @param code jurisdiction code, or the organisation's id prefixed with {@code @}
 * @param kind what kind of name matched
 * @param field {@code title} or {@code body}
 * @param start first character
 * @param end after the last character
 * @param text the span
 */
record Mention(String code, AliasKind kind, String field, int start, int end, String text) {

	boolean inTitle() {
		return "title".equals(this.field);
	}

	boolean isOrganisation() {
		return this.code.startsWith("@");
	}

	Evidence evidence() {
		return new Evidence(this.field, this.start, this.end, this.text);
	}

	Mention withCode(String newCode, AliasKind newKind) {
		return new Mention(newCode, newKind, this.field, this.start, this.end, this.text);
	}

}
