package dev.policypulse.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much a classified item matters, in increasing order. */
public enum Severity {

	/** Not a policy move, or one of little consequence. */
	@JsonProperty("low")
	LOW,

	/** A policy move worth reading today. */
	@JsonProperty("medium")
	MEDIUM,

	/** A move that changes what market participants may do. */
	@JsonProperty("high")
	HIGH,

	/** A move with immediate, broad effect, such as a ban or a change of legal tender. */
	@JsonProperty("critical")
	CRITICAL;

	/** Whether this is at least as severe as {@code other}. */
	public boolean isAtLeast(Severity other) {
		return compareTo(other) >= 0;
	}

}
