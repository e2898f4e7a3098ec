package dev.policypulse.ingestion.health;

import java.util.List;

/** Where source health is kept across restarts. */
interface SourceHealthStore {

	/** Keeps nothing: health lives as long as the process. */
	SourceHealthStore NONE = new SourceHealthStore() {

		@Override
		public List<StoredHealth> loadAll() {
			return List.of();
		}

		@Override
		public void saveAll(List<StoredHealth> changes) {
		}

	};

	/** Every source's stored health. */
	List<StoredHealth> loadAll();

	/** Writes the health of the sources given, replacing what was stored for them. */
	void saveAll(List<StoredHealth> changes);

}
