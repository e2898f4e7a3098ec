package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * Finds the story an item belongs to: fingerprints it ({@link StoryAnalyzer}), signs it
 * ({@link MinHash}) and looks it up in the story window ({@link StoryIndex}). Also drops
 * stored fingerprints that left the window, at most once an hour.
 */
final class Stories {

	private static final Logger logger = LoggerFactory.getLogger(Stories.class);

	private static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

	private final StoryAnalyzer analyzer;

	private final StoryIndex index;

	private final SeenItemStore store;

	private final Duration window;

	private final Clock clock;

	private volatile Instant lastPruned;

	Stories(StoryAnalyzer analyzer, StoryIndex index, SeenItemStore store, Duration window, Clock clock) {
		this.analyzer = analyzer;
		this.index = index;
		this.store = store;
		this.window = window;
		this.clock = clock;
		this.lastPruned = clock.instant();
	}

	/**
	 * The story of a new item, which joins the index.
	 * @param itemId the item's id
	 * @param title its clean title
	 * @param body its plain-text body
	 * @param publishedAt its publication time
	 * @return its story and what it was found from
	 */
	Clustered assign(String itemId, String title, String body, Instant publishedAt) {
		StoryFingerprint fingerprint = this.analyzer.analyse(title, body);
		int[] signature = MinHash.signature(fingerprint.features());
		return new Clustered(this.index.assign(itemId, fingerprint, signature, publishedAt), fingerprint, signature);
	}

	/** Forgets an item that was not published after all. */
	void forget(String itemId) {
		this.index.remove(itemId);
	}

	/** Deletes stored fingerprints older than the window, if an hour has passed. */
	void pruneIfDue() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.lastPruned.plus(PRUNE_INTERVAL))) {
			return;
		}
		this.lastPruned = now;
		try {
			int deleted = this.store.deleteStoriesBefore(now.minus(this.window));
			logger.debug("Deleted {} story fingerprints older than {}", deleted, this.window);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not delete old story fingerprints: {}", ex.getMessage());
		}
	}

	/**
	 * A clustered item.
	 *
	 * @param assignment its story
	 * @param fingerprint its words and places
	 * @param signature its MinHash signature
	 */
	record Clustered(StoryIndex.Assignment assignment, StoryFingerprint fingerprint, int[] signature) {

	}

}
