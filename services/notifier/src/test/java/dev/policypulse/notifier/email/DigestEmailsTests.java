package dev.policypulse.notifier.email;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;

import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DigestEmailsTests {

	private static final MatchedRules ANYTHING = new MatchedRules(List.of(), List.of(), List.of(), List.of());

	private static final LocalDate MONDAY = LocalDate.of(2026, 5, 4);

	private final DigestEmails emails = new DigestEmails(new EmailTemplates());

	@Test
	void groupsByJurisdictionThenByMoveMostSevereFirst() {
		RenderedEmail email = this.emails.render(daily(
				List.of(entry("0001", "PK", "licensing", Severity.MEDIUM),
						entry("0002", "EU", "stablecoin", Severity.MEDIUM),
						entry("0003", "PK", "ban_restriction", Severity.HIGH),
						entry("0004", "PK", "licensing", Severity.CRITICAL), entry("0005", null, null, Severity.LOW)),
				0));

		String text = email.text();
		// jurisdictions alphabetically with the catch-all last, moves in taxonomy order
		assertThat(text).containsSubsequence("== European Union ==", "-- stablecoin rules --", "Item 0002",
				"== Pakistan ==", "-- licensing --", "Item 0004", "Item 0001", "-- ban or restriction --", "Item 0003",
				"== Other jurisdictions ==", "-- Other news --", "Item 0005");
		assertThat(email.html()).containsSubsequence(">European Union</h2>", ">stablecoin rules</h3>", ">Item 0002<",
				">Pakistan</h2>", ">licensing</h3>", ">Item 0004<", ">Item 0001<", ">ban or restriction</h3>",
				">Item 0003<", ">Other jurisdictions</h2>");
	}

	@Test
	void subjectNamesTheCadenceDayCountAndJurisdictions() {
		RenderedEmail daily = this.emails.render(daily(List.of(entry("0001", "PK", "licensing", Severity.MEDIUM),
				entry("0002", "US-TX", "reserve_holdings", Severity.HIGH)), 0));
		RenderedEmail weekly = this.emails.render(new DigestContent(true, MONDAY, ZoneId.of("Asia/Karachi"), 7,
				List.of(entry("0001", "PK", "licensing", Severity.MEDIUM)), 0, AlertEmailsTests.LINKS));

		assertThat(daily.subject())
			.isEqualTo("[PolicyPulse] Daily digest, 4 May 2026: 2 items — Pakistan, Texas, United States");
		assertThat(weekly.subject()).isEqualTo("[PolicyPulse] Weekly digest, week of 4 May 2026: 1 item — Pakistan");
		assertThat(weekly.text())
			.startsWith("Your weekly PolicyPulse digest, week of 4 May 2026\n"
					+ "1 item matched your subscription since the last digest.\n")
			.contains("You get this digest every Monday at 07:00 (Asia/Karachi).\n");
	}

	@Test
	void eachItemSaysHowSevereItIsWhereToReadItAndWhyItIsThere() {
		MatchedRules rules = new MatchedRules(List.of("PK"), List.of(),
				List.of(new MatchedRules.MatchedJurisdiction("PK", "PK", Role.ACTOR)), List.of());
		RenderedEmail email = this.emails
			.render(daily(List.of(new DigestEntry(item("0001", "PK", "licensing", Severity.HIGH), rules)), 0));

		assertThat(email.text())
			.contains("* Item 0001\n  Severity: high. Published 4 May 2026, 09:30 UTC.\n"
					+ "  Body of item 0001.\n  Read the source: https://news.example.org/items/item-0001\n"
					+ "  Why you got this: You follow Pakistan: Pakistan is the actor here. "
					+ "You follow every kind of policy move.\n")
			.contains("Change what you receive: " + AlertEmailsTests.LINKS.preferencesUrl() + "\n")
			.contains("Unsubscribe with one click: " + AlertEmailsTests.LINKS.unsubscribeUrl() + "\n")
			.contains("You get this digest every day at 08:00 (Europe/Berlin).");
		assertThat(email.html())
			.contains("<a href=\"https://news.example.org/items/item-0001\" style=\"color: #1f2933;\">Item 0001</a>")
			.contains("<a href=\"" + AlertEmailsTests.LINKS.unsubscribeUrl() + "\"")
			.contains("<a href=\"" + AlertEmailsTests.LINKS.preferencesUrl() + "\"");
	}

	@Test
	void countsTheItemsLeftOut() {
		RenderedEmail email = this.emails.render(daily(List.of(entry("0001", "PK", "licensing", Severity.MEDIUM)), 4));

		assertThat(email.subject()).contains(": 5 items — ");
		assertThat(email.text()).contains("4 more matched but are left out to keep this email short");
	}

	@Test
	void escapesItemsInHtml() {
		PolicyItemClassified hostile = item("0001", "PK", "licensing", Severity.MEDIUM, "<script>alert(1)</script>",
				"<b onmouseover=x>bold</b>");

		String html = this.emails.render(daily(List.of(new DigestEntry(hostile, ANYTHING)), 0)).html();

		assertThat(html).doesNotContain("<script>", "<b ")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("&lt;b onmouseover=x&gt;bold&lt;/b&gt;");
	}

	@Test
	void aDigestWithoutItemsCannotBeMade() {
		assertThatIllegalArgumentException().isThrownBy(() -> daily(List.of(), 3));
	}

	@Test
	void rendersTheSameDigestWhateverTheOrderOfItsItems() {
		DigestEntry a = entry("0001", "PK", "licensing", Severity.MEDIUM);
		DigestEntry b = entry("0002", "PK", "licensing", Severity.MEDIUM);
		DigestEntry c = entry("0003", "EU", "cbdc", Severity.HIGH);

		assertThat(this.emails.render(daily(List.of(a, b, c), 0)))
			.isEqualTo(this.emails.render(daily(List.of(c, b, a), 0)));
	}

	private static DigestContent daily(List<DigestEntry> entries, int omitted) {
		return new DigestContent(false, MONDAY, ZoneId.of("Europe/Berlin"), 8, entries, omitted,
				AlertEmailsTests.LINKS);
	}

	private static DigestEntry entry(String number, String jurisdiction, String topic, Severity severity) {
		return new DigestEntry(item(number, jurisdiction, topic, severity), ANYTHING);
	}

	private static PolicyItemClassified item(String number, String jurisdiction, String topic, Severity severity) {
		return item(number, jurisdiction, topic, severity, "Item " + number, "Body of item " + number + ".");
	}

	private static PolicyItemClassified item(String number, String jurisdiction, String topic, Severity severity,
			String title, String body) {
		PolicyItemIngested ingested = new PolicyItemIngested("item-" + number, "story-" + number, "example-wire",
				"https://news.example.org/items/item-" + number, title, body, "en",
				Instant.parse("2026-05-04T09:30:00Z"), Instant.parse("2026-05-04T09:31:00Z"));
		List<JurisdictionTag> jurisdictions = (jurisdiction != null) ? List.of(tag(jurisdiction, Role.ACTOR))
				: List.of();
		List<TopicTag> topics = (topic != null) ? List.of(new TopicTag(topic, 0.8, List.of())) : List.of();
		return new PolicyItemClassified(ingested, jurisdictions, jurisdiction, topics, topic != null, severity,
				"rules-4", Instant.parse("2026-05-04T09:32:00Z"));
	}

}
