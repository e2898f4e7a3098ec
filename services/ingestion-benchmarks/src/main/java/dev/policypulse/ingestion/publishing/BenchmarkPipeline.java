package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What {@link ItemPublisher} does to an item, without the database and the broker:
 * identify it, recognise a repeat by id or by text in the memory of published items
 * ({@link SeenIds}), normalise it, and find its story ({@link StoryIndex}). Lives in the
 * publishing package of the benchmark module to reach the package-private steps; one
 * instance is one fresh service: nothing published yet.
 */
public final class BenchmarkPipeline {

	private final SeenIds seenIds = new SeenIds(100_000);

	private final ItemNormaliser normaliser;

	private final StoryAnalyzer analyzer;

	private final StoryIndex stories;

	private final Instant now;

	private int published;

	private int duplicates;

	private int joinedStories;

	private BenchmarkPipeline(ItemNormaliser normaliser, StoryAnalyzer analyzer, Instant now) {
		this.normaliser = normaliser;
		this.analyzer = analyzer;
		this.now = now;
		this.stories = new StoryIndex(Duration.ofDays(7), StoryProperties.DEFAULT_THRESHOLD, 200_000,
				Clock.fixed(now, ZoneOffset.UTC));
	}

	/**
	 * Loads the word lists and profiles the pipeline reads, once for many runs.
	 */
	public static Knowledge load() {
		return new Knowledge(new ItemNormaliser(100_000, LanguageDetector.load(), Boilerplate.load()),
				StoryAnalyzer.load());
	}

	/**
	 * A pipeline that has published nothing yet.
	 * @param knowledge the loaded lists
	 * @param now the time items are ingested at
	 */
	public static BenchmarkPipeline fresh(Knowledge knowledge, Instant now) {
		return new BenchmarkPipeline(knowledge.normaliser, knowledge.analyzer, now);
	}

	/**
	 * Takes one item through the pipeline.
	 * @param item the item
	 * @return whether it would be published (rather than being a repeat)
	 */
	public boolean process(IncomingItem item) {
		String link = CanonicalUrls.canonicalize(item.url());
		String id = ItemIds.of(item.origin(), item.guid(), link);
		if (this.seenIds.claim(id).state() != SeenIds.Claim.State.OWNED) {
			this.duplicates++;
			return false;
		}
		ItemNormaliser.NormalisedItem normalised = this.normaliser.normalise(item, this.now);
		String contentHash = ContentHash.of(normalised.title(), normalised.body());
		String contentKey = (contentHash != null) ? SeenIds.contentKey(contentHash) : null;
		if (contentKey != null) {
			SeenIds.Claim content = this.seenIds.claim(contentKey);
			if (content.state() != SeenIds.Claim.State.OWNED) {
				this.seenIds.confirm(id, content.publishedId());
				this.duplicates++;
				return false;
			}
		}
		StoryFingerprint fingerprint = this.analyzer.analyse(normalised.title(), normalised.body());
		StoryIndex.Assignment story = this.stories.assign(id, fingerprint, MinHash.signature(fingerprint.features()),
				normalised.publishedAt());
		this.seenIds.confirm(id, id);
		if (contentKey != null) {
			this.seenIds.confirm(contentKey, id);
		}
		this.published++;
		this.joinedStories += story.joinedExistingStory() ? 1 : 0;
		return true;
	}

	/** Items that would have been published. */
	public int published() {
		return this.published;
	}

	/** Items recognised as published before, by id or by text. */
	public int duplicates() {
		return this.duplicates;
	}

	/** Published items that joined a story another item started. */
	public int joinedStories() {
		return this.joinedStories;
	}

	/** The loaded word lists and profiles. */
	public static final class Knowledge {

		private final ItemNormaliser normaliser;

		private final StoryAnalyzer analyzer;

		private Knowledge(ItemNormaliser normaliser, StoryAnalyzer analyzer) {
			this.normaliser = normaliser;
			this.analyzer = analyzer;
		}

		ItemNormaliser normaliser() {
			return this.normaliser;
		}

		StoryAnalyzer analyzer() {
			return this.analyzer;
		}

	}

}
