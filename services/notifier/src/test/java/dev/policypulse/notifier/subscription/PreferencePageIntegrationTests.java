package dev.policypulse.notifier.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.notifier.matching.SubscriptionMatcher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static dev.policypulse.notifier.subscription.SubscriptionApiIntegrationTests.address;
import static dev.policypulse.notifier.subscription.SubscriptionApiIntegrationTests.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The preference page as the server answers it: what it shows, what its forms change, and
 * which links it refuses. The browser drives it in
 * {@link PreferencePageBrowserIntegrationTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
				"policypulse.notifier.dispatch.interval=1h", "policypulse.notifier.matching.refresh-interval=1s",
				"policypulse.notifier.links.public-base-url=https://alerts.example.org" })
@AutoConfigureMockMvc
class PreferencePageIntegrationTests {

	private static final String PAGE = SubscriptionLinks.PREFERENCES_PATH;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SubscriptionLinks links;

	@Autowired
	private LinkProperties linkProperties;

	@Autowired
	private SubscriptionMatcher matcher;

	@Autowired
	private ApplicationEventPublisher events;

	@Test
	void showsWhatTheSubscriberFollowsAndChangesNothing() throws Exception {
		UUID id = confirmedSubscription(address("page"), "PK", "MiCA");
		String link = path(this.links.preferencesUrl(id));

		this.mvc.perform(get(link).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(allOf(containsString("Pakistan and its states and provinces"),
					containsString("Only items that mention MiCA."), containsString("name=\"viewport\""),
					containsString("id=\"topic-licensing\""), containsString("value=\"PK\""),
					containsString("<form id=\"preferences\" method=\"post\" action=\"preferences\">"),
					containsString("<input type=\"hidden\" name=\"token\" value=\"" + token(link) + "\">"))))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Content-Security-Policy", containsString("form-action 'self'")));
		assertThat(row(id)).containsEntry("status", "confirmed").containsEntry("paused", false);
	}

	@Test
	void escapesEverythingItShows() throws Exception {
		// stored by an older version or another tool: the page must not trust it
		UUID id = confirmedSubscription("\"<script>alert(1)</script>\"@example.org", "PK",
				"<b onmouseover=alert(2)>R&D</b>");

		this.mvc.perform(get(path(this.links.preferencesUrl(id))).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(not(containsString("<script>")), not(containsString("<b ")),
					containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
					containsString("&lt;b onmouseover=alert(2)&gt;R&amp;D&lt;/b&gt;"))));
	}

	@Test
	void savingTheFormReplacesThePreferencesAndRedirectsToThePage() throws Exception {
		UUID id = confirmedSubscription(address("save"), "PK");
		String link = path(this.links.preferencesUrl(id));
		String token = token(link);

		this.mvc
			.perform(form(token, "save",
					Map.of("jurisdictions", List.of("nz, us-tx"), "topics", List.of("licensing", "taxation"),
							"minSeverity", List.of("high"), "policyMovesOnly", List.of("true"), "keywords",
							List.of("MiCA,  stablecoin bill ,"), "delivery", List.of("weekly"), "timezone",
							List.of("Europe/Paris"), "digestHour", List.of("6"), "digestRepeats", List.of("true"))))
			.andExpect(status().isSeeOther())
			.andExpect(header().string("Location", "preferences?token=" + token + "&done=saved"));

		assertThat(row(id)).containsEntry("jurisdictions", "NZ,US-TX")
			.containsEntry("topics", "licensing,taxation")
			.containsEntry("min_severity", "high")
			.containsEntry("policy_moves_only", true)
			.containsEntry("include_eu_member_states", false)
			.containsEntry("keywords", "MiCA,stablecoin bill")
			.containsEntry("delivery", "weekly")
			.containsEntry("timezone", "Europe/Paris")
			.containsEntry("digest_hour", 6)
			.containsEntry("digest_repeats", true)
			.containsEntry("paused", false);
		this.mvc.perform(get(link + "&done=saved").accept(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("Your preferences are saved.")));
		// the index follows at once
		assertThat(matchedIds(newZealand("New Zealand licenses under MiCA"))).contains(id);
	}

	@Test
	void invalidFormShowsWhatIsWrongAndChangesNothing() throws Exception {
		UUID id = confirmedSubscription(address("invalid"), "PK");
		String token = token(path(this.links.preferencesUrl(id)));

		this.mvc
			.perform(form(token, "save",
					Map.of("jurisdictions", List.of("Pakistan"), "timezone", List.of("Nowhere/Town"), "digestHour",
							List.of("noon"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(allOf(containsString("Nothing was changed"),
					containsString("Jurisdictions: must be an ISO 3166 code"), containsString("Time zone: must be"),
					containsString("Digest hour: must be"), containsString("value=\"Pakistan\""))));
		assertThat(row(id)).containsEntry("jurisdictions", "PK").containsEntry("timezone", "UTC");
	}

	@Test
	void pausesResumesAndUnsubscribes() throws Exception {
		UUID id = confirmedSubscription(address("buttons"), "NZ");
		String token = token(path(this.links.preferencesUrl(id)));
		PolicyItemClassified item = newZealand("New Zealand licenses its first exchange");
		assertThat(matchedIds(item)).contains(id);

		this.mvc.perform(form(token, "pause", Map.of())).andExpect(status().isSeeOther());
		assertThat(row(id)).containsEntry("paused", true).containsEntry("status", "confirmed");
		assertThat(matchedIds(item)).doesNotContain(id);

		this.mvc.perform(form(token, "resume", Map.of())).andExpect(status().isSeeOther());
		assertThat(row(id)).containsEntry("paused", false);
		assertThat(matchedIds(item)).contains(id);

		this.mvc.perform(form(token, "unsubscribe", Map.of())).andExpect(status().isSeeOther());
		assertThat(row(id)).containsEntry("status", "unsubscribed");
		assertThat(matchedIds(item)).doesNotContain(id);
		this.mvc.perform(get(PAGE).param("token", token).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("You're unsubscribed"), not(containsString("<form")))));

		// a cancelled subscription stays cancelled, whatever is posted
		this.mvc.perform(form(token, "resume", Map.of())).andExpect(status().isOk());
		this.mvc.perform(form(token, "save", Map.of("jurisdictions", List.of("JP")))).andExpect(status().isOk());
		assertThat(row(id)).containsEntry("status", "unsubscribed").containsEntry("jurisdictions", "NZ");
	}

	@Test
	void pausingCancelsTheAlertsNotYetSentSoResumingDoesNotSendThem() throws Exception {
		UUID id = confirmedSubscription(address("paused-alerts"), "NZ");
		String token = token(path(this.links.preferencesUrl(id)));
		this.jdbc
			.sql("""
					INSERT INTO outbox (kind, subscription_id, item_id, story_id, classifier_version, recipient, subject, text_body, html_body,
					    message_id, next_attempt_at, created_at)
					VALUES ('alert', :id, 'item-paused', 'story-paused', 'v1', :email, 'subject', 'text', '<p>html</p>', :messageId, now(),
					    now())
					""")
			.param("id", id)
			.param("email", address("paused-alerts"))
			.param("messageId", "<" + UUID.randomUUID() + "@alerts.example.org>")
			.update();

		this.mvc.perform(form(token, "pause", Map.of())).andExpect(status().isSeeOther());
		assertThat(outboxStatuses(id)).containsExactly("cancelled");

		this.mvc.perform(form(token, "resume", Map.of())).andExpect(status().isSeeOther());
		assertThat(row(id)).containsEntry("paused", false);
		assertThat(outboxStatuses(id)).containsExactly("cancelled");
	}

	@Test
	void refusesTamperedExpiredAndOtherKindsOfLinks() throws Exception {
		UUID id = confirmedSubscription(address("refused"), "PK");
		String genuine = token(path(this.links.preferencesUrl(id)));
		String tampered = genuine.substring(0, genuine.length() - 2) + (genuine.endsWith("AA") ? "BB" : "AA");
		String unsubscribe = token(path(this.links.unsubscribeUrl(id)));
		String expired = token(path(new SubscriptionLinks(this.linkProperties,
				Clock.fixed(Instant.now().minus(Duration.ofDays(366)), ZoneOffset.UTC))
			.preferencesUrl(id)));

		expectPage(this.mvc.perform(get(PAGE).param("token", tampered).accept(MediaType.TEXT_HTML)), 400, "not valid");
		expectPage(this.mvc.perform(get(PAGE).param("token", unsubscribe).accept(MediaType.TEXT_HTML)), 400,
				"not valid");
		expectPage(this.mvc.perform(get(PAGE).param("token", expired).accept(MediaType.TEXT_HTML)), 410, "expired");
		this.mvc.perform(get(PAGE).param("token", expired))
			.andExpect(status().isGone())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		expectPage(this.mvc.perform(form(tampered, "unsubscribe", Map.of()).accept(MediaType.TEXT_HTML)), 400,
				"not valid");
		expectPage(this.mvc.perform(form(expired, "pause", Map.of()).accept(MediaType.TEXT_HTML)), 410, "expired");
		expectPage(this.mvc.perform(form(genuine, "explode", Map.of()).accept(MediaType.TEXT_HTML)), 400,
				"does not offer");
		assertThat(row(id)).containsEntry("status", "confirmed").containsEntry("paused", false);
	}

	private static void expectPage(ResultActions result, int status, String text) throws Exception {
		result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString(text)))
			.andExpect(header().string("Referrer-Policy", "no-referrer"));
	}

	private static MockHttpServletRequestBuilder form(String token, String action, Map<String, List<String>> fields) {
		MockHttpServletRequestBuilder request = post(PAGE).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("token", token)
			.param("action", action);
		fields.forEach((name, values) -> request.param(name, values.toArray(String[]::new)));
		return request;
	}

	private List<UUID> matchedIds(PolicyItemClassified item) {
		return this.matcher.match(item).stream().map((match) -> match.subscription().id()).toList();
	}

	private static PolicyItemClassified newZealand(String title) {
		return classified(item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), title, ""),
				List.of(tag("NZ", Role.ACTOR)), "licensing");
	}

	/**
	 * A confirmed subscription written straight to the database (as an older version or
	 * another tool might have), then announced.
	 */
	private UUID confirmedSubscription(String email, String jurisdiction, String... keywords) {
		UUID id = UUID.randomUUID();
		Preferences preferences = Preferences.of(List.of(jurisdiction), List.of()).withKeywords(List.of(keywords));
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, keywords, delivery, rules_key, status,
				    created_at, confirmed_at)
				VALUES (:id, :email, :jurisdictions, ARRAY[]::text[], :keywords, 'immediate', :rulesKey, 'confirmed',
				    now(), now())
				""")
			.param("id", id)
			.param("email", email)
			.param("jurisdictions", new String[] { jurisdiction })
			.param("keywords", keywords)
			.param("rulesKey", SubscriptionRepository.rulesKey(preferences))
			.update();
		this.events.publishEvent(new SubscriptionChanged(id));
		return id;
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("""
				SELECT status, paused, array_to_string(jurisdictions, ',') AS jurisdictions,
				    array_to_string(topics, ',') AS topics, min_severity, policy_moves_only, include_eu_member_states,
				    array_to_string(keywords, ',') AS keywords, delivery, timezone, digest_hour, digest_repeats
				FROM subscription WHERE id = :id
				""").param("id", id).query().singleRow();
	}

	private List<String> outboxStatuses(UUID id) {
		return this.jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id ORDER BY id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	private static String token(String link) {
		return link.substring(link.indexOf("token=") + "token=".length());
	}

}
