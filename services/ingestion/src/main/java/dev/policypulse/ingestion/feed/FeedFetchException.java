package dev.policypulse.ingestion.feed;

import java.io.IOException;

/**
 * A feed could not be fetched or was refused: bad status, too large, timed out, not a
 * feed.
 */
class FeedFetchException extends IOException {

	FeedFetchException(String message) {
		super(message);
	}

	FeedFetchException(String message, Throwable cause) {
		super(message, cause);
	}

}
