package dev.policypulse.ingestion.publishing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Reduces the many spellings of an article's address to one, so that the same article
 * reached through a newsletter, a social network or a feed gets the same id.
 */
final class CanonicalUrls {

	private static final Set<String> TRACKING_PARAMETERS = Set.of("fbclid", "gclid", "mc_cid", "mc_eid", "ref");

	private CanonicalUrls() {
	}

	/**
	 * Lower-cases scheme and host, drops credentials, the default port, the fragment and
	 * tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code mc_cid},
	 * {@code mc_eid}, {@code ref}); other query parameters stay in their order.
	 * @param url an absolute http or https URL
	 * @return the canonical form
	 * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
	 */
	static String canonicalize(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("url must not be blank");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("url is not a valid URI: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw new IllegalArgumentException("url must be an absolute http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new IllegalArgumentException("url must have a host name");
		}
		StringBuilder canonical = new StringBuilder(url.length()).append(scheme)
			.append("://")
			.append(uri.getHost().toLowerCase(Locale.ROOT));
		int port = uri.getPort();
		if (port != -1 && !(port == 80 && "http".equals(scheme)) && !(port == 443 && "https".equals(scheme))) {
			canonical.append(':').append(port);
		}
		String path = uri.getRawPath();
		canonical.append((path == null || path.isEmpty()) ? "/" : path);
		String query = query(uri.getRawQuery());
		if (!query.isEmpty()) {
			canonical.append('?').append(query);
		}
		return canonical.toString();
	}

	private static String query(String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return "";
		}
		StringJoiner kept = new StringJoiner("&");
		for (String parameter : rawQuery.split("&")) {
			if (parameter.isEmpty()) {
				continue;
			}
			int equals = parameter.indexOf('=');
			String name = ((equals >= 0) ? parameter.substring(0, equals) : parameter).toLowerCase(Locale.ROOT);
			if (!name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
				kept.add(parameter);
			}
		}
		return kept.toString();
	}

}
