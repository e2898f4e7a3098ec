package dev.policypulse.ingestion.feed;

import dev.policypulse.ingestion.publishing.IncomingItem;
import dev.policypulse.ingestion.publishing.ItemPublisher;
import dev.policypulse.ingestion.publishing.Publication;
import dev.policypulse.ingestion.publishing.PublicationFailedException;

/**
 * Where polled items go: {@link ItemPublisher#publish(IncomingItem)} in the service, a
 * recorder in tests of polling alone.
 */
@FunctionalInterface
interface ItemSink {

	/**
	 * Publishes {@code item} unless it was published before.
	 * @return its id and whether this call published it
	 * @throws IllegalArgumentException if the item is invalid
	 * @throws PublicationFailedException if the broker did not take it
	 */
	Publication publish(IncomingItem item);

}
