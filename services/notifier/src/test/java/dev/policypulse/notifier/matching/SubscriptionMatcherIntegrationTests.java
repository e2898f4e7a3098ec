package dev.policypulse.notifier.matching;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.notifier.subscription.SubscriptionChanged;
import dev.policypulse.notifier.subscription.SubscriptionLinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.policypulse.notifier.TestItems.classified;
import static dev.policypulse.notifier.TestItems.item;
import static dev.policypulse.notifier.TestItems.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The matching index kept in step with the database: changes through the API reach it as
 * soon as they commit, changes made elsewhere with the next rebuild (every second here).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
				"policypulse.notifier.dispatch.interval=1h", "policypulse.notifier.matching.refresh-interval=1s",
				"policypulse.notifier.links.public-base-url=https://alerts.example.org" })
@AutoConfigureMockMvc
class SubscriptionMatcherIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SubscriptionMatcher matcher;

	@Autowired
	private SubscriptionLinks links;

	@Autowired
	private JsonMapper jsonMapper;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Autowired
	private ApplicationEventPublisher events;

	@Test
	void subscriptionIsMatchedFromTheMomentItsConfirmationCommits() throws Exception {
		UUID id = subscribe("{\"email\": \"%s\", \"jurisdictions\": [\"LI\"], \"minSeverity\": \"high\"}");
		PolicyItemClassified liechtenstein = acting("LI", "Liechtenstein licenses a token issuer");
		assertThat(matched(liechtenstein)).doesNotContain(id);

		this.mvc.perform(post(path(this.links.confirmUrl(id)))).andExpect(status().isOk());
		assertThat(this.matcher.match(liechtenstein)).filteredOn((match) -> match.subscription().id().equals(id))
			.singleElement()
			.satisfies((match) -> assertThat(match.jurisdictions())
				.containsExactly(new JurisdictionMatch("LI", "LI", Role.ACTOR)));
	}

	@Test
	void changesAndCancellationsThroughTheApiApplyAtOnce() throws Exception {
		UUID id = subscribe("{\"email\": \"%s\", \"jurisdictions\": [\"MC\"]}");
		this.mvc.perform(post(path(this.links.confirmUrl(id)))).andExpect(status().isOk());
		PolicyItemClassified monaco = acting("MC", "Monaco taxes crypto gains");
		PolicyItemClassified andorra = acting("AD", "Andorra taxes crypto gains");
		assertThat(matched(monaco)).contains(id);

		this.mvc
			.perform(put("/api/v1/subscriptions/" + id).header("X-Api-Key", "local-dev-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"jurisdictions\": [\"AD\"], \"keywords\": [\"crypto gains\"]}"))
			.andExpect(status().isOk());
		assertThat(matched(monaco)).doesNotContain(id);
		assertThat(matched(andorra)).contains(id);

		this.mvc.perform(delete("/api/v1/subscriptions/" + id).header("X-Api-Key", "local-dev-key"))
			.andExpect(status().isNoContent());
		assertThat(matched(andorra)).doesNotContain(id);
	}

	@Test
	void changesMadeStraightInTheDatabaseArriveWithTheNextRebuild() {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at)
				VALUES (:id, :email, ARRAY['SM'], ARRAY[]::text[], 'immediate', 'immediate|SM|', 'confirmed', now())
				""").param("id", id).param("email", id + "@example.org").update();
		PolicyItemClassified sanMarino = acting("SM", "San Marino bans crypto ATMs");

		await().atMost(Duration.ofSeconds(10)).until(() -> matched(sanMarino).contains(id));

		this.jdbc.sql("UPDATE subscription SET paused = true WHERE id = :id").param("id", id).update();
		await().atMost(Duration.ofSeconds(10)).until(() -> !matched(sanMarino).contains(id));
	}

	@Test
	void aChangeThatRollsBackNeverReachesTheIndex() throws Exception {
		UUID id = subscribe("{\"email\": \"%s\", \"jurisdictions\": [\"VA\"]}");
		this.mvc.perform(post(path(this.links.confirmUrl(id)))).andExpect(status().isOk());
		PolicyItemClassified vatican = acting("VA", "The Vatican bans crypto donations");
		assertThat(matched(vatican)).contains(id);

		// read inside the transaction, the subscription would look paused
		new TransactionTemplate(this.transactionManager).executeWithoutResult((transaction) -> {
			this.jdbc.sql("UPDATE subscription SET paused = true WHERE id = :id").param("id", id).update();
			this.events.publishEvent(new SubscriptionChanged(id));
			transaction.setRollbackOnly();
		});
		assertThat(matched(vatican)).contains(id);
	}

	private UUID subscribe(String template) throws Exception {
		String email = "matching-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		String body = this.mvc
			.perform(post("/api/v1/subscriptions").header("X-Api-Key", "local-dev-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content(template.formatted(email)))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return UUID.fromString(this.jsonMapper.readTree(body).get("id").asString());
	}

	private List<UUID> matched(PolicyItemClassified item) {
		return this.matcher.match(item).stream().map((match) -> match.subscription().id()).toList();
	}

	private static PolicyItemClassified acting(String code, String title) {
		return classified(item("item-" + UUID.randomUUID(), "story-" + UUID.randomUUID(), title, "Crypto gains."),
				List.of(tag(code, Role.ACTOR)), "taxation");
	}

	private static String path(String link) {
		return link.substring("https://alerts.example.org".length());
	}

}
