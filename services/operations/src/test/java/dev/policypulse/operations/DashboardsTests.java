package dev.policypulse.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards under {@code k8s/base/monitoring/dashboards}, checked without
 * Grafana: their structure, their data source, and that they read only metrics the
 * services document (or the libraries' well-known ones). Whether every query returns data
 * from the running services is checked by the pipeline integration tests of
 * {@code services/local}.
 */
class DashboardsTests {

	private static final Path DASHBOARDS = RepositoryFiles.resolve("k8s/base/monitoring/dashboards");

	private static final List<String> EXPECTED = List.of("overview", "ingestion", "classifier", "notifier");

	private static final Map<String, String> DATASOURCE = Map.of("type", "prometheus", "uid", "policypulse-prometheus");

	/** Metric families of the JVM, Spring Boot and the libraries the services use. */
	private static final List<String> BUILT_IN_PREFIXES = List.of("jvm_", "process_", "http_server_requests_",
			"hikaricp_", "kafka_", "spring_kafka_", "resilience4j_");

	private static final Set<String> BUILT_IN_NAMES = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

	private static final Pattern DOCUMENTED_METRIC = Pattern
		.compile("^\\| `(policypulse\\.[a-z0-9.<>]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

	private static final Pattern PROMETHEUS_NAME_IN_DOC = Pattern.compile("`[^`]*?\\b(policypulse_[a-z0-9_]+)");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyDashboardIsValidJsonWithItsOwnStableUid() throws IOException {
		Set<String> uids = new HashSet<>();
		for (String name : EXPECTED) {
			JsonNode dashboard = dashboard(name);
			assertThat(dashboard.path("uid").asString()).as(name).isEqualTo("policypulse-" + name);
			assertThat(uids.add(dashboard.path("uid").asString())).as("uid of %s is unique", name).isTrue();
			assertThat(dashboard.path("title").asString()).as(name).startsWith("PolicyPulse");
			assertThat(dashboard.path("schemaVersion").asInt()).as(name).isBetween(36, 41);
			assertThat(strings(dashboard.path("tags"))).as(name).contains("policypulse");
		}
		try (Stream<Path> files = Files.list(DASHBOARDS)) {
			assertThat(files.map((file) -> file.getFileName().toString()))
				.as("only the expected dashboards, each a .json file")
				.containsExactlyInAnyOrderElementsOf(EXPECTED.stream().map((name) -> name + ".json").toList());
		}
	}

	@Test
	void panelIdsAreUniqueWithinEachDashboard() throws IOException {
		for (String name : EXPECTED) {
			List<Integer> ids = panels(dashboard(name)).stream().map((panel) -> panel.path("id").asInt(-1)).toList();
			assertThat(ids).as(name).doesNotContain(-1).doesNotHaveDuplicates();
		}
	}

	@Test
	void everyPanelHasATitleTypePositionUnitAndQueries() throws IOException {
		for (String name : EXPECTED) {
			for (JsonNode panel : panels(dashboard(name))) {
				String where = name + " / " + panel.path("title").asString();
				assertThat(panel.path("title").asString()).as(name + " panel " + panel.path("id")).isNotBlank();
				assertThat(panel.path("type").asString()).as(where).isNotBlank();
				JsonNode position = panel.path("gridPos");
				for (String field : List.of("h", "w", "x", "y")) {
					assertThat(position.path(field).isInt()).as(where + " gridPos." + field).isTrue();
				}
				assertThat(position.path("x").asInt() + position.path("w").asInt()).as(where + " width")
					.isBetween(1, 24);
				if (isRow(panel)) {
					assertThat(panel.path("targets").isMissingNode()).as(where + ": rows hold no queries").isTrue();
					continue;
				}
				assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString()).as(where + " unit")
					.isNotBlank();
				JsonNode targets = panel.path("targets");
				assertThat(targets.isArray() && !targets.isEmpty()).as(where + " has queries").isTrue();
				Set<String> refIds = new HashSet<>();
				for (JsonNode target : targets) {
					assertThat(target.path("expr").asString()).as(where + " expr").isNotBlank();
					assertThat(target.path("refId").asString()).as(where + " refId").isNotBlank();
					assertThat(refIds.add(target.path("refId").asString())).as(where + " refIds are unique").isTrue();
				}
			}
		}
	}

	@Test
	void panelsDoNotOverlap() throws IOException {
		for (String name : EXPECTED) {
			Map<String, String> taken = new HashMap<>();
			for (JsonNode panel : panels(dashboard(name))) {
				JsonNode position = panel.path("gridPos");
				for (int x = position.path("x").asInt(); x < position.path("x").asInt()
						+ position.path("w").asInt(); x++) {
					for (int y = position.path("y").asInt(); y < position.path("y").asInt()
							+ position.path("h").asInt(); y++) {
						String other = taken.put(x + "," + y, panel.path("title").asString());
						assertThat(other).as(name + ": " + panel.path("title").asString() + " overlaps").isNull();
					}
				}
			}
		}
	}

	@Test
	void everyQueryUsesThePolicyPulsePrometheusDatasource() throws IOException {
		for (String name : EXPECTED) {
			String text = Files.readString(DASHBOARDS.resolve(name + ".json"), StandardCharsets.UTF_8);
			for (String placeholder : List.of("${DS_", "__inputs", "__requires")) {
				assertThat(text.contains(placeholder)).as(name + " contains the import placeholder " + placeholder)
					.isFalse();
			}
			JsonNode dashboard = this.json.readTree(text);
			List<JsonNode> datasources = new ArrayList<>();
			collectDatasources(dashboard, datasources);
			assertThat(datasources).as(name).isNotEmpty();
			for (JsonNode datasource : datasources) {
				assertThat(this.json.convertValue(datasource, Map.class)).as(name).isEqualTo(DATASOURCE);
			}
			for (JsonNode panel : panels(dashboard)) {
				if (!isRow(panel)) {
					String where = name + " / " + panel.path("title").asString();
					assertThat(panel.has("datasource")).as(where).isTrue();
					panel.path("targets").forEach((target) -> assertThat(target.has("datasource")).as(where).isTrue());
				}
			}
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				if ("query".equals(variable.path("type").asString())) {
					assertThat(variable.has("datasource")).as(name + " variable " + variable.path("name")).isTrue();
				}
			}
		}
	}

	@Test
	void serviceDashboardsQueryOnlyTheirOwnService() throws IOException {
		for (String service : List.of("ingestion", "classifier", "notifier")) {
			for (String expr : queries(dashboard(service)).keySet()) {
				if (!expr.startsWith("ALERTS")) {
					assertThat(expr).as(service).contains("job=\"" + service + "\"");
				}
			}
		}
	}

	@Test
	void everyMetricInAQueryIsDocumentedOrBuiltIn() throws IOException {
		Set<String> documented = documentedMetricNames();
		Map<String, String> unknown = new LinkedHashMap<>();
		for (String name : EXPECTED) {
			queries(dashboard(name)).forEach((expr, where) -> {
				Set<String> metrics = PromQl.metricNames(expr);
				assertThat(metrics).as(where + ": " + expr).isNotEmpty();
				for (String metric : metrics) {
					if (!documented.contains(metric) && !isBuiltIn(metric)) {
						unknown.put(metric, where);
					}
				}
			});
		}
		assertThat(unknown).as("metrics neither in docs/observability.md nor a built-in family").isEmpty();
	}

	@Test
	void metricNamesAreTakenFromSelectorsOnly() {
		assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le) (rate("
				+ "policypulse_notifier_alert_latency_seconds_bucket{job=\"notifier\", instance=~\"$instance\"}"
				+ "[$__rate_interval])))"))
			.containsExactly("policypulse_notifier_alert_latency_seconds_bucket");
		assertThat(PromQl.metricNames("(sum(rate(http_server_requests_seconds_count{status=~\"5..\"}[5m])) "
				+ "or vector(0)) / on (job) group_left sum without (uri) (up offset 1h) == bool 1e3"))
			.containsExactly("http_server_requests_seconds_count", "up");
		assertThat(PromQl.metricNames("time() - max by (source) (policypulse_ingestion_source_last_success_seconds)"))
			.containsExactly("policypulse_ingestion_source_last_success_seconds");
		assertThat(PromQl.metricNames("label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\") and ALERTS"))
			.containsExactly("ALERTS", "up");
		assertThat(PromQl.variableQuery("label_values(up{job=\"notifier\"}, instance)"))
			.isEqualTo("up{job=\"notifier\"}");
	}

	/**
	 * The Prometheus names of the metrics docs/observability.md lists: counters with
	 * {@code _total}, timers with {@code _seconds_count}, {@code _sum} and {@code _max}
	 * (and {@code _bucket} where they are histograms), gauges as named, and any name the
	 * document spells out in Prometheus form.
	 */
	static Set<String> documentedMetricNames() throws IOException {
		String doc = Files.readString(RepositoryFiles.resolve("docs/observability.md"), StandardCharsets.UTF_8);
		Set<String> names = new TreeSet<>();
		Matcher row = DOCUMENTED_METRIC.matcher(doc);
		while (row.find()) {
			String type = row.group(2).strip();
			for (String service : List.of("classifier", "notifier")) {
				String base = row.group(1).replace("<service>", service).replace('.', '_');
				if (type.startsWith("counter")) {
					names.add(base + "_total");
				}
				else if (type.startsWith("timer")) {
					names.addAll(List.of(base + "_seconds_count", base + "_seconds_sum", base + "_seconds_max"));
					if (type.contains("histogram")) {
						names.add(base + "_seconds_bucket");
					}
				}
				else {
					names.add(base);
				}
			}
		}
		Matcher spelled = PROMETHEUS_NAME_IN_DOC.matcher(doc);
		while (spelled.find()) {
			names.add(spelled.group(1));
		}
		assertThat(names).as("metrics found in docs/observability.md").hasSizeGreaterThan(30);
		return names;
	}

	private static boolean isBuiltIn(String metric) {
		return BUILT_IN_NAMES.contains(metric) || BUILT_IN_PREFIXES.stream().anyMatch(metric::startsWith);
	}

	/** Every PromQL expression of a dashboard, with where it is. */
	private Map<String, String> queries(JsonNode dashboard) {
		Map<String, String> queries = new LinkedHashMap<>();
		String title = dashboard.path("title").asString();
		for (JsonNode panel : panels(dashboard)) {
			for (JsonNode target : panel.path("targets")) {
				queries.put(target.path("expr").asString(), title + " / " + panel.path("title").asString());
			}
		}
		for (JsonNode annotation : dashboard.path("annotations").path("list")) {
			if (annotation.has("expr")) {
				queries.put(annotation.path("expr").asString(), title + " / annotation");
			}
		}
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			if ("query".equals(variable.path("type").asString())) {
				JsonNode query = variable.path("query");
				String text = query.isObject() ? query.path("query").asString() : query.asString();
				queries.put(PromQl.variableQuery(text), title + " / variable " + variable.path("name").asString());
			}
		}
		return queries;
	}

	/** The panels, those inside collapsed rows included. */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	private static boolean isRow(JsonNode panel) {
		return "row".equals(panel.path("type").asString());
	}

	private static void collectDatasources(JsonNode node, List<JsonNode> found) {
		if (node.isObject()) {
			node.properties().forEach((property) -> {
				if ("datasource".equals(property.getKey())) {
					found.add(property.getValue());
				}
				else {
					collectDatasources(property.getValue(), found);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach((element) -> collectDatasources(element, found));
		}
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.asString()));
		return strings;
	}

	private JsonNode dashboard(String name) throws IOException {
		Path file = DASHBOARDS.resolve(name + ".json");
		assertThat(file).as("dashboard " + name).isRegularFile();
		return this.json.readTree(Files.readString(file, StandardCharsets.UTF_8));
	}

}
