package dev.policypulse.ingestion.publishing;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.publishing.SeenIds.Claim.State;

import static org.assertj.core.api.Assertions.assertThat;

class SeenIdsTests {

	private final SeenIds seenIds = new SeenIds(3);

	@Test
	void letsTheFirstClaimPublish() {
		assertThat(this.seenIds.claim("item-0001").state()).isEqualTo(State.OWNED);
		assertThat(this.seenIds.isSeen("item-0001")).isFalse();
	}

	@Test
	void marksAKeySeenOnlyWhenConfirmedAndAnswersWithThePublishedId() {
		this.seenIds.claim("item-0001");
		assertThat(this.seenIds.isSeen("item-0001")).isFalse();
		this.seenIds.confirm("item-0001", "item-0001");
		SeenIds.Claim again = this.seenIds.claim("item-0001");
		assertThat(again.state()).isEqualTo(State.SEEN);
		assertThat(again.publishedId()).isEqualTo("item-0001");
	}

	@Test
	void remembersACopyUnderTheIdOfTheItemThatCarriesIt() {
		this.seenIds.claim("item-0002");
		this.seenIds.confirm("item-0002", "item-0001");
		assertThat(this.seenIds.claim("item-0002").publishedId()).isEqualTo("item-0001");
	}

	@Test
	void makesConcurrentClaimsWaitForTheOwnerAndTellThemThePublishedId() {
		this.seenIds.claim("item-0001");
		SeenIds.Claim second = this.seenIds.claim("item-0001");
		assertThat(second.state()).isEqualTo(State.IN_FLIGHT);
		assertThat(second.pending()).isNotDone();
		this.seenIds.confirm("item-0001", "item-0001");
		assertThat(second.pending()).isCompletedWithValue("item-0001");
	}

	@Test
	void forgetsAReleasedClaimSoThatItCanBeRetried() {
		this.seenIds.claim("item-0001");
		CompletableFuture<String> waiting = this.seenIds.claim("item-0001").pending();
		this.seenIds.release("item-0001", new IllegalStateException("broker down"));
		assertThat(waiting).isCompletedExceptionally();
		assertThat(this.seenIds.isSeen("item-0001")).isFalse();
		assertThat(this.seenIds.claim("item-0001").state()).isEqualTo(State.OWNED);
	}

	@Test
	void keepsTextFingerprintsApartFromItemIds() {
		String contentKey = SeenIds.contentKey("0f".repeat(32));
		this.seenIds.claim(contentKey);
		this.seenIds.confirm(contentKey, "item-0001");
		assertThat(this.seenIds.publishedId(contentKey)).isEqualTo("item-0001");
		assertThat(this.seenIds.isSeen("0f".repeat(32))).isFalse();
	}

	@Test
	void evictsTheLeastRecentlySeenKeyBeyondCapacity() {
		for (String id : new String[] { "item-0001", "item-0002", "item-0003" }) {
			this.seenIds.claim(id);
			this.seenIds.confirm(id, id);
		}
		this.seenIds.claim("item-0001");
		this.seenIds.claim("item-0004");
		this.seenIds.confirm("item-0004", "item-0004");
		assertThat(this.seenIds.size()).isEqualTo(3);
		assertThat(this.seenIds.isSeen("item-0002")).isFalse();
		assertThat(this.seenIds.isSeen("item-0001")).isTrue();
		assertThat(this.seenIds.isSeen("item-0004")).isTrue();
	}

	@Test
	void remembersKeysFromTheDatabaseWithoutClaimingThem() {
		this.seenIds.remember("item-0001", "item-0001");
		this.seenIds.remember("item-0002", "item-0002");
		this.seenIds.remember("item-0003", "item-0003");
		assertThat(this.seenIds.claim("item-0002").state()).isEqualTo(State.SEEN);
		this.seenIds.claim("item-0004");
		this.seenIds.confirm("item-0004", "item-0004");
		assertThat(this.seenIds.isSeen("item-0001")).isFalse();
		assertThat(this.seenIds.isSeen("item-0003")).isTrue();
	}

}
