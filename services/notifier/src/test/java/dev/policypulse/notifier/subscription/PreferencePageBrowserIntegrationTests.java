package dev.policypulse.notifier.subscription;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.policypulse.notifier.subscription.SubscriptionApiIntegrationTests.address;
import static dev.policypulse.notifier.subscription.SubscriptionApiIntegrationTests.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber uses the preference page in a real browser (headless Chromium through
 * chromedriver) against the running notifier, and the database shows each change. The
 * browser is Debian's ({@code apt-get install chromium chromium-driver}); without it the
 * test is skipped, or fails where {@code POLICYPULSE_REQUIRE_TOOLS} is set (as in CI).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
				"policypulse.notifier.dispatch.interval=1h", "policypulse.notifier.matching.refresh-interval=1s",
				"policypulse.notifier.links.public-base-url=https://alerts.example.org" })
@AutoConfigureMockMvc
class PreferencePageBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SubscriptionLinks links;

	@Autowired
	private ApplicationEventPublisher events;

	@TempDir
	private Path profile;

	@Test
	void subscriberChangesATopicPausesResumesAndUnsubscribesInTheBrowser() {
		requireBrowser();
		String email = address("browser");
		UUID id = confirmedSubscription(email);
		WebDriver browser = startBrowser();
		try {
			browser.get("http://127.0.0.1:" + this.port + path(this.links.preferencesUrl(id)));
			assertThat(browser.findElement(By.id("email")).getText()).isEqualTo(email);
			assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("on");
			assertThat(browser.findElement(By.id("topic-licensing")).isSelected()).isFalse();

			browser.findElement(By.id("topic-licensing")).click();
			browser.findElement(By.id("save")).click();
			await().atMost(Duration.ofSeconds(10)).until(() -> "licensing".equals(row(id).get("topics")));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !browser.findElements(By.id("notice")).isEmpty()
						&& browser.findElement(By.id("topic-licensing")).isSelected());
			assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Your preferences are saved.");
			assertThat(row(id)).containsEntry("jurisdictions", "PK").containsEntry("paused", false);

			browser.findElement(By.id("pause")).click();
			await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(row(id).get("paused")));
			await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("resume")).isEmpty());
			assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("paused");

			browser.findElement(By.id("resume")).click();
			await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(row(id).get("paused")));
			await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("pause")).isEmpty());
			assertThat(row(id)).containsEntry("status", "confirmed").containsEntry("topics", "licensing");

			browser.findElement(By.id("unsubscribe")).click();
			await().atMost(Duration.ofSeconds(10)).until(() -> "unsubscribed".equals(row(id).get("status")));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> browser.findElement(By.id("state")).getText().equals("You're unsubscribed"));
			assertThat(browser.findElements(By.tagName("form"))).isEmpty();
		}
		finally {
			browser.quit();
		}
	}

	private WebDriver startBrowser() {
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + this.profile, "--window-size=390,844");
		return new ChromeDriver(service, options);
	}

	/**
	 * Skips the test where the browser is missing, and fails it where
	 * {@code POLICYPULSE_REQUIRE_TOOLS} asks for every tool.
	 */
	private static void requireBrowser() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String reason = "chromium and chromedriver are not installed (apt-get install chromium chromium-driver), "
				+ "so the preference page was not tried in a browser";
		if (System.getenv("POLICYPULSE_REQUIRE_TOOLS") != null) {
			fail(reason);
		}
		Assumptions.abort(reason);
	}

	private UUID confirmedSubscription(String email) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO subscription (id, email, jurisdictions, topics, delivery, rules_key, status, created_at,
				    confirmed_at)
				VALUES (:id, :email, ARRAY['PK'], ARRAY[]::text[], 'immediate', 'immediate|PK|', 'confirmed', now(),
				    now())
				""").param("id", id).param("email", email).update();
		this.events.publishEvent(new SubscriptionChanged(id));
		return id;
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("""
				SELECT status, paused, array_to_string(jurisdictions, ',') AS jurisdictions,
				    array_to_string(topics, ',') AS topics
				FROM subscription WHERE id = :id
				""").param("id", id).query().singleRow();
	}

}
