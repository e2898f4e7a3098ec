package dev.policypulse.notifier.email;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.email.MatchedRules.MatchedJurisdiction;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;

class AlertEmailsTests {

	static final EmailLinks LINKS = new EmailLinks(
			"https://alerts.example.org/api/v1/subscriptions/preferences?token=p.s",
			"https://alerts.example.org/api/v1/subscriptions/unsubscribe?token=u.s");

	private static final MatchedRules ANYTHING = new MatchedRules(List.of(), List.of(), List.of(), List.of());

	private static final String BODY = "Islamabad set up a crypto regulator on Monday. The Pakistan Virtual Assets "
			+ "Regulatory Authority will license exchanges and custodians. It reports to the finance ministry, "
			+ "which named its first chair. Officials said the first licences would follow within months, after "
			+ "consultation with industry, the central bank and the securities commission, once the authority has "
			+ "hired its staff.";

	private final AlertEmails emails = new AlertEmails(new EmailTemplates());

	@Test
	void subjectNamesThePrimaryJurisdictionTheMoveInWordsAndTheTitle() {
		RenderedEmail email = this.emails.render(regulator(), followsPakistan(), LINKS);

		assertThat(email.subject()).isEqualTo(
				"[PolicyPulse] Pakistan · new crypto regulator — Islamabad sets up a crypto regulator to license exchanges");
	}

	@Test
	void subjectNamesSubdivisionsAndTheEuropeanUnionInWords() {
		PolicyItemClassified texas = classified(item("item-0002", "story-0002", "Texas reserve bill", ""),
				List.of(tag("US-TX", Role.ACTOR)), "reserve_holdings");
		PolicyItemClassified eu = classified(item("item-0003", "story-0003", "Stablecoin rules", ""),
				List.of(tag("EU", Role.ACTOR)), "stablecoin");
		PolicyItemClassified unknownSubdivision = classified(item("item-0009", "story-0009", "County acts", ""),
				List.of(tag("US-ZZ", Role.ACTOR)), "licensing");

		assertThat(this.emails.render(texas, ANYTHING, LINKS).subject())
			.isEqualTo("[PolicyPulse] Texas, United States · state crypto reserve — Texas reserve bill");
		assertThat(this.emails.render(eu, ANYTHING, LINKS).subject())
			.isEqualTo("[PolicyPulse] European Union · stablecoin rules — Stablecoin rules");
		assertThat(this.emails.render(unknownSubdivision, ANYTHING, LINKS).subject())
			.startsWith("[PolicyPulse] United States (US-ZZ) · licensing — ");
	}

	@Test
	void subjectOfAnItemWithoutJurisdictionOrMoveIsPrefixAndTitle() {
		PolicyItemClassified item = new PolicyItemClassified(item("item-0010", "story-0010", "Markets rally", "Up."),
				List.of(), null, List.of(), false, Severity.LOW, "rules-1", Instant.parse("2026-05-04T10:00:00Z"));

		assertThat(this.emails.render(item, ANYTHING, LINKS).subject()).isEqualTo("[PolicyPulse] Markets rally");
	}

	@Test
	void subjectShortensLongTitlesAtAWordAndStaysOnOneLine() {
		String title = "Pakistan\r\nsets up " + "a very long regulator name ".repeat(20);
		PolicyItemClassified item = classified(item("item-0011", "story-0011", title, ""),
				List.of(tag("PK", Role.ACTOR)), "regulator_formation");

		String subject = this.emails.render(item, ANYTHING, LINKS).subject();

		assertThat(subject).startsWith("[PolicyPulse] Pakistan · new crypto regulator — Pakistan sets up a very")
			.endsWith("…")
			.doesNotContain("\r", "\n");
		assertThat(subject.length()).isLessThanOrEqualTo(AlertEmails.SUBJECT_LENGTH);
		String kept = subject.substring(subject.indexOf(" — ") + 3, subject.length() - 1);
		assertThat(("Pakistan sets up " + "a very long regulator name ".repeat(20))).startsWith(kept + " ");
	}

	@Test
	void bodyTellsWhereWhatHowSevereAndLinksTheSource() {
		RenderedEmail email = this.emails.render(regulator(), followsPakistan(), LINKS);

		assertThat(email.text()).contains("Jurisdictions: Pakistan (actor), United Arab Emirates (mentioned)\n",
				"The move: new crypto regulator, licensing\n", "Severity: medium\n",
				"Published: 4 May 2026, 09:30 UTC\n", "Read the source: https://news.example.org/items/item-0001\n",
				"Change what you receive: " + LINKS.preferencesUrl() + "\n",
				"Unsubscribe with one click: " + LINKS.unsubscribeUrl() + "\n", "Classified by PolicyPulse rules-4.")
			.startsWith("Pakistan · new crypto regulator\nIslamabad sets up a crypto regulator to license exchanges\n");
		assertThat(email.html())
			.contains("<h1 style=\"margin: 0 0 16px; font-size: 22px; line-height: 1.3;\">"
					+ "Islamabad sets up a crypto regulator to license exchanges</h1>")
			.contains("<a href=\"https://news.example.org/items/item-0001\">Read the source</a>")
			.contains("<a href=\"" + LINKS.preferencesUrl() + "\"")
			.contains("<a href=\"" + LINKS.unsubscribeUrl() + "\"")
			.contains("<span>Pakistan</span> (<span>actor</span>)")
			.contains("<meta name=\"viewport\"")
			// one column, styled inline, nothing fetched from elsewhere
			.doesNotContain("<link", "<img", "<script", "@import", "<table");
	}

	@Test
	void summaryIsTheFirstSentencesThatFit() {
		RenderedEmail email = this.emails.render(regulator(), followsPakistan(), LINKS);

		String summary = "Islamabad set up a crypto regulator on Monday. The Pakistan Virtual Assets Regulatory "
				+ "Authority will license exchanges and custodians. It reports to the finance ministry, which named "
				+ "its first chair.";
		assertThat(email.text()).contains("\n\n" + summary + "\n\n").doesNotContain("Officials said");
		assertThat(email.html()).contains(">" + summary + "</p>");
	}

	@Test
	void aSingleOverlongSentenceIsShortenedAtAWord() {
		String body = "word ".repeat(200);
		PolicyItemClassified item = classified(item("item-0005", "story-0005", "Long", body),
				List.of(tag("SG", Role.ACTOR)), "licensing");

		String text = this.emails.render(item, ANYTHING, LINKS).text();

		assertThat(text).contains("word word…").doesNotContain(body.strip());
	}

	@Test
	void explainsWhichOfTheSubscribersRulesTheItemHit() {
		MatchedRules rules = new MatchedRules(List.of("PK", "EU"), List.of("regulator_formation", "cbdc"),
				List.of(new MatchedJurisdiction("PK", "PK", Role.ACTOR)), List.of("regulator_formation"),
				List.of("regulator", "custodian"), Severity.MEDIUM, true);

		RenderedEmail email = this.emails.render(regulator(), rules, LINKS);

		assertThat(email.text()).contains("Why you got this\n" + "- You follow Pakistan: Pakistan is the actor here.\n"
				+ "- It is about new crypto regulator, which you follow.\n"
				+ "- Your keywords “regulator”, “custodian” occur in it.\n"
				+ "- Its severity, medium, meets your threshold of medium.\n");
		assertThat(email.html())
			.contains("<li style=\"margin: 0 0 6px;\">You follow Pakistan: Pakistan is the actor here.</li>");
	}

	@Test
	void explainsFollowingEverythingSubdivisionsCounterpartiesAndItemsThatAreNoMove() {
		PolicyItemClassified accord = classified(item("item-0006", "story-0006", "Texas and Japan sign", ""),
				List.of(tag("JP", Role.ACTOR), tag("US-TX", Role.COUNTERPARTY)), "international_cooperation");
		MatchedRules viaUnitedStates = new MatchedRules(List.of("US"), List.of(),
				List.of(new MatchedJurisdiction("US", "US-TX", Role.COUNTERPARTY)), List.of());
		PolicyItemClassified noMove = new PolicyItemClassified(item("item-0007", "story-0007", "Prices rise", ""),
				List.of(tag("JP", Role.ACTOR)), "JP", List.of(), false, Severity.LOW, "rules-4",
				Instant.parse("2026-05-04T10:00:00Z"));
		MatchedRules anyItem = new MatchedRules(List.of(), List.of(), List.of(), List.of(), List.of(), Severity.LOW,
				false);

		assertThat(this.emails.render(accord, viaUnitedStates, LINKS).text())
			.contains("- You follow United States: Texas, United States is a counterparty here.\n"
					+ "- You follow every kind of policy move.\n");
		PolicyItemClassified france = classified(item("item-0013", "story-0013", "France acts", ""),
				List.of(tag("FR", Role.ACTOR)), "licensing");
		MatchedRules viaEuropeanUnion = new MatchedRules(List.of("EU"), List.of(),
				List.of(new MatchedJurisdiction("EU", "FR", Role.ACTOR)), List.of());
		assertThat(this.emails.render(france, viaEuropeanUnion, LINKS).text())
			.contains("- You follow European Union with its member states: France is the actor here.\n");
		assertThat(this.emails.render(noMove, anyItem, LINKS).text())
			.contains("- You follow every jurisdiction.\n- You follow every kind of policy move.\n"
					+ "- You also follow items that report no policy move, such as this one.\n");
	}

	@Test
	void aBatchRendersTheSameEmailsAsOneAtATimeWhateverTheLinksHold() {
		PolicyItemClassified accord = classified(item("item-0014", "story-0014", "Texas & Japan <sign>", "Body."),
				List.of(tag("JP", Role.ACTOR), tag("US-TX", Role.COUNTERPARTY)), "international_cooperation");
		MatchedRules viaUnitedStates = new MatchedRules(List.of("US"), List.of(),
				List.of(new MatchedJurisdiction("US", "US-TX", Role.COUNTERPARTY)), List.of());
		List<EmailLinks> links = List.of(LINKS,
				new EmailLinks("https://alerts.example.org/p?token=a&b=\"c\"",
						"https://alerts.example.org/u?x=<1>&y='2'"),
				new EmailLinks("https://alerts.example.org/p?name=Zoë", "https://alerts.example.org/u?t=é&amp;"));
		AlertEmails.Batch batch = this.emails.batch();

		for (EmailLinks recipientLinks : links) {
			for (MatchedRules rules : List.of(followsPakistan(), ANYTHING)) {
				assertThat(batch.render(regulator(), rules, recipientLinks))
					.isEqualTo(this.emails.render(regulator(), rules, recipientLinks));
			}
			assertThat(batch.render(accord, viaUnitedStates, recipientLinks))
				.isEqualTo(this.emails.render(accord, viaUnitedStates, recipientLinks));
		}
	}

	@Test
	void showsEvidenceSnippetsWithTheirContextBodyBeforeTitle() {
		RenderedEmail email = this.emails.render(regulator(), followsPakistan(), LINKS);

		assertThat(email.text()).contains("What the classification rests on\n"
				+ "- new crypto regulator: \"Islamabad set up a crypto regulator on Monday. The Pakistan Virtual "
				+ "Assets Regulatory Authority…\"\n"
				+ "- Pakistan: \"Islamabad sets up a crypto regulator to license exchanges\"\n");
		assertThat(email.html()).contains("“<span>Islamabad </span><strong>set up a crypto regulator</strong>"
				+ "<span> on Monday. The Pakistan Virtual Assets Regulatory Authority…</span>”");
	}

	@Test
	void evidenceWhoseOffsetsDoNotFitTheTextShowsTheSpanAlone() {
		PolicyItemClassified item = classified(item("item-0008", "story-0008", "Short", "Tiny body."), List
			.of(new JurisdictionTag("PK", Role.ACTOR, 0.9, List.of(new Evidence("body", 100, 120, "Pakistan")))),
				"licensing");

		assertThat(this.emails.render(item, ANYTHING, LINKS).text()).contains("- Pakistan: \"Pakistan\"\n");
	}

	@Test
	void escapesEverythingFromTheFeedInHtml() {
		PolicyItemClassified item = classified(item("item-0004", "story-0004", "<script>alert(1)</script> ban",
				"Body with <img src=x onerror=y> & more"), List.of(tag("CN", Role.ACTOR)), "ban_restriction");

		String html = this.emails.render(item, ANYTHING, LINKS).html();

		assertThat(html).doesNotContain("<script>", "<img")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt; ban")
			.contains("&lt;img src=x onerror=y&gt; &amp; more");
	}

	@Test
	void linksOnlyWebSources() {
		PolicyItemIngested ingested = new PolicyItemIngested("item-0012", "story-0012", "feed", "javascript:alert(1)",
				"A title", "", "en", Instant.parse("2026-05-04T09:30:00Z"), Instant.parse("2026-05-04T09:31:00Z"));
		PolicyItemClassified item = classified(ingested, List.of(tag("PK", Role.ACTOR)), "licensing");

		String html = this.emails.render(item, ANYTHING, LINKS).html();

		assertThat(html).doesNotContain("href=\"javascript").contains("Source: <span>javascript:alert(1)</span>");
	}

	@Test
	void rendersTheSameEmailForTheSameInput() {
		RenderedEmail first = this.emails.render(regulator(), followsPakistan(), LINKS);
		RenderedEmail second = new AlertEmails(new EmailTemplates()).render(regulator(), followsPakistan(), LINKS);

		assertThat(second).isEqualTo(first);
	}

	/**
	 * Pakistan sets up a regulator; the body's evidence points at the move, the title's
	 * at Pakistan.
	 */
	static PolicyItemClassified regulator() {
		String title = "Islamabad sets up a crypto regulator to license exchanges";
		int move = BODY.indexOf("set up a crypto regulator");
		PolicyItemIngested ingested = new PolicyItemIngested("item-0001", "story-0001", "example-wire",
				"https://news.example.org/items/item-0001", title, BODY, "en", Instant.parse("2026-05-04T09:30:00Z"),
				Instant.parse("2026-05-04T09:31:00Z"));
		return new PolicyItemClassified(ingested,
				List.of(new JurisdictionTag("PK", Role.ACTOR, 0.9, List.of(new Evidence("title", 0, 9, "Islamabad"))),
						new JurisdictionTag("AE", Role.MENTIONED, 0.5, List.of())),
				"PK",
				List.of(new TopicTag("regulator_formation", 0.9,
						List.of(new Evidence("body", move, move + 25, "set up a crypto regulator"))),
						new TopicTag("licensing", 0.7, List.of())),
				true, Severity.MEDIUM, "rules-4", Instant.parse("2026-05-04T09:32:00Z"));
	}

	static MatchedRules followsPakistan() {
		return new MatchedRules(List.of("PK"), List.of(), List.of(new MatchedJurisdiction("PK", "PK", Role.ACTOR)),
				List.of());
	}

}
