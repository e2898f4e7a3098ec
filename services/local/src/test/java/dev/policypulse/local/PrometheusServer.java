package dev.policypulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus ({@code prometheus} from the system) scraping the running services
 * every second and evaluating the repository's alert rules, queried through its HTTP API.
 * Its configuration and data live in a temporary folder that closing deletes.
 */
final class PrometheusServer implements AutoCloseable {

	private static final Duration START = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final Path folder;

	private final String url;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PrometheusServer(Process process, Path folder, String url) {
		this.process = process;
		this.folder = folder;
		this.url = url;
	}

	/**
	 * Starts Prometheus and waits until it is ready.
	 * @param binary the {@code prometheus} executable
	 * @param jobs scrape job names and the loopback ports of their
	 * {@code /actuator/prometheus}
	 * @param ruleFiles the rule files to load
	 */
	static PrometheusServer start(Path binary, Map<String, Integer> jobs, List<Path> ruleFiles) throws IOException {
		Path folder = Files.createTempDirectory("policypulse-prometheus");
		StringBuilder config = new StringBuilder("""
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				rule_files:
				""");
		ruleFiles.forEach((file) -> config.append("  - '").append(file.toAbsolutePath()).append("'\n"));
		config.append("scrape_configs:\n");
		jobs.forEach((job, port) -> config.append("  - job_name: ")
			.append(job)
			.append("\n    metrics_path: /actuator/prometheus\n    static_configs:\n      - targets: ['127.0.0.1:")
			.append(port)
			.append("']\n"));
		Files.writeString(folder.resolve("prometheus.yml"), config);
		int port = freePort();
		Path log = folder.resolve("prometheus.log");
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + folder.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, folder, "http://127.0.0.1:" + port);
		Instant deadline = Instant.now().plus(START);
		while (!server.ready()) {
			if (!process.isAlive() || Instant.now().isAfter(deadline)) {
				String output = Files.readString(log);
				server.close();
				throw new IllegalStateException("Prometheus did not start:\n" + output);
			}
			sleep(Duration.ofMillis(200));
		}
		return server;
	}

	/** The rule files of a folder: its YAML files but the promtool tests. */
	static List<Path> ruleFiles(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().matches(".*\\.ya?ml"))
				.filter((file) -> !file.getFileName().toString().matches(".*\\.test\\.ya?ml"))
				.sorted()
				.toList();
		}
	}

	/** Whether every configured target was scraped successfully. */
	boolean allTargetsUp() {
		JsonNode targets = get("/api/v1/targets", Map.of()).path("data").path("activeTargets");
		if (targets.isEmpty()) {
			return false;
		}
		for (JsonNode target : targets) {
			if (!"up".equals(target.path("health").asString())) {
				return false;
			}
		}
		return true;
	}

	/** The answer to an instant query, as Prometheus gives it (errors included). */
	JsonNode query(String expr) {
		return get("/api/v1/query", Map.of("query", expr));
	}

	/** Every metric name Prometheus holds. */
	Set<String> metricNames() {
		Set<String> names = new TreeSet<>();
		get("/api/v1/label/__name__/values", Map.of()).path("data").forEach((name) -> names.add(name.asString()));
		return names;
	}

	/**
	 * The loaded alerting and recording rules, as {@code /api/v1/rules} describes them.
	 */
	List<JsonNode> rules() {
		List<JsonNode> rules = new ArrayList<>();
		for (JsonNode group : get("/api/v1/rules", Map.of()).path("data").path("groups")) {
			group.path("rules").forEach(rules::add);
		}
		return rules;
	}

	private boolean ready() {
		try {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(URI.create(this.url + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode get(String path, Map<String, String> parameters) {
		StringBuilder uri = new StringBuilder(this.url).append(path);
		char separator = '?';
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			uri.append(separator)
				.append(parameter.getKey())
				.append('=')
				.append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
			separator = '&';
		}
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> walk = Files.walk(this.folder)) {
			for (Path each : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
				Files.deleteIfExists(each);
			}
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + this.folder + ": " + ex.getMessage());
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The PromQL of Grafana dashboards, ready for Prometheus: template variables replaced
	 * by what Grafana would send for "All" (or their current value), Grafana's interval
	 * variables by durations that suit a one-second scrape interval.
	 */
	static final class Dashboards {

		private static final Map<String, String> GRAFANA_VARIABLES = Map.of("__rate_interval", "1m", "__interval",
				"15s", "__range", "1h");

		private static final Pattern LEFT_OVER_VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_]|\\[\\[");

		private Dashboards() {
		}

		/**
		 * Every panel query of the dashboards in {@code folder}, substituted, with where
		 * it is ("dashboard / panel").
		 */
		static Map<String, String> panelQueries(Path folder) throws IOException {
			Map<String, String> queries = new LinkedHashMap<>();
			for (Path file : dashboardFiles(folder)) {
				JsonNode dashboard = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
				Map<String, String> variables = variables(dashboard);
				String title = dashboard.path("title").asString();
				for (JsonNode panel : panels(dashboard)) {
					for (JsonNode target : panel.path("targets")) {
						queries.put(substitute(target.path("expr").asString(), variables), title + " / "
								+ panel.path("title").asString() + " / " + target.path("refId").asString());
					}
				}
				for (JsonNode variable : dashboard.path("templating").path("list")) {
					if ("query".equals(variable.path("type").asString())) {
						JsonNode query = variable.path("query");
						String text = query.isObject() ? query.path("query").asString() : query.asString();
						queries.put(substitute(selectorOfLabelValues(text), variables),
								title + " / variable " + variable.path("name").asString());
					}
				}
			}
			return queries;
		}

		/** The annotation queries of the dashboards, substituted. */
		static Map<String, String> annotationQueries(Path folder) throws IOException {
			Map<String, String> queries = new LinkedHashMap<>();
			for (Path file : dashboardFiles(folder)) {
				JsonNode dashboard = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
				for (JsonNode annotation : dashboard.path("annotations").path("list")) {
					if (annotation.has("expr")) {
						queries.put(substitute(annotation.path("expr").asString(), variables(dashboard)),
								dashboard.path("title").asString() + " / annotation "
										+ annotation.path("name").asString());
					}
				}
			}
			return queries;
		}

		private static List<Path> dashboardFiles(Path folder) throws IOException {
			try (Stream<Path> files = Files.list(folder)) {
				return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
			}
		}

		private static List<JsonNode> panels(JsonNode dashboard) {
			List<JsonNode> panels = new ArrayList<>();
			for (JsonNode panel : dashboard.path("panels")) {
				panels.add(panel);
				panel.path("panels").forEach(panels::add);
			}
			return panels;
		}

		/**
		 * What Grafana puts in place of each template variable: "All", else its value.
		 */
		private static Map<String, String> variables(JsonNode dashboard) {
			Map<String, String> values = new LinkedHashMap<>(GRAFANA_VARIABLES);
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				JsonNode current = variable.path("current").path("value");
				String value;
				if (variable.path("includeAll").asBoolean() && variable.hasNonNull("allValue")) {
					value = variable.path("allValue").asString();
				}
				else if (current.isArray()) {
					value = current.isEmpty() ? "" : current.get(0).asString();
				}
				else {
					value = current.isMissingNode() ? variable.path("query").asString() : current.asString();
				}
				values.put(variable.path("name").asString(), value);
			}
			return values;
		}

		private static String substitute(String expr, Map<String, String> variables) {
			String result = expr;
			for (Map.Entry<String, String> variable : variables.entrySet()) {
				String name = Pattern.quote(variable.getKey());
				String value = Matcher.quoteReplacement(variable.getValue());
				result = result
					.replaceAll("\\$\\{" + name + "(?::[a-z]+)?\\}|\\[\\[" + name + "\\]\\]|\\$" + name + "\\b", value);
			}
			if (LEFT_OVER_VARIABLE.matcher(result).find()) {
				throw new IllegalArgumentException("Unknown Grafana variable in " + expr);
			}
			return result;
		}

		private static String selectorOfLabelValues(String query) {
			Matcher labelValues = Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$", Pattern.DOTALL)
				.matcher(query);
			return labelValues.matches() ? labelValues.group(1) : query;
		}

	}

	/**
	 * Just enough PromQL to tell which metrics an expression reads: the names of its
	 * vector selectors, without functions, keywords, label names and values, or
	 * durations.
	 */
	static final class PromQl {

		private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");

		private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*\\}");

		private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

		private static final Pattern LABEL_LIST = Pattern
			.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);

		/** Possessive, so that {@code rate(} cannot match as {@code rat}. */
		private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w:.$])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

		private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
				"group_left", "group_right", "bool", "offset", "atan2", "inf", "nan");

		private PromQl() {
		}

		static Set<String> metricNames(String expr) {
			String stripped = STRING.matcher(expr).replaceAll(" \"\" ");
			stripped = LABEL_MATCHERS.matcher(stripped).replaceAll(" ");
			stripped = RANGE.matcher(stripped).replaceAll(" ");
			stripped = LABEL_LIST.matcher(stripped).replaceAll(" ");
			Set<String> names = new TreeSet<>();
			Matcher identifier = IDENTIFIER.matcher(stripped);
			while (identifier.find()) {
				if (!KEYWORDS.contains(identifier.group().toLowerCase(Locale.ROOT))) {
					names.add(identifier.group());
				}
			}
			return names;
		}

	}

}
