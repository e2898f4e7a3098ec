package dev.policypulse.notifier.subscription;

import org.springframework.http.HttpHeaders;

/**
 * Response headers of the pages that emailed links open. Their URLs carry a token that is
 * as good as a password for one subscription, so nothing may leak it or act with it
 * behind the subscriber's back: no caching, no {@code Referer} to other sites, no framing
 * (clickjacking), forms that post only to this service, no scripts at all.
 */
final class PageHeaders {

	private PageHeaders() {
	}

	static HttpHeaders forPages() {
		HttpHeaders headers = new HttpHeaders();
		headers.setCacheControl("no-store");
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("X-Frame-Options", "DENY");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
				+ "frame-ancestors 'none'; base-uri 'none'");
		return headers;
	}

}
