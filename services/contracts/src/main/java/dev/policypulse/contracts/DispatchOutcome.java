package dev.policypulse.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What became of an alert; see {@link AlertDispatched}. */
public enum DispatchOutcome {

	/** The SMTP server accepted the email. */
	@JsonProperty("sent")
	SENT,

	/**
	 * Given up: the SMTP server refused the email for good, or deferred it too often.
	 */
	@JsonProperty("failed")
	FAILED,

	/** Not sent because the subscription was cancelled or paused first. */
	@JsonProperty("cancelled")
	CANCELLED,

	/**
	 * Not told because the subscriber's address already heard of the story: from an
	 * earlier item of it, through another of its subscriptions, or in a digest. A digest
	 * leaves out the stories the address already heard of in this way unless the
	 * subscriber asked for them to be repeated.
	 */
	@JsonProperty("suppressed")
	SUPPRESSED

}
