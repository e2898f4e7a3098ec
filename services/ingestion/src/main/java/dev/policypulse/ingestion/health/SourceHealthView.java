package dev.policypulse.ingestion.health;

import java.util.Optional;

/** Reads the health of sources. */
public interface SourceHealthView {

	/**
	 * The health of one source.
	 * @param sourceId the source
	 * @return its health, or empty if nothing is known about it
	 */
	Optional<SourceHealth> health(String sourceId);

}
