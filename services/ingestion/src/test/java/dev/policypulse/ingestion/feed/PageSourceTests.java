package dev.policypulse.ingestion.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.Fixtures;
import dev.policypulse.ingestion.health.SourceHealth;
import dev.policypulse.ingestion.publishing.IncomingItem;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Page sources against a real HTTP server serving a list page and the pages it links to.
 */
class PageSourceTests {

	private static final String REGISTER = "/news/2025/stablecoin-register";

	private static final String WARNING = "/news/2025/exchange-warning";

	private static final String CUSTODY = "/news/2025/custody-rules";

	private final FeedServer server = new FeedServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void turnsEachLinkedPageIntoAnItem() {
		serveSite();
		Polling polling = new Polling(Polling.testSettings());
		SourceHealth health = polling
			.pollOnce(Polling.page("office", this.server.url("/press-releases"), "li.release"));
		assertThat(health.status()).isEqualTo("ok");
		List<IncomingItem> items = polling.sink.publishedBy("office");
		assertThat(items).extracting(IncomingItem::url)
			.containsExactly(this.server.url(REGISTER).toString(), this.server.url(WARNING).toString(),
					this.server.url(CUSTODY) + "?ref=list");
		IncomingItem register = items.get(0);
		assertThat(register.title()).as("og:title").isEqualTo("Office opens register for stablecoin issuers");
		assertThat(register.html()).contains("six months", "The register is public.")
			.doesNotContain("do not publish", "no scripts in items", "Related", "Copyright", "Home");
		assertThat(register.publishedAt()).isEqualTo(Instant.parse("2025-03-14T09:30:00Z"));
		assertThat(register.language()).isEqualTo("en-GB");
		assertThat(register.fallbackUrl()).isEqualTo(this.server.url("/press-releases").toString());
		assertThat(register.guid()).isNull();
		IncomingItem warning = items.get(1);
		assertThat(warning.title()).as("<title>").isEqualTo("Warning about an unlicensed exchange");
		assertThat(warning.html()).contains("not licensed").doesNotContain("Footer links", "Office");
		assertThat(warning.publishedAt()).as("<time datetime>").isEqualTo(Instant.parse("2025-03-13T15:00:00Z"));
		IncomingItem custody = items.get(2);
		assertThat(custody.title()).as("<h1>").isEqualTo("Custody rules take effect");
		assertThat(custody.html()).contains("Custodians must keep client assets apart.");
		assertThat(custody.publishedAt()).as("undated: stamped and flagged by the publisher").isNull();
		assertThat(custody.language()).isNull();
		assertThat(this.server.hits("/news/archive")).as("not matched by the selector").isZero();
		assertThat(health.itemsPerDay()).isPositive();
	}

	@Test
	void fetchesEachLinkedPageOnceAcrossPolls() {
		serveSite();
		Polling polling = new Polling(Polling.testSettings());
		SourceState state = new SourceState(Polling.page("office", this.server.url("/press-releases"), "li.release"),
				100);
		polling.poll(state);
		SourceHealth second = polling.poll(state);
		assertThat(second.status()).isEqualTo("ok");
		assertThat(this.server.hits("/press-releases")).isEqualTo(2);
		assertThat(this.server.hits(REGISTER)).isOne();
		assertThat(this.server.hits(WARNING)).isOne();
		assertThat(this.server.hits(CUSTODY)).isOne();
		assertThat(polling.sink.publishedBy("office")).hasSize(3);
		assertThat(polling.linkedPages("office", "ok")).isEqualTo(3);
	}

	@Test
	void fetchesAtMostTheConfiguredNumberOfLinkedPagesPerPoll() {
		serveSite();
		Polling polling = new Polling(Polling.settings(DataSize.ofKilobytes(256), 2));
		SourceState state = new SourceState(Polling.page("office", this.server.url("/press-releases"), "li.release"),
				100);
		polling.poll(state);
		assertThat(polling.sink.publishedBy("office")).hasSize(2);
		assertThat(this.server.hits(CUSTODY)).isZero();
		polling.poll(state);
		assertThat(polling.sink.publishedBy("office")).hasSize(3);
		assertThat(this.server.hits(REGISTER) + this.server.hits(WARNING) + this.server.hits(CUSTODY)).isEqualTo(3);
	}

	@Test
	void reportsASelectorThatMatchesNoLinks() {
		serveSite();
		Polling polling = new Polling(Polling.testSettings());
		SourceHealth health = polling
			.pollOnce(Polling.page("moved", this.server.url("/press-releases"), "div.teaser a"));
		assertThat(health.status()).isEqualTo("failing");
		assertThat(health.lastErrorMessage()).isEqualTo("the item selector matched no links");
	}

	@Test
	void reportsLinkedPagesThatFailAndDoesNotFetchThemAgain() {
		this.server.serve("/list",
				"<ul><li><a href=\"/missing\">Missing</a></li></ul>".getBytes(StandardCharsets.UTF_8), "text/html");
		this.server.handle("/missing", (exchange) -> FeedServer.send(exchange, 404, new byte[0]));
		Polling polling = new Polling(Polling.testSettings());
		SourceState state = new SourceState(Polling.page("broken-links", this.server.url("/list"), "li a"), 100);
		SourceHealth first = polling.poll(state);
		assertThat(first.status()).isEqualTo("failing");
		assertThat(first.lastErrorMessage()).isEqualTo("linked page failed: HTTP 404");
		assertThat(polling.linkedPages("broken-links", "error")).isOne();
		SourceHealth second = polling.poll(state);
		assertThat(second.status()).as("nothing new to fetch").isEqualTo("ok");
		assertThat(this.server.hits("/missing")).isOne();
	}

	private void serveSite() {
		String list = new String(Fixtures.file("pages/press-releases.html"), StandardCharsets.UTF_8).replace("BASE_URL",
				"http://127.0.0.1:" + this.server.port());
		this.server.serve("/press-releases", list.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
		this.server.serve(REGISTER, Fixtures.file("pages" + REGISTER + ".html"), "text/html; charset=utf-8");
		this.server.serve(WARNING, Fixtures.file("pages" + WARNING + ".html"), "text/html");
		this.server.serve(CUSTODY, Fixtures.file("pages" + CUSTODY + ".html"), "text/html");
		this.server.serve("/news/archive", new byte[] { '<', 'p', '>' }, "text/html");
	}

}
