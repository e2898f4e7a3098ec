package dev.policypulse.contracts;

import java.util.List;
import java.util.Objects;

/**
 * A jurisdiction an item refers to.
 *
 * @param code ISO 3166-1 alpha-2 ({@code PK}), ISO 3166-2 ({@code US-TX}) or {@code EU};
 * an open vocabulary, so consumers must accept codes they do not know
 * @param role what the jurisdiction does in the story
 * @param confidence 0 to 1
 * @param evidence the spans of text that point at it
 */
public record JurisdictionTag(String code, Role role, double confidence, List<Evidence> evidence) {

	public JurisdictionTag {
		Validation.requireJurisdiction(code, "code");
		Objects.requireNonNull(role, "role");
		Validation.requireConfidence(confidence);
		evidence = List.copyOf((evidence != null) ? evidence : List.of());
	}

}
