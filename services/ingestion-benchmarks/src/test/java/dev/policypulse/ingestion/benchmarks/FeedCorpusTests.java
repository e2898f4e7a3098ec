package dev.policypulse.ingestion.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.publishing.BenchmarkPipeline;
import dev.policypulse.ingestion.publishing.IncomingItem;

import static org.assertj.core.api.Assertions.assertThat;

class FeedCorpusTests {

	@Test
	void generatesTheSameFeedsForTheSameSeed() {
		List<FeedCorpus.Feed> first = FeedCorpus.generate(7, 3, 10);
		List<FeedCorpus.Feed> again = FeedCorpus.generate(7, 3, 10);
		assertThat(first).hasSize(3);
		for (int i = 0; i < first.size(); i++) {
			assertThat(first.get(i).rss()).isEqualTo(again.get(i).rss());
		}
		assertThat(FeedCorpus.generate(8, 3, 10).get(0).rss()).isNotEqualTo(first.get(0).rss());
	}

	@Test
	void parsesEveryEntryOfEveryFeed() {
		List<FeedCorpus.Feed> feeds = FeedCorpus.generate(PipelineThroughput.SEED, 5, 20);
		for (FeedCorpus.Feed feed : feeds) {
			List<IncomingItem> items = FeedParsing.items(feed);
			assertThat(items).hasSize(20)
				.allSatisfy((item) -> assertThat(item.url()).startsWith("https://"))
				.allSatisfy((item) -> assertThat(item.publishedAt()).isBefore(FeedCorpus.NOW));
		}
	}

	@Test
	void givesThePipelineRepeatsToRecogniseAndStoriesToForm() {
		List<FeedCorpus.Feed> feeds = FeedCorpus.generate(PipelineThroughput.SEED, PipelineThroughput.FEEDS,
				PipelineThroughput.ITEMS_PER_FEED);
		BenchmarkPipeline pipeline = BenchmarkPipeline.fresh(BenchmarkPipeline.load(), FeedCorpus.NOW);
		for (FeedCorpus.Feed feed : feeds) {
			FeedParsing.items(feed).forEach(pipeline::process);
		}
		int items = FeedCorpus.items(feeds);
		assertThat(pipeline.published() + pipeline.duplicates()).isEqualTo(items);
		assertThat(pipeline.duplicates()).isBetween(items / 40, items / 5);
		assertThat(pipeline.joinedStories()).isBetween(items / 10, items * 9 / 10);
	}

}
