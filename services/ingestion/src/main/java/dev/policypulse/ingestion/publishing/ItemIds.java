package dev.policypulse.ingestion.publishing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Derives an item's id from what identifies it at the source, so that every sighting of the
 * same item, before or after a restart, gets the same id.
 */
final class ItemIds {

	/** Hex characters kept from the digest: 128 bits, well inside the contracts' id pattern. */
	private static final int LENGTH = 32;

	private ItemIds() {
	}

	/**
	 * The id of an item: from its feed GUID when it has one, otherwise from its canonical URL.
	 * @param guid the feed GUID or entry URI, or {@code null}
	 * @param canonicalUrl the canonical URL
	 * @return 32 lower-case hex characters
	 */
	static String of(String guid, String canonicalUrl) {
		String key = (guid != null && !guid.isBlank()) ? "guid:" + guid.strip() : "url:" + canonicalUrl;
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, LENGTH);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
