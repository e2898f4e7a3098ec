package dev.policypulse.ingestion.publishing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ItemIdsTests {

	@Test
	void keepsIdsStableAcrossReleases() {
		// Ids are keys in Kafka and downstream stores: changing the derivation
		// re-publishes everything. First 32 hex characters of
		// SHA-256("url:https://news.example.org/a").
		assertThat(ItemIds.of("roundup", null, "https://news.example.org/a"))
			.isEqualTo("b0b9e80385bf6e960af84447bbc2357c");
		// First 32 hex characters of SHA-256("guid:roundup:roundup-0001").
		assertThat(ItemIds.of("roundup", "roundup-0001", null)).isEqualTo("faa5722b6f48e277cc4db6ed08754286");
	}

	@Test
	void identifiesAnItemWithALinkByItsUrlWhateverFeedOrGuidItCameWith() {
		String fromWebhook = ItemIds.of("webhook", null, "https://news.example.org/a");
		assertThat(ItemIds.of("roundup", "1234", "https://news.example.org/a")).isEqualTo(fromWebhook);
		assertThat(ItemIds.of("watch", "other-guid", "https://news.example.org/a")).isEqualTo(fromWebhook);
		assertThat(ItemIds.of("roundup", "1234", "https://news.example.org/b")).isNotEqualTo(fromWebhook);
	}

	@Test
	void scopesTheGuidOfAnItemWithoutALinkToItsFeed() {
		assertThat(ItemIds.of("roundup", "1234", null)).isEqualTo(ItemIds.of("roundup", " 1234 ", null))
			.isNotEqualTo(ItemIds.of("watch", "1234", null));
	}

	@Test
	void keepsGuidAndUrlKeysApart() {
		assertThat(ItemIds.of("roundup", "https://news.example.org/a", null))
			.isNotEqualTo(ItemIds.of("roundup", null, "https://news.example.org/a"));
	}

	@Test
	void refusesItemsWithNeitherUrlNorGuid() {
		assertThatIllegalArgumentException().isThrownBy(() -> ItemIds.of("roundup", " ", null));
		assertThatIllegalArgumentException().isThrownBy(() -> ItemIds.of("roundup", null, null));
	}

	@Test
	void producesIdsTheContractsAccept() {
		assertThat(ItemIds.of("roundup", null, "https://news.example.org/a")).matches("[A-Za-z0-9_-]{8,128}");
		assertThat(ItemIds.of("roundup", "urn:example:1", null)).matches("[A-Za-z0-9_-]{8,128}");
	}

}
