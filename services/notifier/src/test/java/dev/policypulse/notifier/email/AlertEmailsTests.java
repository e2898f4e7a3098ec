package dev.policypulse.notifier.email;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.notifier.email.MatchedRules.MatchedJurisdiction;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;

class AlertEmailsTests {

	private static final String UNSUBSCRIBE = "https://alerts.example.org/api/v1/subscriptions/unsubscribe?token=t.s";

	private final AlertEmails emails = new AlertEmails();

	@Test
	void subjectNamesJurisdictionTopicAndTitle() {
		PolicyItemClassified item = classified(
				item("item-0001", "story-0001", "Pakistan and the UAE sign an accord",
						"The two governments agreed to share supervisory data."),
				List.of(tag("PK", Role.ACTOR), tag("AE", Role.COUNTERPARTY)), "international_cooperation");
		MatchedRules rules = new MatchedRules(List.of("PK"), List.of(),
				List.of(new MatchedJurisdiction("PK", "PK", Role.ACTOR)), List.of());

		RenderedEmail email = this.emails.render(item, rules, UNSUBSCRIBE);

		assertThat(email.subject())
			.isEqualTo("[PolicyPulse] Pakistan · international cooperation — Pakistan and the UAE sign an accord");
		assertThat(email.text()).contains("Pakistan (actor), United Arab Emirates (counterparty)")
			.contains("Severity: high")
			.contains("The two governments agreed")
			.contains("https://news.example.org/items/item-0001")
			.contains("You follow Pakistan: Pakistan is the actor here.")
			.contains(UNSUBSCRIBE);
	}

	@Test
	void namesSubdivisionsAndTheEuropeanUnion() {
		PolicyItemClassified texas = classified(item("item-0002", "story-0002", "Texas reserve bill", ""),
				List.of(tag("US-TX", Role.ACTOR)), "reserve_holdings");
		PolicyItemClassified eu = classified(item("item-0003", "story-0003", "Stablecoin rules", ""),
				List.of(tag("EU", Role.ACTOR)), "stablecoin");
		MatchedRules anything = new MatchedRules(List.of(), List.of(), List.of(), List.of());

		assertThat(this.emails.render(texas, anything, UNSUBSCRIBE).subject())
			.isEqualTo("[PolicyPulse] United States (US-TX) · reserve holdings — Texas reserve bill");
		assertThat(this.emails.render(eu, anything, UNSUBSCRIBE).subject())
			.startsWith("[PolicyPulse] European Union · stablecoin — ");
	}

	@Test
	void escapesItemTextInHtml() {
		PolicyItemClassified item = classified(item("item-0004", "story-0004", "<script>alert(1)</script> ban",
				"Body with <img src=x onerror=y> & more"), List.of(tag("CN", Role.ACTOR)), "ban_restriction");
		MatchedRules rules = new MatchedRules(List.of(), List.of(), List.of(), List.of());

		String html = this.emails.render(item, rules, UNSUBSCRIBE).html();

		assertThat(html).doesNotContain("<script>")
			.doesNotContain("<img")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt; ban")
			.contains("&lt;img src=x onerror=y&gt; &amp; more");
	}

	@Test
	void shortensLongBodiesToASummary() {
		String body = "word ".repeat(200);
		PolicyItemClassified item = classified(item("item-0005", "story-0005", "Long", body),
				List.of(tag("SG", Role.ACTOR)), "licensing");

		String text = this.emails
			.render(item, new MatchedRules(List.of(), List.of(), List.of(), List.of()), UNSUBSCRIBE)
			.text();

		assertThat(text).contains("word word…").doesNotContain(body.strip());
	}

}
