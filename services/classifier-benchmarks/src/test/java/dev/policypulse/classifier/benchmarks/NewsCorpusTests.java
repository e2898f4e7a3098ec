package dev.policypulse.classifier.benchmarks;

import java.util.List;

import dev.policypulse.classifier.engine.ClassificationEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NewsCorpusTests {

	@Test
	void generatesTheSameItemsForTheSameSeed() {
		assertThat(NewsCorpus.generate(7, 50)).isEqualTo(NewsCorpus.generate(7, 50))
			.isNotEqualTo(NewsCorpus.generate(8, 50));
	}

	@Test
	void keepsEveryItemBetweenOneAndFiveKilobytes() {
		List<NewsCorpus.Item> corpus = NewsCorpus.generate(ClassificationThroughput.SEED,
				ClassificationThroughput.ITEMS);

		assertThat(corpus).hasSize(ClassificationThroughput.ITEMS)
			.allSatisfy((item) -> assertThat(item.bytes()).isBetween(NewsCorpus.MIN_BYTES, NewsCorpus.MAX_BYTES));
		assertThat(NewsCorpus.bytes(corpus)).isBetween(1_000_000L, 2_000_000L);
	}

	@Test
	void mixesPolicyMovesWithOtherNews() {
		ClassificationEngine engine = ClassificationEngine.create();

		long moves = NewsCorpus.generate(ClassificationThroughput.SEED, 100)
			.stream()
			.filter((item) -> engine.classify(item.title(), item.body()).policyMove())
			.count();

		assertThat(moves).isBetween(10L, 90L);
	}

}
