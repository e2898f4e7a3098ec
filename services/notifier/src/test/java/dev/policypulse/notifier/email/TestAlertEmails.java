package dev.policypulse.notifier.email;

import dev.policypulse.contracts.PolicyItemClassified;

/** Alert rendering with the real templates, for tests outside this package. */
public final class TestAlertEmails {

	private TestAlertEmails() {
	}

	public static AlertEmails create() {
		return new AlertEmails(new EmailTemplates());
	}

	/** A classified item about Pakistan setting up a regulator. */
	public static PolicyItemClassified item() {
		return AlertEmailsTests.regulator();
	}

	/** A subscriber's rules that match {@link #item()}. */
	public static MatchedRules followsPakistan() {
		return AlertEmailsTests.followsPakistan();
	}

}
