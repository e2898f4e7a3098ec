package dev.policypulse.operations;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * PolicyPulse's Prometheus rules: the plain rule file is valid and passes its promtool
 * unit tests, which cover every rule; every alert says how severe it is, what happened
 * and where its runbook is, and that runbook exists; and the Prometheus Operator's
 * {@code PrometheusRule} carries exactly the same groups.
 */
class PrometheusRulesTests {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final Path RULES_DIRECTORY = RepositoryFiles.resolve("k8s/base/monitoring/rules");

	private static final Path RULES = RULES_DIRECTORY.resolve("policypulse-alerts.yaml");

	private static final Path RULE_TESTS = RULES_DIRECTORY.resolve("policypulse-alerts.test.yaml");

	private static final Path PROMETHEUS_RULE = RepositoryFiles.resolve("k8s/base/monitoring/prometheusrule.yaml");

	private static final Path RUNBOOKS = RepositoryFiles.resolve("docs/runbooks");

	private static final String RUNBOOK_URL = "https://github.com/policypulse/policypulse/blob/main/docs/runbooks/%s.md";

	private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

	private static final List<String> RUNBOOK_SECTIONS = List.of("## What it means", "## Impact on subscribers",
			"## Diagnose", "## Fix");

	@Test
	void promtoolAcceptsTheRuleFile() throws Exception {
		Path promtool = toolOrAbort("promtool");
		run(RULES_DIRECTORY, promtool.toString(), "check", "rules", RULES.getFileName().toString());
	}

	@Test
	void promtoolUnitTestsOfTheRulesPass() throws Exception {
		Path promtool = toolOrAbort("promtool");
		run(RULES_DIRECTORY, promtool.toString(), "test", "rules", RULE_TESTS.getFileName().toString());
	}

	@Test
	void everyAlertHasASeveritySummaryDescriptionAndRunbook() {
		Map<String, JsonNode> alerts = alerts();
		assertThat(alerts).isNotEmpty();
		alerts.forEach((name, alert) -> {
			assertThat(alert.path("labels").path("severity").asString("")).as("severity of %s", name).isIn(SEVERITIES);
			JsonNode annotations = alert.path("annotations");
			assertThat(annotations.path("summary").asString("")).as("summary of %s", name).isNotBlank();
			assertThat(annotations.path("description").asString("")).as("description of %s", name).isNotBlank();
			assertThat(annotations.path("runbook_url").asString("")).as("runbook_url of %s", name)
				.isEqualTo(RUNBOOK_URL.formatted(name));
			assertThat(RUNBOOKS.resolve(name + ".md")).as("runbook of %s", name).isRegularFile();
		});
	}

	@Test
	void everyRunbookBelongsToAnAlertAndTellsMeaningImpactDiagnosisAndFix() throws IOException {
		Set<String> alerts = alerts().keySet();
		List<Path> runbooks;
		try (Stream<Path> files = Files.list(RUNBOOKS)) {
			runbooks = files.filter((file) -> file.getFileName().toString().endsWith(".md")).sorted().toList();
		}
		assertThat(runbooks).hasSameSizeAs(alerts);
		for (Path runbook : runbooks) {
			String name = runbook.getFileName().toString().replaceFirst("\\.md$", "");
			assertThat(alerts).as("alert of runbook %s", runbook.getFileName()).contains(name);
			String text = Files.readString(runbook, StandardCharsets.UTF_8);
			assertThat(text).as("title of %s", runbook.getFileName()).startsWith("# " + name + "\n");
			for (String section : RUNBOOK_SECTIONS) {
				assertThat(text).as("%s of %s", section, runbook.getFileName()).contains("\n" + section + "\n");
			}
		}
	}

	@Test
	void everyAlertIsUnitTestedFiringWithItsLabelsAndAnnotationsAndNotFiringUnlessAWatchdog() {
		Map<String, List<JsonNode>> casesByAlert = new LinkedHashMap<>();
		for (JsonNode test : read(RULE_TESTS).path("tests")) {
			for (JsonNode alertTest : test.path("alert_rule_test")) {
				casesByAlert.computeIfAbsent(alertTest.path("alertname").asString(), (name) -> new ArrayList<>())
					.add(alertTest.path("exp_alerts"));
			}
		}
		Map<String, JsonNode> alerts = alerts();
		assertThat(casesByAlert.keySet()).as("alerts with unit tests")
			.containsExactlyInAnyOrderElementsOf(alerts.keySet());
		casesByAlert.forEach((name, expectations) -> {
			if (alerts.get(name).path("expr").asString().strip().equals("vector(1)")) {
				// a watchdog: it must fire whenever it is looked at
				assertThat(expectations).as("cases where %s fires", name).noneMatch(JsonNode::isEmpty);
			}
			else {
				assertThat(expectations).as("a case where %s does not fire", name).anyMatch(JsonNode::isEmpty);
			}
			List<JsonNode> firing = expectations.stream().filter((expected) -> !expected.isEmpty()).toList();
			assertThat(firing).as("a case where %s fires", name).isNotEmpty();
			for (JsonNode expectedAlerts : firing) {
				for (JsonNode expected : expectedAlerts) {
					assertThat(expected.path("exp_labels").path("severity").isString())
						.as("%s's expected labels include its severity", name)
						.isTrue();
					assertThat(properties(expected.path("exp_annotations")).keySet())
						.as("%s's expected annotations", name)
						.contains("summary", "description", "runbook_url");
				}
			}
		});
	}

	@Test
	void everyRecordingRuleIsUnitTested() {
		List<String> testedExpressions = new ArrayList<>();
		for (JsonNode test : read(RULE_TESTS).path("tests")) {
			for (JsonNode exprTest : test.path("promql_expr_test")) {
				testedExpressions.add(exprTest.path("expr").asString());
			}
		}
		Set<String> recorded = new TreeSet<>();
		for (JsonNode rule : rules(read(RULES).path("groups"))) {
			if (rule.has("record")) {
				recorded.add(rule.path("record").asString());
			}
		}
		assertThat(recorded).isNotEmpty();
		for (String name : recorded) {
			assertThat(testedExpressions).as("unit tests of %s", name).anyMatch((expr) -> expr.contains(name));
		}
	}

	@Test
	void prometheusRuleHasExactlyTheGroupsOfTheRuleFile() {
		JsonNode groups = read(RULES).path("groups");
		assertThat(groups.isArray() && !groups.isEmpty()).as("groups of %s", RULES).isTrue();
		assertThat(read(PROMETHEUS_RULE).path("spec").path("groups"))
			.as("spec.groups of %s; regenerate it as its header says", PROMETHEUS_RULE)
			.isEqualTo(groups);
	}

	@Test
	void prometheusRuleIsPolicyPulsesMonitoringResource() {
		JsonNode resource = read(PROMETHEUS_RULE);
		assertThat(resource.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(resource.path("kind").asString()).isEqualTo("PrometheusRule");
		assertThat(resource.path("metadata").path("name").asString()).isEqualTo("policypulse-alerts");
		Map<String, String> labels = new LinkedHashMap<>();
		properties(resource.path("metadata").path("labels")).forEach((key, value) -> labels.put(key, value.asString()));
		assertThat(labels).containsEntry("app.kubernetes.io/name", "policypulse-alerts")
			.containsEntry("app.kubernetes.io/part-of", "policypulse")
			.containsEntry("app.kubernetes.io/component", "monitoring");
	}

	/** Every alerting rule of the rule file, by alert name (which must be unique). */
	private static Map<String, JsonNode> alerts() {
		Map<String, JsonNode> alerts = new LinkedHashMap<>();
		for (JsonNode rule : rules(read(RULES).path("groups"))) {
			if (rule.has("alert")) {
				String name = rule.path("alert").asString();
				assertThat(alerts.put(name, rule)).as("another alert named %s", name).isNull();
			}
		}
		return alerts;
	}

	private static List<JsonNode> rules(JsonNode groups) {
		List<JsonNode> rules = new ArrayList<>();
		for (JsonNode group : groups) {
			group.path("rules").forEach(rules::add);
		}
		return rules;
	}

	private static Map<String, JsonNode> properties(JsonNode node) {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			properties.put(property.getKey(), property.getValue());
		}
		return properties;
	}

	private static JsonNode read(Path file) {
		return YAML.readTree(file);
	}

	/**
	 * Runs {@code command} in {@code directory}; fails with its output unless it exits 0.
	 */
	private static void run(Path directory, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", String.join(" ", command)).isTrue();
		assertThat(process.exitValue()).as("exit status of %s:%n%s", String.join(" ", command), output).isZero();
	}

	/**
	 * The path of a command-line tool. Where it is missing the calling test is aborted
	 * with a reason, unless the environment variable {@code POLICYPULSE_REQUIRE_TOOLS} is
	 * set (as CI does), where it fails.
	 */
	private static Path toolOrAbort(String name) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String reason = name + " is not installed (apt-get install prometheus), so the alert rules were not checked";
		if (System.getenv("POLICYPULSE_REQUIRE_TOOLS") != null) {
			fail(reason);
		}
		Assumptions.abort(reason);
		return null;
	}

}
