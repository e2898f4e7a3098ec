package dev.policypulse.notifier.subscription;

import java.time.Clock;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/** Builds the signed links that emails carry, and checks them when they come back. */
@Component
public class SubscriptionLinks {

	static final String CONFIRM_PATH = "/api/v1/subscriptions/confirm";

	static final String UNSUBSCRIBE_PATH = "/api/v1/subscriptions/unsubscribe";

	static final String PREFERENCES_PATH = "/api/v1/subscriptions/preferences";

	private static final Log logger = LogFactory.getLog(SubscriptionLinks.class);

	private final LinkProperties properties;

	private final LinkSigner signer;

	private final Clock clock;

	private final String baseUrl;

	SubscriptionLinks(LinkProperties properties, Clock clock) {
		this.properties = properties;
		this.signer = new LinkSigner(properties.secret(), clock);
		this.clock = clock;
		String base = properties.publicBaseUrl().toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		if (LinkProperties.LOCAL_SECRET.equals(properties.secret())) {
			logger.warn("Email links are signed with the local default secret; set "
					+ "POLICYPULSE_NOTIFIER_LINKS_SECRET before exposing this service");
		}
	}

	/**
	 * A link that confirms the subscription, valid for the configured confirmation time.
	 */
	public String confirmUrl(UUID subscriptionId) {
		return link(CONFIRM_PATH, this.signer.sign(subscriptionId, LinkSigner.Purpose.CONFIRM,
				this.clock.instant().plus(this.properties.confirmTtl())));
	}

	/** A one-click unsubscribe link (RFC 8058) for the subscription. */
	public String unsubscribeUrl(UUID subscriptionId) {
		return link(UNSUBSCRIBE_PATH, this.signer.sign(subscriptionId, LinkSigner.Purpose.UNSUBSCRIBE,
				this.clock.instant().plus(this.properties.unsubscribeTtl())));
	}

	/**
	 * A link to the subscription's preference page, where the subscriber sees what they
	 * follow and changes it, pauses, resumes or unsubscribes without logging in; valid
	 * for the configured preferences time. Every email should carry one.
	 */
	public String preferencesUrl(UUID subscriptionId) {
		return link(PREFERENCES_PATH, this.signer.sign(subscriptionId, LinkSigner.Purpose.PREFERENCES,
				this.clock.instant().plus(this.properties.preferencesTtl())));
	}

	/** Shorthand for {@code preferencesUrl(subscription.id())}. */
	public String preferencesUrl(Subscription subscription) {
		return preferencesUrl(subscription.id());
	}

	/** The public URL of a confirmation link with the given (checked) token. */
	String confirmUrl(String token) {
		return link(CONFIRM_PATH, token);
	}

	/** The public URL of an unsubscribe link with the given (checked) token. */
	String unsubscribeUrl(String token) {
		return link(UNSUBSCRIBE_PATH, token);
	}

	UUID verifyConfirmation(String token) {
		return this.signer.verify(token, LinkSigner.Purpose.CONFIRM);
	}

	UUID verifyUnsubscribe(String token) {
		return this.signer.verify(token, LinkSigner.Purpose.UNSUBSCRIBE);
	}

	UUID verifyPreferences(String token) {
		return this.signer.verify(token, LinkSigner.Purpose.PREFERENCES);
	}

	private String link(String path, String token) {
		return this.baseUrl + path + "?token=" + token;
	}

}
