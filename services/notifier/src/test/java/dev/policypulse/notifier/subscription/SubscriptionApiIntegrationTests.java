package dev.policypulse.notifier.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The subscriptions API on the notifier's own embedded PostgreSQL, without Kafka and with
 * the dispatcher idle. The preference page and matching tests share this context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
				"policypulse.notifier.dispatch.interval=1h", "policypulse.notifier.matching.refresh-interval=1s",
				"policypulse.notifier.links.public-base-url=https://alerts.example.org" })
@AutoConfigureMockMvc
class SubscriptionApiIntegrationTests {

	static final String API_KEY = "local-dev-key";

	static final String BASE_URL = "https://alerts.example.org";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private LinkProperties linkProperties;

	@Test
	void createsASubscriptionWithEveryPreferenceAndReadsItBack() throws Exception {
		String email = address("everything");
		String id = id(this.mvc
			.perform(withKey(post("/api/v1/subscriptions")).contentType(MediaType.APPLICATION_JSON).content("""
					{"email": "%s", "jurisdictions": ["EU", "US-TX"], "includeEuMemberStates": true,
					 "topics": ["stablecoin"], "minSeverity": "high", "policyMovesOnly": false,
					 "keywords": ["MiCA", "  e-money   token "], "delivery": "daily", "timezone": "Europe/Berlin",
					 "digestHour": 7, "digestRepeats": true}""".formatted(email)))
			.andExpect(status().isCreated())
			.andReturn());

		this.mvc.perform(withKey(get("/api/v1/subscriptions/" + id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value(email))
			.andExpect(jsonPath("$.jurisdictions[0]").value("EU"))
			.andExpect(jsonPath("$.jurisdictions[1]").value("US-TX"))
			.andExpect(jsonPath("$.includeEuMemberStates").value(true))
			.andExpect(jsonPath("$.topics[0]").value("stablecoin"))
			.andExpect(jsonPath("$.minSeverity").value("high"))
			.andExpect(jsonPath("$.policyMovesOnly").value(false))
			.andExpect(jsonPath("$.keywords[0]").value("MiCA"))
			.andExpect(jsonPath("$.keywords[1]").value("e-money token"))
			.andExpect(jsonPath("$.delivery").value("daily"))
			.andExpect(jsonPath("$.timezone").value("Europe/Berlin"))
			.andExpect(jsonPath("$.digestHour").value(7))
			.andExpect(jsonPath("$.digestRepeats").value(true))
			.andExpect(jsonPath("$.paused").value(false))
			.andExpect(jsonPath("$.status").value("pending"));
		assertThat(this.jdbc.sql("SELECT digest_hour FROM subscription WHERE id = :id")
			.param("id", UUID.fromString(id))
			.query(Integer.class)
			.single()).isEqualTo(7);
	}

	@Test
	void leftOutPreferencesTakeTheirDefaults() throws Exception {
		String id = create(address("defaults"), "[\"PK\"]");

		this.mvc.perform(withKey(get("/api/v1/subscriptions/" + id)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.includeEuMemberStates").value(false))
			.andExpect(jsonPath("$.topics.length()").value(0))
			.andExpect(jsonPath("$.minSeverity").value("low"))
			.andExpect(jsonPath("$.policyMovesOnly").value(true))
			.andExpect(jsonPath("$.keywords.length()").value(0))
			.andExpect(jsonPath("$.delivery").value("immediate"))
			.andExpect(jsonPath("$.timezone").value("UTC"))
			.andExpect(jsonPath("$.digestHour").value(8))
			.andExpect(jsonPath("$.digestRepeats").value(false))
			.andExpect(jsonPath("$.paused").value(false));
	}

	@Test
	void rejectsInvalidPreferencesNamingEveryField() throws Exception {
		this.mvc.perform(withKey(post("/api/v1/subscriptions")).contentType(MediaType.APPLICATION_JSON).content("""
				{"email": "someone@example.org", "jurisdictions": ["pk"], "minSeverity": "extreme",
				 "keywords": ["<script>"], "delivery": "hourly", "timezone": "Mars/Olympus", "digestHour": 24}
				"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid subscription"))
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("delivery", "digestHour",
					"jurisdictions[0]", "keywords[0]", "minSeverity", "timezone")))
			.andExpect(jsonPath("$.detail").value(allOf(containsString("immediate, daily, weekly"),
					containsString("IANA time zone"), containsString("low, medium, high, critical"))));
		this.mvc
			.perform(withKey(post("/api/v1/subscriptions")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"someone@example.org\", \"jurisdictions\": [], \"topics\": []}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("at least one jurisdiction, topic or keyword")));
	}

	@Test
	void subscribingWithOtherChoicesMakesAnotherSubscriptionAndWithTheSameOnesFindsIt() throws Exception {
		String email = address("choices");
		String plain = create(email, "[\"EU\"]");
		String withKeywords = create(email, "[\"EU\"]", "\"keywords\": [\"MiCA\", \"stablecoin bill\"]");
		assertThat(withKeywords).isNotEqualTo(plain);

		this.mvc
			.perform(withKey(post("/api/v1/subscriptions")).contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"email": "%s", "jurisdictions": ["EU"], "keywords": ["Stablecoin Bill", "mica"]}"""
					.formatted(email)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(withKeywords));
		String higher = create(email, "[\"EU\"]", "\"minSeverity\": \"critical\"");
		assertThat(List.of(plain, withKeywords, higher)).doesNotHaveDuplicates();
	}

	@Test
	void putReplacesThePreferencesAndKeepsAddressAndState() throws Exception {
		String email = address("put");
		String id = create(email, "[\"PK\"]");

		this.mvc.perform(withKey(put("/api/v1/subscriptions/" + id)).contentType(MediaType.APPLICATION_JSON).content("""
				{"jurisdictions": ["JP"], "topics": ["taxation"], "minSeverity": "medium", "paused": true,
				 "delivery": "weekly", "timezone": "Asia/Tokyo", "digestHour": 18}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.email").value(email))
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.jurisdictions[0]").value("JP"))
			.andExpect(jsonPath("$.topics[0]").value("taxation"))
			.andExpect(jsonPath("$.minSeverity").value("medium"))
			.andExpect(jsonPath("$.paused").value(true))
			.andExpect(jsonPath("$.delivery").value("weekly"))
			.andExpect(jsonPath("$.timezone").value("Asia/Tokyo"))
			.andExpect(jsonPath("$.digestHour").value(18));
		assertThat(this.jdbc.sql("SELECT jurisdictions[1] || ' ' || paused FROM subscription WHERE id = :id")
			.param("id", UUID.fromString(id))
			.query(String.class)
			.single()).isEqualTo("JP true");
	}

	@Test
	void putRefusesInvalidValuesUnknownAndCancelledSubscriptions() throws Exception {
		String id = create(address("put-refused"), "[\"PK\"]");

		this.mvc
			.perform(withKey(put("/api/v1/subscriptions/" + id)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"jurisdictions\": [\"PK\"], \"digestHour\": -1}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("digestHour"));
		this.mvc
			.perform(withKey(put("/api/v1/subscriptions/" + UUID.randomUUID())).contentType(MediaType.APPLICATION_JSON)
				.content("{\"jurisdictions\": [\"PK\"]}"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		this.mvc.perform(withKey(delete("/api/v1/subscriptions/" + id))).andExpect(status().isNoContent());
		this.mvc
			.perform(withKey(put("/api/v1/subscriptions/" + id)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"jurisdictions\": [\"JP\"]}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("cancelled")));
	}

	@Test
	void putRefusesTheRulesOfAnotherLiveSubscriptionOfTheAddress() throws Exception {
		String email = address("twins");
		String pakistan = create(email, "[\"PK\"]");
		String japan = create(email, "[\"JP\"]");

		this.mvc
			.perform(withKey(put("/api/v1/subscriptions/" + japan)).contentType(MediaType.APPLICATION_JSON)
				.content("{\"jurisdictions\": [\"PK\"]}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString(pakistan)));
		this.mvc.perform(withKey(get("/api/v1/subscriptions/" + japan)))
			.andExpect(jsonPath("$.jurisdictions[0]").value("JP"));
	}

	@Test
	void deleteUnsubscribesAndCancelsTheUnsentEmails() throws Exception {
		String id = create(address("delete"), "[\"PK\"]");
		assertThat(outboxStatuses(id)).containsExactly("pending");

		this.mvc.perform(withKey(delete("/api/v1/subscriptions/" + id))).andExpect(status().isNoContent());
		this.mvc.perform(withKey(get("/api/v1/subscriptions/" + id)))
			.andExpect(jsonPath("$.status").value("unsubscribed"));
		assertThat(outboxStatuses(id)).containsExactly("cancelled");

		this.mvc.perform(withKey(delete("/api/v1/subscriptions/" + id))).andExpect(status().isNoContent());
		this.mvc.perform(withKey(delete("/api/v1/subscriptions/" + UUID.randomUUID())))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void listsSubscriptionsPageByPageOldestFirst() throws Exception {
		String email = address("list");
		List<String> created = new ArrayList<>();
		for (String code : List.of("PK", "JP", "AE", "SV", "CH")) {
			created.add(create(email, "[\"" + code + "\"]"));
		}
		create(address("someone-else"), "[\"PK\"]");

		List<String> listed = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode body = json(this.mvc
				.perform(withKey(get("/api/v1/subscriptions")).param("email", email.toUpperCase())
					.param("size", "2")
					.param("page", Integer.toString(page)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.page").value(page))
				.andExpect(jsonPath("$.size").value(2))
				.andExpect(jsonPath("$.totalItems").value(5))
				.andExpect(jsonPath("$.totalPages").value(3))
				.andReturn());
			body.get("items").forEach((item) -> listed.add(item.get("id").asString()));
		}
		assertThat(listed).isEqualTo(created);

		this.mvc.perform(withKey(delete("/api/v1/subscriptions/" + created.get(1)))).andExpect(status().isNoContent());
		this.mvc.perform(withKey(get("/api/v1/subscriptions")).param("email", email).param("status", "unsubscribed"))
			.andExpect(jsonPath("$.totalItems").value(1))
			.andExpect(jsonPath("$.items[0].id").value(created.get(1)));
		this.mvc
			.perform(withKey(get("/api/v1/subscriptions")).param("email", email).param("status", "pending,confirmed"))
			.andExpect(jsonPath("$.totalItems").value(4));
		this.mvc.perform(withKey(get("/api/v1/subscriptions")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.size").value(20))
			.andExpect(jsonPath("$.totalItems").value(org.hamcrest.Matchers.greaterThanOrEqualTo(6)));
	}

	@Test
	void rejectsInvalidQueriesNamingEachParameter() throws Exception {
		this.mvc.perform(withKey(get("/api/v1/subscriptions")).param("page", "-1").param("size", "0"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid query"))
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("page", "size")));
		this.mvc.perform(withKey(get("/api/v1/subscriptions")).param("size", "many"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("size: must be a whole number")));
		this.mvc.perform(withKey(get("/api/v1/subscriptions")).param("status", "gone"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(containsString("pending, confirmed, unsubscribed")));
	}

	@Test
	void everyOperationNeedsTheApiKey() throws Exception {
		String path = "/api/v1/subscriptions/" + UUID.randomUUID();
		for (MockHttpServletRequestBuilder request : List.of(get("/api/v1/subscriptions"), get(path), delete(path),
				put(path).contentType(MediaType.APPLICATION_JSON).content("{\"jurisdictions\": [\"PK\"]}"),
				post("/api/v1/subscriptions").contentType(MediaType.APPLICATION_JSON).content("{}"))) {
			this.mvc.perform(request)
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	/**
	 * Confirmation links are signed with an expiry seven days after they are sent; a
	 * genuine but older link is refused with {@code 410 Gone} and confirms nothing.
	 */
	@Test
	void confirmationLinksExpireSevenDaysAfterTheyWereSent() throws Exception {
		String id = create(address("expiry"), "[\"PK\"]");
		Instant now = Instant.now();
		String expired = path(linksAsOf(now.minus(Duration.ofDays(7)).minusSeconds(5)).confirmUrl(UUID.fromString(id)));
		String stillValid = path(
				linksAsOf(now.minus(Duration.ofDays(7)).plusSeconds(60)).confirmUrl(UUID.fromString(id)));

		this.mvc.perform(get(expired))
			.andExpect(status().isGone())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Expired link"));
		this.mvc.perform(post(expired).accept(MediaType.TEXT_HTML))
			.andExpect(status().isGone())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("expired")));
		this.mvc.perform(withKey(get("/api/v1/subscriptions/" + id))).andExpect(jsonPath("$.status").value("pending"));

		this.mvc.perform(post(stillValid)).andExpect(status().isOk());
		this.mvc.perform(withKey(get("/api/v1/subscriptions/" + id)))
			.andExpect(jsonPath("$.status").value("confirmed"));
	}

	private SubscriptionLinks linksAsOf(Instant instant) {
		return new SubscriptionLinks(this.linkProperties, Clock.fixed(instant, ZoneOffset.UTC));
	}

	private List<String> outboxStatuses(String id) {
		return this.jdbc.sql("SELECT status FROM outbox WHERE subscription_id = :id ORDER BY id")
			.param("id", UUID.fromString(id))
			.query(String.class)
			.list();
	}

	private String create(String email, String jurisdictions, String... more) throws Exception {
		String extra = (more.length > 0) ? ", " + String.join(", ", more) : "";
		return id(this.mvc
			.perform(withKey(post("/api/v1/subscriptions")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"%s\", \"jurisdictions\": %s%s}".formatted(email, jurisdictions, extra)))
			.andExpect(status().isCreated())
			.andReturn());
	}

	private String id(MvcResult result) throws Exception {
		return json(result).get("id").asString();
	}

	private JsonNode json(MvcResult result) throws Exception {
		return this.jsonMapper.readTree(result.getResponse().getContentAsString());
	}

	static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request) {
		return request.header("X-Api-Key", API_KEY);
	}

	static String path(String link) {
		assertThat(link).startsWith(BASE_URL);
		return link.substring(BASE_URL.length());
	}

	static String address(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

}
