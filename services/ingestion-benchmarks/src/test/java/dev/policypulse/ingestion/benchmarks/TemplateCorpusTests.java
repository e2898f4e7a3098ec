package dev.policypulse.ingestion.benchmarks;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.publishing.BenchmarkPipeline;
import dev.policypulse.ingestion.publishing.BenchmarkStories;
import dev.policypulse.ingestion.publishing.IncomingItem;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateCorpusTests {

	@Test
	void generatesTheSameItemsForTheSameSeed() {
		List<TemplateCorpus.Labelled> first = TemplateCorpus.generate(7, 200);
		assertThat(first).hasSize(200);
		assertThat(TemplateCorpus.generate(7, 200)).isEqualTo(first);
		assertThat(TemplateCorpus.generate(8, 200)).isNotEqualTo(first);
	}

	@Test
	void keepsTheReportsOfEveryStoryTogetherWithTheDefaultBound() {
		List<TemplateCorpus.Labelled> labelled = TemplateCorpus.generate(PipelineThroughput.SEED, 2_000);
		List<IncomingItem> items = labelled.stream().map(TemplateCorpus.Labelled::item).toList();
		BenchmarkStories stories = BenchmarkStories.prepare(BenchmarkPipeline.load(), items, FeedCorpus.NOW);
		String[] found = stories.cluster();
		assertThat(found).isEqualTo(stories.cluster());
		Map<String, Set<String>> foundByWritten = new HashMap<>();
		for (int i = 0; i < found.length; i++) {
			foundByWritten.computeIfAbsent(labelled.get(stories.position(i)).story(), (story) -> new HashSet<>())
				.add(found[i]);
		}
		assertThat(stories.size()).isGreaterThan(1_900);
		assertThat(foundByWritten.values()).allSatisfy((written) -> assertThat(written).hasSize(1));
	}

}
