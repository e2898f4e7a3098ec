package dev.policypulse.ingestion.source;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sources ingestion polls, kept in the {@code sources} table so that sources created
 * through the API survive restarts.
 * <p>
 * Before the registry is handed to any other bean, it applies the configured sources (and
 * the shipped public list, when enabled): configuration is authoritative for the rows it
 * defines, so they are inserted or rewritten, and rows of a source no longer configured
 * are removed. Their paused state is the exception: a pause or resume through the API
 * holds until the configured {@code paused} value itself changes.
 * <p>
 * Every change is announced with a {@link SourcesChanged} event once it is committed.
 */
@Component
class SourceRegistry implements SourceCatalog, InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(SourceRegistry.class);

	/**
	 * Serialises start-up reconciliation and imports of instances sharing a database; an
	 * arbitrary constant for {@code pg_advisory_xact_lock}.
	 */
	private static final long LOCK_KEY = 0x504f4c5352434553L;

	private static final String COLUMNS = "id, type, url, item_selector, poll_interval_ms, paused,"
			+ " allow_private_network, origin, configured_paused, created_at, updated_at";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final SourceProperties properties;

	private final Environment environment;

	SourceRegistry(JdbcClient jdbc, TransactionTemplate transactions, ApplicationEventPublisher events,
			SourceProperties properties, Environment environment) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		refuseRetiredFeedList();
		List<Source> configured = this.properties.sources()
			.stream()
			.map(SourceProperties.Definition::toSource)
			.toList();
		List<Source> catalogue = this.properties.publicSources().enabled()
				? PublicSourceList.load().stream().map(PublicSourceList.Entry::toSource).toList() : List.of();
		Reconciliation result = this.transactions.execute((status) -> reconcile(configured, catalogue));
		logger.info(
				"Source registry: {} configured and {} public sources applied ({} added, {} changed, {} removed);"
						+ " {} active sources",
				configured.size(), catalogue.size() - result.catalogueSkipped, result.added, result.changed,
				result.removed, activeSources().size());
	}

	/**
	 * Sources used to be listed under {@code policypulse.ingestion.feeds}. That list is
	 * no longer read; starting with it would silently poll nothing, so start-up fails and
	 * says what to write instead.
	 */
	private void refuseRetiredFeedList() {
		ConfigurationPropertyName feeds = ConfigurationPropertyName.of("policypulse.ingestion.feeds");
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source.containsDescendantOf(feeds) == ConfigurationPropertyState.PRESENT) {
				throw new IllegalStateException("policypulse.ingestion.feeds is no longer read: list feeds under"
						+ " policypulse.ingestion.sources (same id, url and poll-interval; a feed on this machine or a"
						+ " private network also needs allow-private-network: true), see docs/sources.md");
			}
		}
	}

	@Override
	public List<Source> activeSources() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM sources WHERE NOT paused ORDER BY id")
			.query(SourceRegistry::map)
			.list()
			.stream()
			.map(Row::source)
			.toList();
	}

	Optional<RegisteredSource> find(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM sources WHERE id = :id")
			.param("id", id)
			.query(SourceRegistry::map)
			.optional()
			.map(Row::registered);
	}

	/**
	 * One page of sources in the order of their ids.
	 * @param page the page, from 0
	 * @param size sources per page
	 * @return the page and the number of sources in all
	 */
	SourcePage list(int page, int size) {
		List<RegisteredSource> sources = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM sources ORDER BY id LIMIT :size OFFSET :offset")
			.param("size", size)
			.param("offset", (long) page * size)
			.query(SourceRegistry::map)
			.list()
			.stream()
			.map(Row::registered)
			.toList();
		long total = this.jdbc.sql("SELECT count(*) FROM sources").query(Long.class).single();
		return new SourcePage(sources, total);
	}

	/**
	 * Registers a new source.
	 * @param source the source
	 * @param origin {@link Origin#API} or {@link Origin#OPML}
	 * @return the source as registered
	 * @throws SourceExistsException if its id is taken
	 */
	RegisteredSource create(Source source, Origin origin) {
		if (!insert(source, origin)) {
			throw new SourceExistsException(source.id());
		}
		changed();
		return require(source.id());
	}

	/**
	 * Replaces the definition of a source created through the API.
	 * @param id the source
	 * @param source its new definition; its id is ignored
	 * @param paused the new paused state, or {@code null} to keep it
	 * @return the source as registered now
	 * @throws SourceNotFoundException if there is no such source
	 * @throws SourceNotEditableException if it is defined in configuration or the shipped
	 * list
	 */
	RegisteredSource update(String id, Source source, Boolean paused) {
		int updated = this.jdbc.sql("""
				UPDATE sources
				   SET type = :type, url = :url, item_selector = :itemSelector, poll_interval_ms = :pollInterval,
				       paused = COALESCE(CAST(:paused AS boolean), paused), updated_at = now()
				 WHERE id = :id AND origin IN ('api', 'opml')
				""").params(columns(source)).param("id", id).param("paused", paused).update();
		if (updated == 0) {
			throw notEditable(id);
		}
		changed();
		return require(id);
	}

	/**
	 * Pauses or resumes a source of any origin.
	 * @param id the source
	 * @param paused whether it is to be paused
	 * @return the source as registered now
	 * @throws SourceNotFoundException if there is no such source
	 */
	RegisteredSource setPaused(String id, boolean paused) {
		int updated = this.jdbc
			.sql("UPDATE sources SET paused = :paused, updated_at = now() WHERE id = :id AND paused <> :paused")
			.param("id", id)
			.param("paused", paused)
			.update();
		if (updated > 0) {
			changed();
		}
		return require(id);
	}

	/**
	 * Removes a source created through the API.
	 * @param id the source
	 * @throws SourceNotFoundException if there is no such source
	 * @throws SourceNotEditableException if it is defined in configuration or the shipped
	 * list
	 */
	void delete(String id) {
		int deleted = this.jdbc.sql("DELETE FROM sources WHERE id = :id AND origin IN ('api', 'opml')")
			.param("id", id)
			.update();
		if (deleted == 0) {
			throw notEditable(id);
		}
		changed();
	}

	/**
	 * Registers feeds found by an OPML import, skipping those whose URL is registered
	 * already (or listed before in the same import). A taken id gets a numeric suffix.
	 * @param feeds the feeds, each with the id it would like
	 * @return what became of each feed, in the given order
	 */
	List<ImportedFeed> importFeeds(List<FeedCandidate> feeds) {
		List<ImportedFeed> outcomes = this.transactions.execute((status) -> {
			lock();
			List<ImportedFeed> results = new ArrayList<>(feeds.size());
			Map<String, String> idsByUrl = new LinkedHashMap<>();
			for (FeedCandidate feed : feeds) {
				String url = feed.url().toString();
				String known = idsByUrl.get(url);
				if (known == null) {
					known = this.jdbc.sql("SELECT id FROM sources WHERE url = :url ORDER BY id LIMIT 1")
						.param("url", url)
						.query(String.class)
						.optional()
						.orElse(null);
				}
				if (known != null) {
					results.add(ImportedFeed.skipped(known, url));
					continue;
				}
				String id = freeId(feed.preferredId());
				insert(new Source(id, SourceType.FEED, feed.url(), null, SourceRules.DEFAULT_POLL_INTERVAL, false,
						false), Origin.OPML);
				idsByUrl.put(url, id);
				results.add(ImportedFeed.created(id, url));
			}
			return results;
		});
		if (outcomes.stream().anyMatch(ImportedFeed::created)) {
			changed();
		}
		return outcomes;
	}

	/**
	 * The preferred id if it is free, otherwise the first free one with a suffix
	 * {@code -2}, {@code -3}, and so on, shortened to stay within 64 characters.
	 */
	private String freeId(String preferred) {
		for (int n = 1;; n++) {
			String suffix = (n == 1) ? "" : "-" + n;
			String base = preferred.substring(0,
					Math.min(preferred.length(), SourceRules.MAX_ID_LENGTH - suffix.length()));
			String candidate = base + suffix;
			boolean taken = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM sources WHERE id = :id)")
				.param("id", candidate)
				.query(Boolean.class)
				.single();
			if (!taken) {
				return candidate;
			}
		}
	}

	private boolean insert(Source source, Origin origin) {
		return this.jdbc.sql("""
				INSERT INTO sources (id, type, url, item_selector, poll_interval_ms, paused, allow_private_network,
				                     origin)
				VALUES (:id, :type, :url, :itemSelector, :pollInterval, :paused, false, :origin)
				ON CONFLICT (id) DO NOTHING
				""").params(columns(source)).param("origin", origin.code()).update() == 1;
	}

	/** Not found, or found but not editable: which of the two is told apart here. */
	private RuntimeException notEditable(String id) {
		return find(id).<RuntimeException>map((found) -> new SourceNotEditableException(id, found.origin()))
			.orElseGet(() -> new SourceNotFoundException(id));
	}

	private RegisteredSource require(String id) {
		// Deleted between the change and this read by another request.
		return find(id).orElseThrow(() -> new SourceNotFoundException(id));
	}

	private void changed() {
		this.events.publishEvent(new SourcesChanged());
	}

	private void lock() {
		this.jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query(Integer.class).single();
	}

	/**
	 * Writes the configured and listed sources over the rows they define, and removes
	 * rows that no longer have a definition. Configuration wins over the list and over
	 * sources created through the API; the list never replaces a source created through
	 * the API.
	 */
	private Reconciliation reconcile(List<Source> configured, List<Source> catalogue) {
		lock();
		Map<String, Row> existing = this.jdbc.sql("SELECT " + COLUMNS + " FROM sources FOR UPDATE")
			.query(SourceRegistry::map)
			.list()
			.stream()
			.collect(Collectors.toMap((row) -> row.source().id(), Function.identity()));
		Reconciliation result = new Reconciliation();
		Set<String> configuredIds = new HashSet<>();
		for (Source source : configured) {
			configuredIds.add(source.id());
			apply(source, Origin.CONFIG, existing.get(source.id()), result);
		}
		result.removed += removeOthers(Origin.CONFIG, configuredIds);
		Set<String> listedIds = new HashSet<>();
		for (Source source : catalogue) {
			Row row = existing.get(source.id());
			if (configuredIds.contains(source.id())) {
				logger.info("Public source '{}' is not applied: configuration defines a source with that id",
						source.id());
				result.catalogueSkipped++;
			}
			else if (row != null && row.origin().isEditableThroughApi()) {
				logger.warn("Public source '{}' is not applied: a source with that id was created through the API",
						source.id());
				result.catalogueSkipped++;
			}
			else {
				listedIds.add(source.id());
				apply(source, Origin.CATALOGUE, row, result);
			}
		}
		result.removed += removeOthers(Origin.CATALOGUE, listedIds);
		return result;
	}

	private void apply(Source source, Origin origin, Row row, Reconciliation result) {
		if (row == null) {
			this.jdbc.sql("""
					INSERT INTO sources (id, type, url, item_selector, poll_interval_ms, paused, allow_private_network,
					                     origin, configured_paused)
					VALUES (:id, :type, :url, :itemSelector, :pollInterval, :paused, :allowPrivateNetwork, :origin,
					        :paused)
					""").params(columns(source)).param("origin", origin.code()).update();
			result.added++;
			return;
		}
		if (row.origin() != origin) {
			logger.warn("Source '{}' ({} until now) is taken over by {}", source.id(), row.origin().code(),
					(origin == Origin.CONFIG) ? "configuration" : "the public source list");
		}
		// The definition's paused value wins when it changed since it was last applied,
		// otherwise a pause or resume through the API stands.
		boolean keepPaused = row.origin() == origin && Objects.equals(row.configuredPaused(), source.paused());
		Source wanted = new Source(source.id(), source.type(), source.url(), source.itemSelector(),
				source.pollInterval(), keepPaused ? row.source().paused() : source.paused(),
				source.allowPrivateNetwork());
		if (wanted.equals(row.source()) && row.origin() == origin
				&& Objects.equals(row.configuredPaused(), source.paused())) {
			return;
		}
		this.jdbc.sql("""
				UPDATE sources
				   SET type = :type, url = :url, item_selector = :itemSelector, poll_interval_ms = :pollInterval,
				       paused = :paused, allow_private_network = :allowPrivateNetwork, origin = :origin,
				       configured_paused = :configuredPaused, updated_at = now()
				 WHERE id = :id
				""")
			.params(columns(wanted))
			.param("origin", origin.code())
			.param("configuredPaused", source.paused())
			.update();
		result.changed++;
	}

	/**
	 * A source's columns as named parameters: {@code id}, {@code type}, {@code url},
	 * {@code itemSelector}, {@code pollInterval} (milliseconds), {@code paused} and
	 * {@code allowPrivateNetwork}.
	 */
	private static Map<String, Object> columns(Source source) {
		Map<String, Object> columns = new HashMap<>();
		columns.put("id", source.id());
		columns.put("type", code(source.type()));
		columns.put("url", source.url().toString());
		columns.put("itemSelector", source.itemSelector());
		columns.put("pollInterval", source.pollInterval().toMillis());
		columns.put("paused", source.paused());
		columns.put("allowPrivateNetwork", source.allowPrivateNetwork());
		return columns;
	}

	private int removeOthers(Origin origin, Set<String> keep) {
		List<String> removed = this.jdbc
			.sql("DELETE FROM sources WHERE origin = :origin AND id <> ALL(:keep) RETURNING id")
			.param("origin", origin.code())
			.param("keep", keep.toArray(String[]::new))
			.query(String.class)
			.list();
		if (!removed.isEmpty()) {
			logger.info("Removed {} sources no longer defined by {}{}", removed.size(),
					(origin == Origin.CONFIG) ? "configuration" : "the public source list",
					(removed.size() <= 10) ? ": " + removed : "");
		}
		return removed.size();
	}

	private static String code(SourceType type) {
		return type.name().toLowerCase(Locale.ROOT);
	}

	private static Row map(ResultSet rs, int rowNum) throws SQLException {
		Source source = new Source(rs.getString("id"),
				SourceType.valueOf(rs.getString("type").toUpperCase(Locale.ROOT)), URI.create(rs.getString("url")),
				rs.getString("item_selector"), Duration.ofMillis(rs.getLong("poll_interval_ms")),
				rs.getBoolean("paused"), rs.getBoolean("allow_private_network"));
		Boolean configuredPaused = rs.getObject("configured_paused", Boolean.class);
		return new Row(source, Origin.fromCode(rs.getString("origin")), configuredPaused,
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	/** A row of the table, with the bookkeeping the rest of the service does not see. */
	private record Row(Source source, Origin origin, Boolean configuredPaused, Instant createdAt, Instant updatedAt) {

		RegisteredSource registered() {
			return new RegisteredSource(this.source, this.origin, this.createdAt, this.updatedAt);
		}

	}

	/** Counts of what a start-up reconciliation did, for its log line. */
	private static final class Reconciliation {

		private int added;

		private int changed;

		private int removed;

		private int catalogueSkipped;

	}

	/**
	 * One page of sources.
	 *
	 * @param sources the sources on the page
	 * @param total the number of sources in all
	 */
	record SourcePage(List<RegisteredSource> sources, long total) {

	}

	/**
	 * A feed an import would like to register.
	 *
	 * @param preferredId the id derived from its title, already valid
	 * @param url its address, already checked
	 */
	record FeedCandidate(String preferredId, URI url) {

	}

	/**
	 * What an import did with one feed.
	 *
	 * @param id the id it was registered under, or the id of the source that already has
	 * its URL
	 * @param url its address
	 * @param created whether it was registered now
	 */
	record ImportedFeed(String id, String url, boolean created) {

		static ImportedFeed created(String id, String url) {
			return new ImportedFeed(id, url, true);
		}

		static ImportedFeed skipped(String id, String url) {
			return new ImportedFeed(id, url, false);
		}

	}

}
