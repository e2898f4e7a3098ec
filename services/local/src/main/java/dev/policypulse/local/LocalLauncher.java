package dev.policypulse.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.policypulse.local.LocalStackSettings.Ports;

/**
 * Runs the whole pipeline on this machine with nothing installed but a JDK: a KRaft
 * broker, the GreenMail mail catcher, the embedded PostgreSQL servers (inside the
 * notifier and ingestion) and the three services. It subscribes and confirms a demo
 * subscriber, then lets ingestion poll the bundled demo feed, so alerts show up in the
 * local inbox within a minute. Ctrl-C stops everything.
 *
 * <p>
 * Start it with {@code ./mvnw -Prun package} from the repository root. Options (system
 * properties): {@code policypulse.home} (data and logs, default {@code .local}),
 * {@code policypulse.keep-data} ({@code true} to keep the broker's and database's data
 * from the previous run), and the environment variable {@code POLICYPULSE_API_KEY}.
 */
public final class LocalLauncher {

	static final String DEMO_SUBSCRIBER = "demo@policypulse.local";

	static final List<String> DEMO_JURISDICTIONS = List.of("PK", "SV", "AE", "EU", "US", "JP", "IN", "GB", "SG");

	private LocalLauncher() {
	}

	public static void main(String[] args) throws InterruptedException {
		long started = System.nanoTime();
		String apiKey = System.getenv().getOrDefault("POLICYPULSE_API_KEY", "local-dev-key");
		LocalStackSettings settings = new LocalStackSettings(
				Path.of(System.getProperty("policypulse.home", ".local")).toAbsolutePath().normalize(),
				Path.of(required("policypulse.services-dir")).toAbsolutePath().normalize(),
				Path.of(required("policypulse.greenmail-jar")).toAbsolutePath().normalize(),
				LocalStackSettings.readClassPath(Path.of(required("policypulse.kafka-classpath-file"))),
				Ports.defaults(), apiKey, List.of());
		LocalStack stack = new LocalStack(settings);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping PolicyPulse...");
			stack.close();
			stopped.countDown();
		}, "policypulse-local-shutdown"));
		// Maven runs the launcher as a child: if Maven goes away without a Ctrl-C, stop
		// too.
		ProcessHandle.current().parent().ifPresent((parent) -> parent.onExit().thenRun(() -> System.exit(0)));
		try {
			stack.checkPortsFree();
			if (!Boolean.getBoolean("policypulse.keep-data")) {
				stack.wipeData();
			}
			step("Starting Kafka (KRaft) and the mail catcher");
			stack.startInfrastructure();
			InboxServer inbox = InboxServer.start(settings.ports().inbox(), stack.mailCatcher());
			Runtime.getRuntime().addShutdownHook(new Thread(inbox::close));
			step("Starting notifier (with embedded PostgreSQL) and classifier");
			stack.startNotifierAndClassifier();
			step("Subscribing " + DEMO_SUBSCRIBER + " to " + DEMO_JURISDICTIONS);
			DemoSubscriber demo = new DemoSubscriber(stack.notifierUrl(), apiKey, stack.mailCatcher());
			if (!"confirmed".equals(demo.subscribe(DEMO_SUBSCRIBER, DEMO_JURISDICTIONS, List.of()))) {
				demo.confirm(DEMO_SUBSCRIBER, Duration.ofSeconds(60));
			}
			step("Starting ingestion on the demo feed");
			String inboxUrl = "http://127.0.0.1:" + settings.ports().inbox();
			stack.startIngestion(List.of("demo-feed=" + inboxUrl + "/demo/feed.xml"), Duration.ofMinutes(5));
			printReady(settings, stack, inboxUrl, Duration.ofNanos(System.nanoTime() - started));
		}
		catch (RuntimeException ex) {
			System.err.println("\nPolicyPulse could not start: " + ex.getMessage());
			System.exit(1);
		}
		stopped.await();
	}

	private static void printReady(LocalStackSettings settings, LocalStack stack, String inboxUrl, Duration took) {
		Ports ports = settings.ports();
		System.out.printf("""

				PolicyPulse is running (ready in %.1f s). Ctrl-C stops everything.

				  Inbox (alerts as a person reads them)  %s/
				  Ingestion API                          %s/api/v1/items
				  Classifier API                         %s/api/v1/classify
				  Notifier API                           %s/api/v1/subscriptions
				  Mail catcher REST API                  http://127.0.0.1:%d/api/user/{address}/messages/INBOX
				  SMTP                                   127.0.0.1:%d
				  Kafka                                  %s
				  Health / metrics                       <service>/actuator/health, /actuator/prometheus
				  API key (X-Api-Key)                    %s
				  Data and logs                          %s

				The demo subscriber %s is confirmed; alerts for the demo feed arrive in the inbox.
				""", took.toMillis() / 1000.0, inboxUrl, stack.ingestionUrl(), stack.classifierUrl(),
				stack.notifierUrl(), ports.mailApi(), ports.smtp(), stack.broker().bootstrapServers(),
				settings.apiKey(), settings.home(), DEMO_SUBSCRIBER);
	}

	private static void step(String message) {
		System.out.println("==> " + message);
	}

	private static String required(String property) {
		String value = System.getProperty(property);
		if (value == null) {
			throw new IllegalStateException(
					"System property " + property + " is not set; start the launcher with " + "./mvnw -Prun package");
		}
		return value;
	}

}
