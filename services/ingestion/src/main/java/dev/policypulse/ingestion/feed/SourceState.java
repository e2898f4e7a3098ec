package dev.policypulse.ingestion.feed;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import dev.policypulse.ingestion.feed.HttpFetcher.Validators;
import dev.policypulse.ingestion.source.Source;

/**
 * What the poller remembers about a source between its polls: the source as last read
 * from the registry, the validators for a conditional fetch and, for a page, the links
 * already turned into items. What is fetched is used by one poll at a time; the
 * scheduling fields are guarded by the {@link PollScheduler}.
 */
final class SourceState {

	private final int rememberedLinks;

	private volatile Source source;

	private volatile Validators validators = Validators.NONE;

	private volatile LinkMemory links;

	private volatile boolean failing;

	ScheduledFuture<?> next;

	boolean running;

	boolean retired;

	Instant lastEnd;

	SourceState(Source source, int rememberedLinks) {
		this.source = source;
		this.rememberedLinks = rememberedLinks;
		this.links = new LinkMemory(rememberedLinks);
	}

	Source source() {
		return this.source;
	}

	/**
	 * Takes a changed definition of the source. Validators and remembered links belong to
	 * what was fetched, so they are dropped when the address, type, selector or allowance
	 * changed.
	 * @return whether what is fetched changed
	 */
	boolean update(Source changed) {
		Source previous = this.source;
		this.source = changed;
		boolean fetchChanged = !Objects.equals(previous.url(), changed.url()) || previous.type() != changed.type()
				|| !Objects.equals(previous.itemSelector(), changed.itemSelector())
				|| previous.allowPrivateNetwork() != changed.allowPrivateNetwork();
		if (fetchChanged) {
			this.validators = Validators.NONE;
			this.links = new LinkMemory(this.rememberedLinks);
		}
		return fetchChanged;
	}

	Validators validators() {
		return this.validators;
	}

	void validators(Validators validators) {
		this.validators = validators;
	}

	LinkMemory links() {
		return this.links;
	}

	/** Marks the source failing; whether it was not failing before. */
	boolean markFailing() {
		boolean was = this.failing;
		this.failing = true;
		return !was;
	}

	/** Marks the source working; whether it was failing before. */
	boolean markWorking() {
		boolean was = this.failing;
		this.failing = false;
		return was;
	}

}
