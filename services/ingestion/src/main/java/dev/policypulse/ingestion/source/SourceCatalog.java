package dev.policypulse.ingestion.source;

import java.util.List;

/**
 * The sources to poll, as the registry currently holds them. A change to the registry is
 * also announced with a {@link SourcesChanged} application event, so that polling can
 * follow at once.
 */
public interface SourceCatalog {

	/**
	 * Every source that is not paused.
	 * @return the sources, in no particular order
	 */
	List<Source> activeSources();

}
