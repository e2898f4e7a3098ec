package dev.policypulse.ingestion.publishing;

import java.util.List;
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
	void marksAnIdSeenOnlyWhenConfirmed() {
		this.seenIds.claim("item-0001");
		this.seenIds.confirm("item-0001");
		assertThat(this.seenIds.isSeen("item-0001")).isTrue();
		assertThat(this.seenIds.claim("item-0001").state()).isEqualTo(State.SEEN);
	}

	@Test
	void makesConcurrentClaimsWaitForTheOwner() {
		this.seenIds.claim("item-0001");
		SeenIds.Claim second = this.seenIds.claim("item-0001");
		assertThat(second.state()).isEqualTo(State.IN_FLIGHT);
		assertThat(second.pending()).isNotDone();
		this.seenIds.confirm("item-0001");
		assertThat(second.pending()).isCompleted();
	}

	@Test
	void forgetsAReleasedClaimSoThatItCanBeRetried() {
		this.seenIds.claim("item-0001");
		CompletableFuture<Void> waiting = this.seenIds.claim("item-0001").pending();
		this.seenIds.release("item-0001", new IllegalStateException("broker down"));
		assertThat(waiting).isCompletedExceptionally();
		assertThat(this.seenIds.isSeen("item-0001")).isFalse();
		assertThat(this.seenIds.claim("item-0001").state()).isEqualTo(State.OWNED);
	}

	@Test
	void evictsTheLeastRecentlySeenIdBeyondCapacity() {
		for (String id : new String[] { "item-0001", "item-0002", "item-0003" }) {
			this.seenIds.claim(id);
			this.seenIds.confirm(id);
		}
		this.seenIds.claim("item-0001");
		this.seenIds.claim("item-0004");
		this.seenIds.confirm("item-0004");
		assertThat(this.seenIds.size()).isEqualTo(3);
		assertThat(this.seenIds.isSeen("item-0002")).isFalse();
		assertThat(this.seenIds.isSeen("item-0001")).isTrue();
		assertThat(this.seenIds.isSeen("item-0004")).isTrue();
	}

	@Test
	void treatsIdsPublishedBeforeStartAsSeenAndEvictsTheOldestFirst() {
		this.seenIds.rememberPublished(List.of("item-0001", "item-0002", "item-0003"));
		assertThat(this.seenIds.claim("item-0002").state()).isEqualTo(State.SEEN);
		this.seenIds.claim("item-0004");
		this.seenIds.confirm("item-0004");
		assertThat(this.seenIds.isSeen("item-0001")).isFalse();
		assertThat(this.seenIds.isSeen("item-0003")).isTrue();
		assertThat(this.seenIds.isSeen("item-0004")).isTrue();
	}

}
