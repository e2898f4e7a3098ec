package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.util.Locale;

/** Resolves links found in documents to absolute http(s) addresses. */
final class Links {

	private Links() {
	}

	/**
	 * Resolves {@code href} against {@code base}, dropping any fragment.
	 * @param base the address of the document the link is in, or {@code null}
	 * @param href the link as written, or {@code null}
	 * @return the absolute http(s) address, or {@code null} if there is none
	 */
	static String resolve(URI base, String href) {
		if (href == null || href.isBlank()) {
			return null;
		}
		try {
			URI resolved = (base != null) ? base.resolve(href.strip()) : URI.create(href.strip());
			String scheme = (resolved.getScheme() != null) ? resolved.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || resolved.getHost() == null) {
				return null;
			}
			String text = resolved.toString();
			int fragment = text.indexOf('#');
			return (fragment >= 0) ? text.substring(0, fragment) : text;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
