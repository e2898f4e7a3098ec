package dev.policypulse.ingestion.publishing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives an item's id from what identifies it at the source, so that every sighting of
 * the same item gets the same id: the same article from two feeds, or from a feed and a
 * webhook, before or after a restart.
 */
final class ItemIds {

	/**
	 * Hex characters kept from the digest: 128 bits, well inside the contracts' id
	 * pattern.
	 */
	private static final int LENGTH = 32;

	private ItemIds() {
	}

	/**
	 * The id of an item: the first 32 hex characters of the SHA-256 of
	 * {@code url:<canonical URL>} when the item has a usable http(s) link, otherwise of
	 * {@code guid:<feedId>:<guid>}. A GUID is only unique within its feed, so it never
	 * identifies an item on its own.
	 * @param feedId the feed the item came from; feed ids cannot contain {@code :}
	 * @param guid the feed GUID or entry URI, or {@code null}
	 * @param canonicalUrl the canonical URL of the item's own link, or {@code null} if it
	 * has no usable link
	 * @return 32 lower-case hex characters
	 * @throws IllegalArgumentException if there is neither a URL nor a GUID
	 */
	static String of(String feedId, String guid, String canonicalUrl) {
		String key;
		if (canonicalUrl != null) {
			key = "url:" + canonicalUrl;
		}
		else if (guid != null && !guid.isBlank()) {
			key = "guid:" + feedId + ":" + guid.strip();
		}
		else {
			throw new IllegalArgumentException("no http(s) link and no GUID to identify the item by");
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, LENGTH);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
