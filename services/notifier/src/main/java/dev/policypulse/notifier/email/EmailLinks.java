package dev.policypulse.notifier.email;

import java.util.Objects;

/**
 * The subscriber's own links that every alert and digest carries.
 *
 * @param preferencesUrl the signed link to the subscriber's preference page
 * @param unsubscribeUrl the signed one-click unsubscribe link (RFC 8058), also sent in
 * the {@code List-Unsubscribe} header
 */
public record EmailLinks(String preferencesUrl, String unsubscribeUrl) {

	public EmailLinks {
		Objects.requireNonNull(preferencesUrl, "preferencesUrl");
		Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
	}

}
