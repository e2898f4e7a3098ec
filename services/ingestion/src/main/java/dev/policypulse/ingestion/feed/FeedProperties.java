package dev.policypulse.ingestion.feed;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The feeds to poll and how to fetch them.
 *
 * @param feeds the RSS/Atom feeds to poll (default none)
 * @param fetch HTTP settings shared by all feeds
 * @param poller scheduling shared by all feeds
 */
@Validated
@ConfigurationProperties("policypulse.ingestion")
record FeedProperties(@Valid List<Feed> feeds, @Valid Fetch fetch, @Valid Poller poller) {

	FeedProperties {
		feeds = (feeds != null) ? List.copyOf(feeds) : List.of();
		fetch = (fetch != null) ? fetch : new Fetch(null, null, null, null);
		poller = (poller != null) ? poller : new Poller(null, null);
	}

	@AssertTrue(message = "feed ids must be unique")
	boolean isEachFeedIdUnique() {
		Set<String> ids = new HashSet<>();
		return this.feeds.stream().allMatch((feed) -> feed.id() == null || ids.add(feed.id()));
	}

	/**
	 * One feed.
	 *
	 * @param id short, stable name of the feed; the {@code source} of its items and the
	 * {@code source} tag of its metrics
	 * @param url the feed's http(s) address
	 * @param pollInterval time between the end of one poll and the start of the next
	 * (default 5m)
	 */
	record Feed(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}") String id, @NotNull URI url,
			Duration pollInterval) {

		Feed {
			pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMinutes(5);
		}

		@AssertTrue(message = "url must be an absolute http or https URL")
		boolean isHttpUrl() {
			return this.url == null || (("http".equalsIgnoreCase(this.url.getScheme())
					|| "https".equalsIgnoreCase(this.url.getScheme())) && this.url.getHost() != null);
		}

		@AssertTrue(message = "poll-interval must be positive")
		boolean isPollIntervalPositive() {
			return !this.pollInterval.isNegative() && !this.pollInterval.isZero();
		}

	}

	/**
	 * How feeds are fetched.
	 *
	 * @param connectTimeout time allowed to open a connection (default 5s)
	 * @param readTimeout time allowed for the whole response once connected (default 10s)
	 * @param maxBodySize largest feed accepted, compressed or decoded (default 5MB)
	 * @param userAgent the {@code User-Agent} sent to feed servers
	 */
	record Fetch(Duration connectTimeout, Duration readTimeout, DataSize maxBodySize, @NotBlank String userAgent) {

		Fetch {
			connectTimeout = (connectTimeout != null) ? connectTimeout : Duration.ofSeconds(5);
			readTimeout = (readTimeout != null) ? readTimeout : Duration.ofSeconds(10);
			maxBodySize = (maxBodySize != null) ? maxBodySize : DataSize.ofMegabytes(5);
			userAgent = (userAgent != null) ? userAgent : "PolicyPulse-Ingestion/0.1";
		}

		@AssertTrue(message = "timeouts and max-body-size must be positive")
		boolean isPositive() {
			return !this.connectTimeout.isNegative() && !this.connectTimeout.isZero() && !this.readTimeout.isNegative()
					&& !this.readTimeout.isZero() && this.maxBodySize.toBytes() > 0
					&& this.maxBodySize.toBytes() <= Integer.MAX_VALUE - 8;
		}

	}

	/**
	 * How polls are scheduled.
	 *
	 * @param initialDelay time from startup to each feed's first poll (default 1s)
	 * @param threads feeds polled at the same time; a slow feed holds one thread at most
	 * for its timeouts (default 4)
	 */
	record Poller(Duration initialDelay, @Min(1) @Max(64) Integer threads) {

		Poller {
			initialDelay = (initialDelay != null) ? initialDelay : Duration.ofSeconds(1);
			threads = (threads != null) ? threads : 4;
		}

	}

}
