package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ItemIdsTests {

	@Test
	void derivesTheSameIdFromTheSameGuid() {
		assertThat(ItemIds.of("roundup-0001", "https://a.example/1"))
			.isEqualTo(ItemIds.of(" roundup-0001 ", "https://b.example/2"));
	}

	@Test
	void keepsIdsStableAcrossReleases() {
		// Ids are keys in Kafka and downstream stores: changing the derivation re-publishes everything.
		assertThat(ItemIds.of(null, "https://news.example.org/a")).isEqualTo("b0b9e80385bf6e960af84447bbc2357c");
		assertThat(ItemIds.of("roundup-0001", "https://news.example.org/a"))
			.isEqualTo("f00468ba5784b5789f9f1e4065df489e");
	}

	@Test
	void usesTheUrlWhenThereIsNoGuid() {
		assertThat(ItemIds.of(null, "https://news.example.org/a")).isEqualTo(ItemIds.of(" ", "https://news.example.org/a"))
			.isNotEqualTo(ItemIds.of(null, "https://news.example.org/b"));
	}

	@Test
	void keepsGuidAndUrlKeysApart() {
		assertThat(ItemIds.of("https://news.example.org/a", "https://news.example.org/a"))
			.isNotEqualTo(ItemIds.of(null, "https://news.example.org/a"));
	}

	@Test
	void producesIdsTheContractsAccept() {
		assertThat(ItemIds.of(null, "https://news.example.org/a")).matches("[A-Za-z0-9_-]{8,128}");
	}

}
