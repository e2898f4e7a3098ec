package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.net.UnknownHostException;

import dev.policypulse.ingestion.net.RefusedTargetException;
import dev.policypulse.ingestion.net.TargetPolicy;

/**
 * Decides, right before each request, whether an address may be fetched. In production
 * this is {@link #POLICY}; tests substitute a guard that also trusts their own server.
 */
@FunctionalInterface
interface TargetGuard {

	/**
	 * {@link TargetPolicy}: the URL is checked without DNS, then its host is resolved and
	 * every address it has is checked, so a name that now points inside is refused.
	 */
	TargetGuard POLICY = (url, allowPrivateNetwork) -> {
		TargetPolicy.checkUrl(url, allowPrivateNetwork);
		TargetPolicy.resolve(url.getHost(), allowPrivateNetwork);
	};

	/**
	 * Checks {@code url}.
	 * @param url the address about to be requested
	 * @param allowPrivateNetwork the source's allowance for private addresses
	 * @throws RefusedTargetException if it must not be fetched
	 * @throws UnknownHostException if its host does not resolve
	 */
	void check(URI url, boolean allowPrivateNetwork) throws RefusedTargetException, UnknownHostException;

}
