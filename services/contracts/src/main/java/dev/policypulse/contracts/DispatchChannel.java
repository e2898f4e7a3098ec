package dev.policypulse.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a subscriber hears of an item; see {@link AlertDispatched}. */
public enum DispatchChannel {

	/** An email about the one story, sent as soon as it was classified. */
	@JsonProperty("alert")
	ALERT,

	/** One line of a daily or weekly digest. */
	@JsonProperty("digest")
	DIGEST

}
