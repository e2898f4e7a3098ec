package dev.policypulse.ingestion.publishing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The story step of {@link ItemPublisher} alone: items taken once through the steps
 * before it (ids, repeats by id and by text, normalising, fingerprint and signature),
 * then put through a fresh {@link StoryIndex} as often as needed. Lives in the publishing
 * package of the benchmark module to reach the package-private index.
 */
public final class BenchmarkStories {

	private final List<Prepared> items;

	private final int[] positions;

	private final Instant now;

	private BenchmarkStories(List<Prepared> items, int[] positions, Instant now) {
		this.items = items;
		this.positions = positions;
		this.now = now;
	}

	/**
	 * Takes items through the steps before the story step; repeats are left out.
	 * @param knowledge the loaded lists
	 * @param items the items in the order they come in
	 * @param now the time items are ingested at
	 */
	public static BenchmarkStories prepare(BenchmarkPipeline.Knowledge knowledge, List<IncomingItem> items,
			Instant now) {
		SeenIds seenIds = new SeenIds(items.size() * 2 + 16);
		List<Prepared> prepared = new ArrayList<>(items.size());
		int[] positions = new int[items.size()];
		for (int position = 0; position < items.size(); position++) {
			IncomingItem item = items.get(position);
			String id = ItemIds.of(item.origin(), item.guid(), CanonicalUrls.canonicalize(item.url()));
			if (seenIds.claim(id).state() != SeenIds.Claim.State.OWNED) {
				continue;
			}
			ItemNormaliser.NormalisedItem normalised = knowledge.normaliser().normalise(item, now);
			String contentHash = ContentHash.of(normalised.title(), normalised.body());
			if (contentHash != null
					&& seenIds.claim(SeenIds.contentKey(contentHash)).state() != SeenIds.Claim.State.OWNED) {
				continue;
			}
			seenIds.confirm(id, id);
			if (contentHash != null) {
				seenIds.confirm(SeenIds.contentKey(contentHash), id);
			}
			StoryFingerprint fingerprint = knowledge.analyzer().analyse(normalised.title(), normalised.body());
			positions[prepared.size()] = position;
			prepared.add(
					new Prepared(id, fingerprint, MinHash.signature(fingerprint.features()), normalised.publishedAt()));
		}
		return new BenchmarkStories(List.copyOf(prepared), Arrays.copyOf(positions, prepared.size()), now);
	}

	/** How many items of a day the service reads per band. */
	public static int defaultMaxItemsPerBand() {
		return StoryIndex.MAX_ITEMS_PER_BAND;
	}

	/** Items left after repeats were left out. */
	public int size() {
		return this.items.size();
	}

	/** The position among the items given of the {@code i}th item left. */
	public int position(int i) {
		return this.positions[i];
	}

	/**
	 * Finds the stories of all items, in order, in an index of the service's default
	 * settings that holds nothing yet.
	 * @return the story id of each item left
	 */
	public String[] cluster() {
		return cluster(StoryIndex.MAX_ITEMS_PER_BAND);
	}

	/**
	 * Finds the stories of all items, in order, in an index of the service's default
	 * settings but for the items read per band and day, that holds nothing yet.
	 * @param maxItemsPerBand how many items of a day to read per band; 0 for all
	 * @return the story id of each item left
	 */
	public String[] cluster(int maxItemsPerBand) {
		StoryIndex index = new StoryIndex(Duration.ofDays(7), StoryProperties.DEFAULT_THRESHOLD, 200_000,
				Clock.fixed(this.now, ZoneOffset.UTC), (maxItemsPerBand > 0) ? maxItemsPerBand : Integer.MAX_VALUE);
		String[] stories = new String[this.items.size()];
		for (int i = 0; i < stories.length; i++) {
			Prepared item = this.items.get(i);
			stories[i] = index.assign(item.id, item.fingerprint, item.signature, item.publishedAt).storyId();
		}
		return stories;
	}

	private record Prepared(String id, StoryFingerprint fingerprint, int[] signature, Instant publishedAt) {

	}

}
