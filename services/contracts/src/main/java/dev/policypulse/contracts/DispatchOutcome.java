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

	/** Not sent because the subscription was cancelled first. */
	@JsonProperty("cancelled")
	CANCELLED,

	/**
	 * Not enqueued because the subscriber's address already has an alert about the story,
	 * from an earlier item of it or through another of its subscriptions.
	 */
	@JsonProperty("suppressed")
	SUPPRESSED

}
