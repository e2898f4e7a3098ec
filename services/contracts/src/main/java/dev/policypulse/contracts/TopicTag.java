package dev.policypulse.contracts;

import java.util.List;

/**
 * A kind of policy move an item reports.
 *
 * @param code a taxonomy code such as {@code regulator_formation}; an open vocabulary, so
 * consumers must accept codes they do not know
 * @param confidence 0 to 1
 * @param evidence the spans of text that point at it
 */
public record TopicTag(String code, double confidence, List<Evidence> evidence) {

	public TopicTag {
		Validation.requireTopic(code, "code");
		Validation.requireConfidence(confidence);
		evidence = List.copyOf((evidence != null) ? evidence : List.of());
	}

}
