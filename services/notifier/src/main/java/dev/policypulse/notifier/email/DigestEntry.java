package dev.policypulse.notifier.email;

import java.util.Objects;

import dev.policypulse.contracts.PolicyItemClassified;

/**
 * One item of a digest and why the subscriber gets it.
 *
 * @param item the classified item
 * @param rules which of the subscriber's rules it hit
 */
public record DigestEntry(PolicyItemClassified item, MatchedRules rules) {

	public DigestEntry {
		Objects.requireNonNull(item, "item");
		Objects.requireNonNull(rules, "rules");
	}

}
