package dev.policypulse.ingestion.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.policypulse.ingestion.net.TargetPolicy;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PublicSourceListTests {

	private final List<PublicSourceList.Entry> entries = PublicSourceList.load();

	@Test
	void listsRegulatorsCentralBanksMinistriesInternationalBodiesAndNewsFromManyCountries() {
		assertThat(this.entries).hasSizeGreaterThanOrEqualTo(30);
		assertThat(this.entries).extracting(PublicSourceList.Entry::kind).contains(PublicSourceList.Kind.values());
		assertThat(this.entries).extracting(PublicSourceList.Entry::jurisdiction)
			.contains("US", "GB", "EU", "INT", "JP", "IN", "CA", "AU")
			.allMatch((jurisdiction) -> jurisdiction.matches("[A-Z]{2}|EU|INT"));
		assertThat(this.entries.stream().map(PublicSourceList.Entry::jurisdiction).distinct().count())
			.isGreaterThanOrEqualTo(12);
		assertThat(this.entries).extracting(PublicSourceList.Entry::id)
			.contains("us-sec-press-releases", "us-cftc-press-releases", "us-fed-press-releases", "eu-ecb-press",
					"uk-boe-news", "uk-fca-news", "int-bis-press-releases", "eu-esma-news", "int-imf-news",
					"int-fsb-news", "int-fatf-publications");
	}

	@Test
	void givesEverySourceItsOwnValidId() {
		assertThat(this.entries).extracting(PublicSourceList.Entry::id)
			.doesNotHaveDuplicates()
			.allSatisfy((id) -> assertThat(SourceRules.idProblem(id)).isEmpty());
	}

	@Test
	void pointsOnlyAtHttpsAddressesOnThePublicInternet() {
		for (PublicSourceList.Entry entry : this.entries) {
			assertThat(entry.url().getScheme()).as(entry.id()).isEqualTo("https");
			assertThat(entry.url().getHost()).as(entry.id()).isNotBlank();
			assertThatNoException().as(entry.id()).isThrownBy(() -> TargetPolicy.checkUrl(entry.url(), false));
		}
		assertThat(this.entries).extracting((entry) -> entry.url().toString()).doesNotHaveDuplicates();
	}

	@Test
	void givesPagesASelectorAndFeedsNone() {
		assertThat(this.entries).extracting(PublicSourceList.Entry::type).contains(SourceType.FEED, SourceType.PAGE);
		for (PublicSourceList.Entry entry : this.entries) {
			assertThat(SourceRules.selectorProblem(entry.type(), entry.itemSelector())).as(entry.id()).isEmpty();
		}
	}

	@Test
	void pollsNoServerMoreOftenThanEveryFiveMinutes() {
		assertThat(this.entries).extracting(PublicSourceList.Entry::pollInterval)
			.allMatch((interval) -> interval.compareTo(Duration.ofMinutes(5)) >= 0);
	}

	@Test
	void namesEveryPublisher() {
		assertThat(this.entries).allSatisfy((entry) -> {
			assertThat(entry.name()).as(entry.id()).isNotBlank();
			assertThat(entry.id()).as("prefix of %s", entry.id())
				.startsWith(entry.kind() == PublicSourceList.Kind.NEWS ? "news-"
						: entry.jurisdiction().toLowerCase(Locale.ROOT).replace("gb", "uk") + "-");
		});
	}

	@Test
	void turnsEveryEntryIntoAnActiveSourceWithoutPrivateNetworkAccess() {
		assertThat(this.entries).extracting(PublicSourceList.Entry::toSource)
			.allMatch((source) -> !source.paused() && !source.allowPrivateNetwork());
	}

	@Test
	void refusesAListThatBreaksTheRules() {
		String broken = """
				sources:
				  - id: twice
				    name: One
				    jurisdiction: US
				    kind: regulator
				    url: https://one.example/rss
				  - id: twice
				    name: Two
				    jurisdiction: US
				    kind: regulator
				    url: http://10.0.0.1/rss
				    poll-interval: 1m
				""";
		assertThatIllegalStateException()
			.isThrownBy(() -> PublicSourceList.load(new ByteArrayResource(broken.getBytes(StandardCharsets.UTF_8))))
			.withMessageContaining("sources[1].id 'twice' is listed twice")
			.withMessageContaining("10.0.0.1")
			.withMessageContaining("sources[1].poll-interval must be at least 5m");
	}

}
