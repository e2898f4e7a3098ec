package dev.policypulse.ingestion.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The public source list shipped in {@value #LOCATION}: regulators, central banks,
 * finance ministries, international bodies and news outlets that anyone may poll. It is
 * read with the same binding rules as configuration, so its entries are written like
 * {@code policypulse.ingestion.sources}, plus a name, a jurisdiction and a kind that
 * document each entry.
 */
final class PublicSourceList {

	static final String LOCATION = "sources/public-sources.yaml";

	/** Shipped sources are third parties' servers: they are not polled more often. */
	static final Duration MIN_POLL_INTERVAL = Duration.ofMinutes(5);

	private PublicSourceList() {
	}

	/**
	 * The shipped list.
	 * @return its entries, in file order
	 * @throws IllegalStateException if an entry breaks the rules every source follows
	 */
	static List<Entry> load() {
		return load(new ClassPathResource(LOCATION));
	}

	static List<Entry> load(Resource resource) {
		List<PropertySource<?>> yaml;
		try {
			yaml = new YamlPropertySourceLoader().load(resource.getDescription(), resource);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + resource.getDescription(), ex);
		}
		List<Entry> entries = new Binder(ConfigurationPropertySources.from(yaml))
			.bind("sources", Bindable.listOf(Entry.class))
			.orElse(List.of());
		List<String> problems = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			Entry entry = entries.get(i);
			String at = "sources[" + i + "]";
			SourceRules.idProblem(entry.id()).ifPresent((problem) -> problems.add(at + ".id " + problem));
			if (entry.id() != null && !ids.add(entry.id())) {
				problems.add(at + ".id '" + entry.id() + "' is listed twice");
			}
			SourceRules.urlProblem(entry.url(), false).ifPresent((problem) -> problems.add(at + ".url: " + problem));
			SourceRules.selectorProblem(entry.type(), entry.itemSelector())
				.ifPresent((problem) -> problems.add(at + ".item-selector " + problem));
			SourceRules.pollIntervalProblem(entry.pollInterval(), MIN_POLL_INTERVAL)
				.ifPresent((problem) -> problems.add(at + ".poll-interval " + problem));
			if (entry.name() == null || entry.name().isBlank() || entry.jurisdiction() == null
					|| entry.jurisdiction().isBlank() || entry.kind() == null) {
				problems.add(at + " needs a name, a jurisdiction and a kind");
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The public source list " + resource.getDescription() + " is invalid: "
					+ String.join("; ", problems));
		}
		return List.copyOf(entries);
	}

	/** What kind of body publishes a listed source. */
	enum Kind {

		REGULATOR, CENTRAL_BANK, MINISTRY, INTERNATIONAL, NEWS

	}

	/**
	 * One listed source.
	 *
	 * @param id the source id
	 * @param type {@code feed} (the default) or {@code page}
	 * @param url the feed's or page's https address
	 * @param itemSelector for pages, the CSS selector of the links to items
	 * @param pollInterval time between polls (default 15m)
	 * @param name who publishes it
	 * @param jurisdiction ISO 3166-1 alpha-2 code of the country, {@code EU}, or
	 * {@code INT} for international bodies and outlets
	 * @param kind what kind of body publishes it
	 */
	record Entry(String id, SourceType type, URI url, String itemSelector, Duration pollInterval, String name,
			String jurisdiction, Kind kind) {

		Entry {
			type = (type != null) ? type : SourceType.FEED;
			pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMinutes(15);
			itemSelector = (itemSelector != null && !itemSelector.isBlank()) ? itemSelector.strip() : null;
		}

		Source toSource() {
			return new Source(this.id, this.type, this.url, this.itemSelector, this.pollInterval, false, false);
		}

	}

}
