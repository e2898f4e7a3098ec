package dev.policypulse.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Topics;
import dev.policypulse.local.LocalStackSettings.Ports;

/**
 * Drives load through the real pipeline on this machine and prints what it measured.
 * Starts PostgreSQL (for the notifier), a KRaft broker, the mail catcher and the three
 * services; writes confirmed subscriptions into the notifier's database; pushes generated
 * items through ingestion's batch webhook at a fixed rate; samples the services'
 * Prometheus endpoints and the processes' CPU and memory; and prints a table.
 *
 * <p>
 * Options: {@code --duration 2m --rate 500 --subscriptions 10000 --move-share 0.05
 * --drain 1m --seed 7}. See {@code docs/performance.md}.
 */
final class LoadHarness {

	static final String API_KEY = "load-harness-key";

	static final Duration INDEX_REFRESH = Duration.ofSeconds(2);

	/** The rows every printed report has. */
	static final List<String> ROWS = List.of("items offered", "items accepted by ingestion", "items classified",
			"items processed by notifier", "items matching a subscription", "alerts handed to SMTP",
			"alert latency p50", "alert latency p95", "alert latency p99", "alert latency samples",
			"max consumer lag classifier", "max consumer lag notifier", "consumer lag at end of load",
			"max backlog before classifier", "max backlog before notifier", "backlog at end of load");

	/** The processes whose CPU and memory are reported. */
	static final List<String> PROCESSES = List.of("kafka", "ingestion", "classifier", "notifier", "mail-catcher",
			"postgres (notifier)", "load generator");

	private static final int SENDERS = 4;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final LocalStack stack;

	private final String jdbcUrl;

	private final int postgresPort;

	private final Options options;

	private final String runId = UUID.randomUUID().toString().substring(0, 8);

	/** Items this harness wrote to the ingested topic itself ({@code --feed kafka}). */
	private final AtomicLong fedToKafka = new AtomicLong();

	private KafkaProducer<String, String> producer;

	/** What to run. */
	record Options(int subscriptions, Duration duration, int rate, double moveShare, Duration drain, long seed,
			boolean purgeMail, boolean feedKafka, List<String> serviceJvm) {

		static Options parse(String[] args) {
			Map<String, String> given = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i++) {
				if (!args[i].startsWith("--") || i + 1 >= args.length) {
					throw new IllegalArgumentException("Expected --name value pairs, got " + List.of(args));
				}
				given.put(args[i].substring(2), args[++i]);
			}
			Options options = new Options(Integer.parseInt(given.getOrDefault("subscriptions", "10000")),
					duration(given.getOrDefault("duration", "2m")), Integer.parseInt(given.getOrDefault("rate", "500")),
					Double.parseDouble(given.getOrDefault("move-share", "0.05")),
					duration(given.getOrDefault("drain", "1m")), Long.parseLong(given.getOrDefault("seed", "7")),
					Boolean.parseBoolean(given.getOrDefault("purge-mail", "true")),
					feedKafka(given.getOrDefault("feed", "webhook")),
					serviceJvm(given.getOrDefault("jvm", "steady-state")));
			given.keySet()
				.removeAll(List.of("subscriptions", "duration", "rate", "move-share", "drain", "seed", "purge-mail",
						"feed", "jvm"));
			if (!given.isEmpty()) {
				throw new IllegalArgumentException("Unknown options " + given.keySet());
			}
			return options;
		}

		static boolean feedKafka(String feed) {
			return switch (feed) {
				case "webhook" -> false;
				case "kafka" -> true;
				default -> throw new IllegalArgumentException("--feed is webhook or kafka: " + feed);
			};
		}

		static List<String> serviceJvm(String jvm) {
			return switch (jvm) {
				case "steady-state" -> LocalStack.STEADY_STATE_JVM;
				case "quick-start" -> LocalStack.QUICK_START_JVM;
				default -> throw new IllegalArgumentException("--jvm is steady-state or quick-start: " + jvm);
			};
		}

		static Duration duration(String text) {
			String value = text.toLowerCase(Locale.ROOT);
			long amount = Long.parseLong(value.replaceAll("[a-z]+$", ""));
			return switch (value.replaceAll("^[0-9]+", "")) {
				case "s", "" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> throw new IllegalArgumentException("Durations look like 30s, 10m or 1h: " + text);
			};
		}

	}

	/** What a run measured; {@code report} is the printed table. */
	record Result(String runId, long offered, long accepted, long classified, long processed, long matched,
			long alertsSent, double p50, double p95, double p99, long latencySamples, double maxLagClassifier,
			double maxLagNotifier, boolean drained, String report) {
	}

	LoadHarness(LocalStack stack, String jdbcUrl, int postgresPort, Options options) {
		this.stack = stack;
		this.jdbcUrl = jdbcUrl;
		this.postgresPort = postgresPort;
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Path home = Files.createTempDirectory("policypulse-load");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				LocalStack stack = startStack(home, postgres, options.serviceJvm())) {
			Result result = new LoadHarness(stack, postgres.getJdbcUrl("postgres", "postgres"), postgres.getPort(),
					options)
				.run();
			System.out.println(result.report());
			System.out.println("Logs of the services: " + home.resolve("logs"));
		}
	}

	/**
	 * Starts the broker, the mail catcher and the services (with these JVM options), the
	 * notifier on {@code postgres}.
	 */
	static LocalStack startStack(Path home, EmbeddedPostgres postgres, List<String> serviceJvm) throws IOException {
		LocalStackSettings settings = new LocalStackSettings(home,
				Path.of(System.getProperty("policypulse.services-dir")),
				Path.of(System.getProperty("policypulse.greenmail-jar")),
				LocalStackSettings.readClassPath(Path.of(System.getProperty("policypulse.kafka-classpath-file"))),
				PipelineIntegrationTests.freePorts(), API_KEY,
				List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
						"--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
						"--policypulse.notifier.matching.refresh-interval=" + INDEX_REFRESH.toSeconds() + "s"));
		LocalStack stack = new LocalStack(settings);
		stack.useServiceJvm(serviceJvm);
		try {
			stack.startInfrastructure();
			stack.startNotifierAndClassifier();
			stack.startIngestion(List.of(), Duration.ofMinutes(10));
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	Result run() throws Exception {
		List<LoadSubscriptions.Subscription> subscriptions = LoadSubscriptions.generate(this.options.subscriptions(),
				this.options.seed());
		LoadSubscriptions.insert(this.jdbcUrl, "postgres", "postgres", subscriptions);
		awaitCondition("the notifier's index to hold " + subscriptions.size() + " subscriptions",
				Duration.ofSeconds(60), () -> LoadMetrics.sum(LoadMetrics.scrape(this.stack.notifierUrl()),
						"policypulse_notifier_matching_subscriptions") >= subscriptions.size());

		Map<String, Long> pids = processes();
		Snapshot before = snapshot(pids);
		Map<String, Long> maxRss = new ConcurrentHashMap<>();
		double[] maxLag = { 0, 0, 0, 0 };
		double[] lagAtEnd = { 0, 0, 0, 0 };
		AtomicLong offered = new AtomicLong();
		AtomicLong accepted = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		Semaphore inFlight = new Semaphore(SENDERS);
		LoadItems items = new LoadItems(this.options.seed(), this.options.moveShare(), this.runId);
		Thread sampler = new Thread(() -> sample(pids, maxRss, maxLag, lagAtEnd), "load-sampler");
		sampler.setDaemon(true);
		sampler.start();

		long start = System.nanoTime();
		long end = start + this.options.duration().toNanos();
		long generated = 0;
		while (System.nanoTime() < end) {
			double elapsed = (System.nanoTime() - start) / 1e9;
			long due = (long) (elapsed * this.options.rate()) - generated;
			while (due > 0 && System.nanoTime() < end) {
				int size = (int) Math.min(due, 500);
				List<LoadItems.Item> batch = new ArrayList<>(size);
				for (int i = 0; i < size; i++) {
					batch.add(items.next());
				}
				inFlight.acquire();
				senders.execute(() -> {
					try {
						accepted.addAndGet(this.options.feedKafka() ? feed(batch) : post(batch));
					}
					catch (RuntimeException ex) {
						refused.addAndGet(batch.size());
					}
					finally {
						inFlight.release();
					}
				});
				generated += size;
				offered.addAndGet(size);
				due -= size;
			}
			Thread.sleep(20);
		}
		senders.shutdown();
		senders.awaitTermination(1, TimeUnit.MINUTES);
		if (this.producer != null) {
			this.producer.close();
		}
		double window = (System.nanoTime() - start) / 1e9;
		Snapshot atEnd = snapshot(pids);
		double[] lagWhenLoadEnded;
		synchronized (maxLag) {
			lagWhenLoadEnded = lagAtEnd.clone();
		}

		long drainStart = System.nanoTime();
		boolean drained = awaitQuietly(this.options.drain(), () -> {
			Snapshot now = snapshot(Map.of());
			return now.classified() - before.classified() >= accepted.get()
					&& now.processed() - before.processed() >= accepted.get();
		});
		double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
		Snapshot after = snapshot(pids);
		sampler.interrupt();
		sampler.join(5000);

		TreeMap<Double, Double> latency = LoadMetrics.delta(before.latency(), after.latency());
		Result partial = new Result(this.runId, offered.get(), accepted.get(), after.classified() - before.classified(),
				after.processed() - before.processed(), after.matched() - before.matched(),
				after.alertsSent() - before.alertsSent(), LoadMetrics.quantile(latency, 0.5),
				LoadMetrics.quantile(latency, 0.95), LoadMetrics.quantile(latency, 0.99),
				Math.round(latency.getOrDefault(Double.POSITIVE_INFINITY, 0.0)), maxLag[0], maxLag[1], drained, "");
		String report = report(partial, before, atEnd, after, window, drainSeconds, refused.get(), lagWhenLoadEnded,
				maxLag, maxRss);
		return new Result(partial.runId(), partial.offered(), partial.accepted(), partial.classified(),
				partial.processed(), partial.matched(), partial.alertsSent(), partial.p50(), partial.p95(),
				partial.p99(), partial.latencySamples(), partial.maxLagClassifier(), partial.maxLagNotifier(), drained,
				report);
	}

	/** Counters of the three services and the processes' CPU at one moment. */
	private record Snapshot(long nanos, long accepted, long classified, long processed, long matched, long alertsSent,
			TreeMap<Double, Double> latency, Map<String, LoadMetrics.ProcStat> processes) {
	}

	private Snapshot snapshot(Map<String, Long> pids) {
		String ingestion = LoadMetrics.scrape(this.stack.ingestionUrl());
		String classifier = LoadMetrics.scrape(this.stack.classifierUrl());
		String notifier = LoadMetrics.scrape(this.stack.notifierUrl());
		Map<String, LoadMetrics.ProcStat> stats = new LinkedHashMap<>();
		pids.forEach((name, pid) -> {
			LoadMetrics.ProcStat stat = procStat(name, pid);
			if (stat != null) {
				stats.put(name, stat);
			}
		});
		return new Snapshot(System.nanoTime(), published(ingestion),
				(long) LoadMetrics.sum(classifier, "policypulse_classifier_items_total"),
				(long) LoadMetrics.sum(notifier, "policypulse_notifier_items_matched_total"),
				(long) LoadMetrics.sum(notifier, "policypulse_notifier_items_matched_total", "outcome=\"matched\""),
				(long) LoadMetrics.sum(notifier, "policypulse_notifier_emails_total", "kind=\"alert\"",
						"outcome=\"sent\""),
				LoadMetrics.buckets(notifier, "policypulse_notifier_alert_latency_seconds"), stats);
	}

	/**
	 * Items on the ingested topic so far: published by ingestion, or written there by
	 * this harness when it feeds Kafka directly.
	 */
	private long published(String ingestionMetrics) {
		return this.options.feedKafka() ? this.fedToKafka.get() : (long) LoadMetrics.sum(ingestionMetrics,
				"policypulse_ingestion_items_total", "outcome=\"published\"");
	}

	/** Samples lag and memory every second; purges the mail catcher every ten. */
	private void sample(Map<String, Long> pids, Map<String, Long> maxRss, double[] maxLag, double[] lastLag) {
		long samples = 0;
		while (!Thread.currentThread().isInterrupted()) {
			String ingestion = LoadMetrics.scrape(this.stack.ingestionUrl());
			String classifier = LoadMetrics.scrape(this.stack.classifierUrl());
			String notifier = LoadMetrics.scrape(this.stack.notifierUrl());
			double classifierLag = LoadMetrics.max(classifier, "kafka_consumer_fetch_manager_records_lag_max");
			double notifierLag = LoadMetrics.max(notifier, "kafka_consumer_fetch_manager_records_lag_max");
			double published = published(ingestion);
			double classified = LoadMetrics.sum(classifier, "policypulse_classifier_items_total");
			double processed = LoadMetrics.sum(notifier, "policypulse_notifier_items_matched_total");
			synchronized (maxLag) {
				lastLag[0] = Double.isNaN(classifierLag) ? 0 : classifierLag;
				lastLag[1] = Double.isNaN(notifierLag) ? 0 : notifierLag;
				// items published but not yet classified, classified but not yet matched
				lastLag[2] = (ingestion.isEmpty() || classifier.isEmpty()) ? lastLag[2] : published - classified;
				lastLag[3] = (classifier.isEmpty() || notifier.isEmpty()) ? lastLag[3] : classified - processed;
				for (int i = 0; i < maxLag.length; i++) {
					maxLag[i] = Math.max(maxLag[i], lastLag[i]);
				}
			}
			pids.forEach((name, pid) -> {
				LoadMetrics.ProcStat stat = procStat(name, pid);
				if (stat != null) {
					maxRss.merge(name, Math.max(stat.rssKb(), stat.hwmKb()), Math::max);
				}
			});
			if (this.options.purgeMail() && ++samples % 10 == 0) {
				purgeMail();
			}
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * A process's own figures; PostgreSQL's with those of its backends (the load
	 * generator is the parent of the other processes, whose time must not count as its
	 * own).
	 */
	private static LoadMetrics.ProcStat procStat(String name, long pid) {
		return name.startsWith("postgres") ? LoadMetrics.readTree(pid) : LoadMetrics.ProcStat.read(pid);
	}

	private void purgeMail() {
		try {
			this.http.send(HttpRequest.newBuilder(URI.create(this.stack.mailCatcher().apiBaseUrl() + "/api/mail/purge"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			// the next pass tries again
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Writes one batch straight to the ingested topic, as ingestion would have published
	 * it (one story per generated story, ingested now); answers how many the broker
	 * acknowledged.
	 */
	private long feed(List<LoadItems.Item> batch) {
		KafkaProducer<String, String> producer = producer();
		Instant now = Instant.now();
		List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
		for (LoadItems.Item item : batch) {
			String id = UUID.nameUUIDFromBytes(item.url().getBytes(StandardCharsets.UTF_8)).toString();
			PolicyItemIngested ingested = new PolicyItemIngested(id, item.story(), "load", item.url(), item.title(),
					item.body(), "en", now, now, false);
			sent.add(producer.send(new ProducerRecord<>(Topics.INGESTED, id, JSON.writeValueAsString(ingested))));
		}
		long acknowledged = 0;
		for (Future<RecordMetadata> each : sent) {
			try {
				each.get();
				acknowledged++;
			}
			catch (ExecutionException ex) {
				// counted as not accepted
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.fedToKafka.addAndGet(acknowledged);
		return acknowledged;
	}

	private synchronized KafkaProducer<String, String> producer() {
		if (this.producer == null) {
			Map<String, Object> config = new HashMap<>();
			config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.broker().bootstrapServers());
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
			this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
		}
		return this.producer;
	}

	/** Posts one batch; answers how many items ingestion accepted. */
	private long post(List<LoadItems.Item> batch) {
		StringBuilder body = new StringBuilder("{\"items\":[");
		for (int i = 0; i < batch.size(); i++) {
			body.append((i > 0) ? "," : "").append(batch.get(i).json());
		}
		body.append("]}");
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create(this.stack.ingestionUrl() + "/api/v1/items:batch"))
					.header("X-Api-Key", API_KEY)
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(60))
					.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
					.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode totals = JSON.readTree(response.body()).path("totals");
			return totals.path("accepted").asLong();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The processes to watch, by name: the stack's children, PostgreSQL and this JVM. */
	private Map<String, Long> processes() {
		Map<String, Long> pids = new LinkedHashMap<>();
		for (ProcessHandle child : ProcessHandle.current().children().toList()) {
			String command = commandLine(child.pid());
			if (command.contains("kafka.Kafka")) {
				pids.put("kafka", child.pid());
			}
			else if (command.contains("greenmail")) {
				pids.put("mail-catcher", child.pid());
			}
			else {
				for (String service : List.of("ingestion", "classifier", "notifier")) {
					if (command.contains("/" + service + "/target/")) {
						pids.putIfAbsent(service, child.pid());
					}
				}
			}
		}
		postmaster(this.postgresPort).ifPresent((pid) -> pids.put("postgres (notifier)", pid));
		pids.put("load generator", ProcessHandle.current().pid());
		return pids;
	}

	private static String commandLine(long pid) {
		try {
			return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** The PostgreSQL server listening on {@code port}, found by its command line. */
	private static Optional<Long> postmaster(int port) {
		try (var procs = Files.list(Path.of("/proc"))) {
			for (Path proc : procs.filter((p) -> p.getFileName().toString().matches("[0-9]+")).toList()) {
				try {
					String command = commandLine(Long.parseLong(proc.getFileName().toString()));
					if (command.contains("postgres")
							&& (command.contains("port=" + port + " ") || command.contains("-p " + port + " "))) {
						return Optional.of(Long.parseLong(proc.getFileName().toString()));
					}
				}
				catch (RuntimeException ex) {
					// gone meanwhile, or not ours to read
				}
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		return Optional.empty();
	}

	private String report(Result result, Snapshot before, Snapshot atEnd, Snapshot after, double window,
			double drainSeconds, long refused, double[] lagWhenLoadEnded, double[] maxLag, Map<String, Long> maxRss) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nPolicyPulse load run %s: %,d subscriptions, target %,d items/s for %.0f s, %.0f%% written as policy moves%s%n",
				this.runId, this.options.subscriptions(), this.options.rate(), window, this.options.moveShare() * 100,
				this.options.feedKafka() ? ", fed straight to " + Topics.INGESTED + " (ingestion left out)" : ""));
		out.append(String.format(Locale.ROOT, "Pipeline %s %.0f s after the load ended.%n%n",
				result.drained() ? "caught up" : "had NOT caught up", drainSeconds));
		out.append(String.format("| %-32s | %12s | %12s | %12s | %12s |%n", "measure", "during load", "per second",
				"after drain", "of offered"));
		out.append("|").append("-".repeat(34)).append(("|" + "-".repeat(14)).repeat(4)).append("|\n");
		long offered = result.offered();
		row(out, "items offered", offered, window, offered, offered);
		row(out, this.options.feedKafka() ? "items written to Kafka" : "items accepted by ingestion",
				atEnd.accepted() - before.accepted(), window, result.accepted(), offered);
		row(out, "items classified", atEnd.classified() - before.classified(), window, result.classified(), offered);
		row(out, "items processed by notifier", atEnd.processed() - before.processed(), window, result.processed(),
				offered);
		row(out, "items matching a subscription", atEnd.matched() - before.matched(), window, result.matched(),
				offered);
		row(out, "alerts handed to SMTP", atEnd.alertsSent() - before.alertsSent(), window, result.alertsSent(), -1);
		out.append(String.format(Locale.ROOT, "| %-32s | %12s | %12s | %12s | %12s |%n", "alert latency p50", "", "",
				seconds(result.p50()), ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %12s | %12s | %12s | %12s |%n", "alert latency p95", "", "",
				seconds(result.p95()), ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %12s | %12s | %12s | %12s |%n", "alert latency p99", "", "",
				seconds(result.p99()), ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %12s | %12s | %,12d | %12s |%n", "alert latency samples", "",
				"", result.latencySamples(), ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %,12.0f | %12s | %12s | %12s |%n",
				"max consumer lag classifier", result.maxLagClassifier(), "", "", ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %,12.0f | %12s | %12s | %12s |%n", "max consumer lag notifier",
				result.maxLagNotifier(), "", "", ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %12s | %12s | %12s | %12s |%n", "consumer lag at end of load",
				String.format(Locale.ROOT, "%,.0f / %,.0f", lagWhenLoadEnded[0], lagWhenLoadEnded[1]), "", "", ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %,12.0f | %12s | %12s | %12s |%n",
				"max backlog before classifier", maxLag[2], "", "", ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %,12.0f | %12s | %12s | %12s |%n",
				"max backlog before notifier", maxLag[3], "", "", ""));
		out.append(String.format(Locale.ROOT, "| %-32s | %12s | %12s | %12s | %12s |%n", "backlog at end of load",
				String.format(Locale.ROOT, "%,.0f / %,.0f", lagWhenLoadEnded[2], lagWhenLoadEnded[3]), "", "", ""));
		out.append(String.format("(consumer lag: the Kafka clients' records-lag-max, counted from what they fetched; "
				+ "backlog: items published but not yet classified / classified but not yet through the notifier)%n"));
		if (refused > 0) {
			out.append(String.format(Locale.ROOT, "%,d items were in batches that failed to post.%n", refused));
		}
		out.append(String.format("%n| %-20s | %14s | %10s | %12s |%n", "process", "CPU during load", "cores",
				"max RSS MB"));
		out.append("|")
			.append("-".repeat(22))
			.append("|")
			.append("-".repeat(16))
			.append("|")
			.append("-".repeat(12))
			.append("|")
			.append("-".repeat(14))
			.append("|\n");
		for (String name : PROCESSES) {
			LoadMetrics.ProcStat first = before.processes().get(name);
			LoadMetrics.ProcStat last = atEnd.processes().get(name);
			if (first == null || last == null) {
				out.append(String.format("| %-20s | %14s | %10s | %12s |%n", name, "n/a", "n/a", "n/a"));
				continue;
			}
			double cpu = last.cpuSeconds() - first.cpuSeconds();
			long rss = Math.max(maxRss.getOrDefault(name, 0L), after.processes().containsKey(name)
					? Math.max(after.processes().get(name).hwmKb(), after.processes().get(name).rssKb()) : 0);
			out.append(String.format(Locale.ROOT, "| %-20s | %12.1f s | %10.2f | %,12d |%n", name, cpu, cpu / window,
					rss / 1024));
		}
		out.append(String.format(Locale.ROOT, "(cores: CPU seconds per second of load; this machine has %d)%n",
				Runtime.getRuntime().availableProcessors()));
		return out.toString();
	}

	private static void row(StringBuilder out, String name, long duringLoad, double window, long afterDrain,
			long offered) {
		out.append(String.format(Locale.ROOT, "| %-32s | %,12d | %,12.1f | %,12d | %12s |%n", name, duringLoad,
				duringLoad / window, afterDrain,
				(offered > 0) ? String.format(Locale.ROOT, "%.3f", afterDrain / (double) offered) : ""));
	}

	private static String seconds(double value) {
		return Double.isNaN(value) ? "no samples" : String.format(Locale.ROOT, "%.3f s", value);
	}

	private static void awaitCondition(String what, Duration timeout, BooleanSupplier condition)
			throws InterruptedException {
		if (!awaitQuietly(timeout, condition)) {
			throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
		}
	}

	private static boolean awaitQuietly(Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(500);
		}
		return true;
	}

}
