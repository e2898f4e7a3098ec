package dev.policypulse.operations;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Renders the Kustomize base and overlays under {@code k8s/} with
 * {@code kubectl kustomize}, checks every rendered object against the typed model of its
 * API (Kubernetes, Strimzi, Prometheus Operator), unknown or mistyped fields failing, and
 * checks what operators rely on: probes, limits and hardening of every container,
 * selectors that find their pods, one topic per event and dead-letter topic, scraping as
 * the jobs the rules and dashboards use, and what each overlay promises.
 */
class KustomizeTests {

	private static final List<String> SERVICES = List.of("ingestion", "classifier", "notifier");

	private static final List<String> TOPICS = List.of("policy.items.ingested.v1", "policy.items.ingested.v1-dlt",
			"policy.items.classified.v1", "policy.items.classified.v1-dlt", "policy.alerts.dispatched.v1");

	/** The topic whose partitions bound each autoscaled service: the one it consumes. */
	private static final Map<String, String> CONSUMED_TOPIC = Map.of("classifier", "policy.items.ingested.v1",
			"notifier", "policy.items.classified.v1");

	private static final List<String> DASHBOARDS = List.of("overview.json", "ingestion.json", "classifier.json",
			"notifier.json");

	private static final String SECRET = "policypulse-secrets";

	/**
	 * kubectl apply (client side) copies each object into an annotation of this size at
	 * most.
	 */
	private static final int LAST_APPLIED_LIMIT = 262144;

	private static final Quantity MAX_SERVICE_MEMORY = new Quantity("768Mi");

	/**
	 * Every apiVersion and kind the manifests may use, with the typed model it must fit.
	 */
	private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
			Map.entry("v1/Namespace", Namespace.class), Map.entry("v1/ConfigMap", ConfigMap.class),
			Map.entry("v1/Secret", Secret.class), Map.entry("v1/Service", Service.class),
			Map.entry("v1/ServiceAccount", ServiceAccount.class), Map.entry("apps/v1/Deployment", Deployment.class),
			Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
			Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
			Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
			Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
			Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
			Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
			Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
			Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

	/**
	 * Binds to the typed models and refuses what they do not declare: the models keep
	 * unknown fields aside (any-setters) unless told not to.
	 */
	private static final ObjectMapper STRICT = new ObjectMapper()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.setAnnotationIntrospector(new StrictIntrospector());

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void everyObjectFitsTheTypedModelOfItsApi(String build) {
		Manifests manifests = render(build);
		assertThat(manifests.objects()).isNotEmpty();
		assertThat(manifests.problems()).as(build).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void everyObjectCarriesTheRecommendedLabels(String build) {
		for (HasMetadata object : render(build).objects()) {
			Map<String, String> labels = Objects.requireNonNullElse(object.getMetadata().getLabels(), Map.of());
			assertThat(labels).as(describe(object))
				.containsEntry("app.kubernetes.io/part-of", "policypulse")
				.containsKeys("app.kubernetes.io/name", "app.kubernetes.io/component");
			if (!(object instanceof Namespace)) {
				assertThat(object.getMetadata().getNamespace()).as(describe(object)).isEqualTo("policypulse");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void everyServiceRunsProbedSizedAndLockedDown(String build) {
		Manifests manifests = render(build);
		assertThat(manifests.all(Deployment.class)).extracting((deployment) -> deployment.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(SERVICES);
		for (Deployment deployment : manifests.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			PodSecurityContext podSecurity = Objects.requireNonNullElse(pod.getSecurityContext(),
					new PodSecurityContext());
			assertThat(pod.getContainers()).as(name).hasSize(1);
			Container container = pod.getContainers().get(0);
			Map<String, String> env = manifests.environment(deployment);
			assertThat(portNames(container)).as(name).containsExactlyInAnyOrder("http", "management");
			assertThat(containerPort(container, "http")).as(name + " API port")
				.isEqualTo(Integer.valueOf(env.get("SERVER_PORT")));
			assertThat(containerPort(container, "management")).as(name + " actuator port")
				.isEqualTo(Integer.valueOf(env.get("MANAGEMENT_SERVER_PORT")));

			assertProbe(name, container.getLivenessProbe(), "/actuator/health/liveness", container);
			assertProbe(name, container.getReadinessProbe(), "/actuator/health/readiness", container);
			assertProbe(name, container.getStartupProbe(), "/actuator/health/liveness", container);

			ResourceRequirements resources = container.getResources();
			assertThat(resources.getRequests()).as(name).containsKeys("cpu", "memory");
			assertThat(resources.getLimits()).as(name).containsKeys("cpu", "memory");
			assertThat(bytes(resources.getLimits().get("memory"))).as(name + " memory limit")
				.isLessThanOrEqualTo(bytes(MAX_SERVICE_MEMORY));
			assertThat(bytes(resources.getRequests().get("memory"))).as(name + " memory request")
				.isLessThanOrEqualTo(bytes(resources.getLimits().get("memory")));
			assertThat(env.get("JAVA_TOOL_OPTIONS")).as(name).contains("-XX:MaxRAMPercentage=");

			SecurityContext security = container.getSecurityContext();
			assertThat(security).as(name).isNotNull();
			assertThat(Optional.ofNullable(security.getRunAsNonRoot()).orElse(podSecurity.getRunAsNonRoot()))
				.as(name + " runAsNonRoot")
				.isTrue();
			assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
			assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
			assertThat(security.getCapabilities().getDrop()).as(name + " dropped capabilities").contains("ALL");
			assertThat(
					Optional.ofNullable(security.getSeccompProfile()).orElse(podSecurity.getSeccompProfile()).getType())
				.as(name + " seccomp")
				.isEqualTo("RuntimeDefault");
			assertThat(pod.getAutomountServiceAccountToken()).as(name + " service account token").isFalse();

			VolumeMount tmp = container.getVolumeMounts()
				.stream()
				.filter((mount) -> mount.getMountPath().equals("/tmp"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + " mounts nothing writable at /tmp"));
			Volume tmpVolume = pod.getVolumes()
				.stream()
				.filter((volume) -> volume.getName().equals(tmp.getName()))
				.findFirst()
				.orElseThrow();
			assertThat(tmpVolume.getEmptyDir()).as(name + " /tmp").isNotNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void everyServiceDrainsBeforeItsGracePeriodEnds(String build) {
		Manifests manifests = render(build);
		for (Deployment deployment : manifests.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			Container container = pod.getContainers().get(0);
			Map<String, String> env = manifests.environment(deployment);
			assertThat(container.getLifecycle().getPreStop().getSleep()).as(name + " preStop sleep").isNotNull();
			long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
			assertThat(preStop).as(name + " preStop pause").isPositive();
			long shutdown = duration(env.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE")).toSeconds();
			String dispatchGrace = env.get("POLICYPULSE_NOTIFIER_DISPATCH_SHUTDOWN_GRACE_PERIOD");
			if (dispatchGrace != null) {
				shutdown += duration(dispatchGrace).toSeconds();
			}
			assertThat(pod.getTerminationGracePeriodSeconds()).as(name + " terminationGracePeriodSeconds")
				.isGreaterThan(preStop + shutdown);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void servicesBudgetsAndPoliciesSelectPodsThatExist(String build) {
		Manifests manifests = render(build);
		for (Service service : manifests.all(Service.class)) {
			Map<String, String> selector = service.getSpec().getSelector();
			assertThat(selector).as(describe(service)).isNotEmpty();
			List<Deployment> selected = manifests.deploymentsSelectedBy(new LabelSelector(List.of(), selector));
			assertThat(selected).as(describe(service) + " selects the pods of one Deployment").hasSize(1);
			Container container = selected.get(0).getSpec().getTemplate().getSpec().getContainers().get(0);
			for (ServicePort port : service.getSpec().getPorts()) {
				assertThat(portNames(container)).as(describe(service) + " targetPort")
					.contains(port.getTargetPort().getStrVal());
			}
		}
		for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
			assertThat(manifests.deploymentsSelectedBy(budget.getSpec().getSelector())).as(describe(budget)).hasSize(1);
		}
		for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
			List<Deployment> selected = manifests.deploymentsSelectedBy(policy.getSpec().getPodSelector());
			assertThat(selected).as(describe(policy) + " applies to some pods").isNotEmpty();
			for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
				for (NetworkPolicyPort port : rule.getPorts()) {
					if (port.getPort().getStrVal() != null) {
						for (Deployment deployment : selected) {
							assertThat(portNames(deployment.getSpec().getTemplate().getSpec().getContainers().get(0)))
								.as(describe(policy) + " opens a port of " + deployment.getMetadata().getName())
								.contains(port.getPort().getStrVal());
						}
					}
				}
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void networkPoliciesLetEachServiceReachOnlyWhatItNeeds(String build) {
		Manifests manifests = render(build);
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
		assertThat(policies).as("a policy that denies all ingress in the namespace").anySatisfy((policy) -> {
			assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
			assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
			assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
			assertThat(policy.getSpec().getIngress()).isEmpty();
		});
		Map<String, Set<String>> egress = Map.of("ingestion", Set.of("53", "9092", "5432", "80", "443"), "classifier",
				Set.of("53", "9092"), "notifier", Set.of("53", "9092", "5432", "25", "465", "587"));
		for (Deployment deployment : manifests.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			List<NetworkPolicy> applying = policies.stream()
				.filter((policy) -> selects(policy.getSpec().getPodSelector(), labels))
				.toList();
			assertThat(applying).as(name + " has its egress denied unless allowed")
				.anySatisfy((policy) -> assertThat(policy.getSpec().getPolicyTypes()).contains("Egress"));
			Set<String> egressPorts = new TreeSet<>();
			Set<String> ingressPorts = new TreeSet<>();
			for (NetworkPolicy policy : applying) {
				for (NetworkPolicyEgressRule rule : policy.getSpec().getEgress()) {
					assertThat(rule.getPorts()).as(describe(policy) + " names the ports it opens").isNotEmpty();
					rule.getPorts().forEach((port) -> egressPorts.add(text(port.getPort())));
				}
				for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
					assertThat(rule.getPorts()).as(describe(policy) + " names the ports it opens").isNotEmpty();
					rule.getPorts().forEach((port) -> ingressPorts.add(text(port.getPort())));
				}
			}
			assertThat(egressPorts).as(name + " egress ports").isEqualTo(new TreeSet<>(egress.get(name)));
			assertThat(ingressPorts).as(name + " ingress ports").containsExactlyInAnyOrder("http", "management");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void autoscalersTargetDeploymentsWithinTheirTopicsPartitions(String build) {
		Manifests manifests = render(build);
		List<HorizontalPodAutoscaler> autoscalers = manifests.all(HorizontalPodAutoscaler.class);
		assertThat(autoscalers).extracting((hpa) -> hpa.getSpec().getScaleTargetRef().getName())
			.containsExactlyInAnyOrder("classifier", "notifier");
		for (HorizontalPodAutoscaler autoscaler : autoscalers) {
			var target = autoscaler.getSpec().getScaleTargetRef();
			assertThat(target.getApiVersion()).isEqualTo("apps/v1");
			assertThat(target.getKind()).isEqualTo("Deployment");
			Deployment deployment = manifests.get(Deployment.class, target.getName());
			assertThat(deployment.getSpec().getReplicas()).as(target.getName() + " leaves its replicas to the HPA")
				.isNull();
			assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
				.isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
			KafkaTopic consumed = manifests.topic(CONSUMED_TOPIC.get(target.getName()));
			assertThat(autoscaler.getSpec().getMaxReplicas()).as(target.getName() + " maxReplicas")
				.isLessThanOrEqualTo(consumed.getSpec().getPartitions());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void everyTopicAndDeadLetterTopicIsDeclaredOnceAsTheServicesWouldCreateIt(String build) {
		Manifests manifests = render(build);
		List<KafkaTopic> topics = manifests.all(KafkaTopic.class);
		assertThat(topics).extracting(KustomizeTests::topicName).containsExactlyInAnyOrderElementsOf(TOPICS);
		Kafka kafka = manifests.only(Kafka.class);
		Map<String, String> shared = manifests.get(ConfigMap.class, "policypulse-shared").getData();
		int brokers = manifests.brokers();
		for (KafkaTopic topic : topics) {
			String name = topicName(topic);
			assertThat(topic.getMetadata().getLabels()).as(name)
				.containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
			assertThat(topic.getSpec().getPartitions()).as(name + " partitions")
				.isEqualTo(Integer.valueOf(shared.get("POLICYPULSE_KAFKA_TOPICS_PARTITIONS")));
			assertThat(topic.getSpec().getReplicas()).as(name + " replicas")
				.isEqualTo(Integer.valueOf(shared.get("POLICYPULSE_KAFKA_TOPICS_REPLICATION_FACTOR")))
				.isLessThanOrEqualTo(brokers);
			assertThat(topic.getSpec().getConfig()).as(name).containsKey("retention.ms");
			if (name.endsWith("-dlt")) {
				KafkaTopic source = manifests.topic(name.substring(0, name.length() - "-dlt".length()));
				assertThat(topic.getSpec().getPartitions()).as(name + " has a partition for each of its source's")
					.isGreaterThanOrEqualTo(source.getSpec().getPartitions());
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void kafkaRunsInKraftModeOnNodePoolsBehindTheServicesBootstrapAddress(String build) {
		Manifests manifests = render(build);
		Kafka kafka = manifests.only(Kafka.class);
		String cluster = kafka.getMetadata().getName();
		assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
			.containsEntry("strimzi.io/node-pools", "enabled");
		List<KafkaNodePool> pools = manifests.all(KafkaNodePool.class);
		assertThat(pools).isNotEmpty()
			.allSatisfy(
					(pool) -> assertThat(pool.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", cluster));
		assertThat(pools).flatExtracting((pool) -> pool.getSpec().getRoles())
			.contains(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
		int brokers = manifests.brokers();
		Map<String, Object> config = kafka.getSpec().getKafka().getConfig();
		for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
				"transaction.state.log.replication.factor")) {
			assertThat(((Number) config.get(key)).intValue()).as(key).isLessThanOrEqualTo(brokers);
		}
		int minInSync = ((Number) config.get("min.insync.replicas")).intValue();
		for (KafkaTopic topic : manifests.all(KafkaTopic.class)) {
			int replicas = topic.getSpec().getReplicas();
			assertThat(minInSync).as(topicName(topic) + ": a write needs no more copies than there are")
				.isLessThanOrEqualTo(replicas);
			if (replicas > 1) {
				assertThat(minInSync).as(topicName(topic) + ": one broker may be down").isLessThan(replicas);
			}
		}
		GenericKafkaListener plain = kafka.getSpec()
			.getKafka()
			.getListeners()
			.stream()
			.filter((listener) -> !listener.isTls())
			.findFirst()
			.orElseThrow();
		assertThat(manifests.get(ConfigMap.class, "policypulse-shared").getData())
			.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", cluster + "-kafka-bootstrap:" + plain.getPort());
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void prometheusScrapesEachServiceAsTheJobOfItsName(String build) {
		Manifests manifests = render(build);
		List<ServiceMonitor> monitors = manifests.all(ServiceMonitor.class);
		assertThat(monitors).hasSize(SERVICES.size());
		for (String name : SERVICES) {
			Service service = manifests.get(Service.class, name);
			List<ServiceMonitor> scraping = monitors.stream()
				.filter((monitor) -> selects(monitor.getSpec().getSelector(), service.getMetadata().getLabels()))
				.toList();
			assertThat(scraping).as(name + " is scraped by one ServiceMonitor").hasSize(1);
			ServiceMonitor monitor = scraping.get(0);
			String jobLabel = monitor.getSpec().getJobLabel();
			assertThat(jobLabel).as(describe(monitor) + " jobLabel").isNotNull();
			assertThat(service.getMetadata().getLabels()).as("the job label of " + name).containsEntry(jobLabel, name);
			assertThat(monitor.getSpec().getEndpoints()).isNotEmpty();
			for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
				assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
				assertThat(service.getSpec().getPorts()).as(describe(monitor) + " port").anySatisfy((port) -> {
					assertThat(port.getName()).isEqualTo(endpoint.getPort());
					assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
				});
			}
		}
		assertThat(manifests.only(PrometheusRule.class).getSpec().getGroups()).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void grafanasSidecarFindsEveryDashboardAndItsDataSource(String build) throws IOException {
		Manifests manifests = render(build);
		Map<String, String> dashboards = new HashMap<>();
		for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
			Map<String, String> labels = configMap.getMetadata().getLabels();
			if ("1".equals(labels.get("grafana_dashboard"))) {
				dashboards.putAll(configMap.getData());
				assertThat(STRICT.writeValueAsString(configMap).length())
					.as(describe(configMap) + " fits the annotation that kubectl apply keeps a copy of the object in")
					.isLessThan(LAST_APPLIED_LIMIT);
			}
		}
		assertThat(dashboards.keySet()).containsExactlyInAnyOrderElementsOf(DASHBOARDS);
		for (String file : DASHBOARDS) {
			Path onDisk = RepositoryFiles.resolve("k8s/base/monitoring/dashboards/" + file);
			assertThat(dashboards.get(file)).as(file).isEqualTo(Files.readString(onDisk, StandardCharsets.UTF_8));
		}
		List<ConfigMap> dataSources = manifests.all(ConfigMap.class)
			.stream()
			.filter((configMap) -> "1".equals(configMap.getMetadata().getLabels().get("grafana_datasource")))
			.toList();
		assertThat(dataSources).hasSize(1);
		JsonNode provisioning = YAML.readTree(dataSources.get(0).getData().values().iterator().next());
		assertThat(provisioning.path("datasources").get(0).path("uid").asString()).isEqualTo("policypulse-prometheus");
		assertThat(provisioning.path("datasources").get(0).path("type").asString()).isEqualTo("prometheus");
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void servicesAreConfiguredOnlyThroughRealSettings(String build) throws IOException {
		Set<String> documented = documentedEnvironmentVariables();
		// Spring Boot's own, beyond what docs/configuration.md describes
		documented.addAll(Set.of("MANAGEMENT_SERVER_PORT", "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE",
				"SPRING_CONFIG_ADDITIONAL_LOCATION"));
		Manifests manifests = render(build);
		for (Deployment deployment : manifests.all(Deployment.class)) {
			Map<String, String> env = manifests.environment(deployment);
			Set<String> settings = new TreeSet<>(env.keySet());
			settings.remove("JAVA_TOOL_OPTIONS");
			deployment.getSpec()
				.getTemplate()
				.getSpec()
				.getContainers()
				.get(0)
				.getEnv()
				.stream()
				.filter((var) -> var.getValueFrom() != null)
				.forEach((var) -> settings.add(var.getName()));
			assertThat(documented).as(deployment.getMetadata().getName() + " sets only real settings")
				.containsAll(settings);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "k8s/base", "k8s/overlays/local", "k8s/overlays/production" })
	void secretsComeFromOneSecretThatOnlyTheLocalOverlayShips(String build) {
		Manifests manifests = render(build);
		Map<String, Boolean> referenced = new LinkedHashMap<>();
		for (Deployment deployment : manifests.all(Deployment.class)) {
			for (EnvVar var : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
				if (var.getValueFrom() != null) {
					SecretKeySelector key = var.getValueFrom().getSecretKeyRef();
					assertThat(key).as(var.getName() + " comes from a Secret").isNotNull();
					assertThat(key.getName()).isEqualTo(SECRET);
					referenced.merge(key.getKey(), Boolean.TRUE.equals(key.getOptional()), Boolean::logicalAnd);
				}
			}
		}
		assertThat(referenced).containsKeys("api-key", "ingestion-db-password", "notifier-db-password",
				"notifier-links-secret", "ingestion-webhook-secret");
		List<Secret> secrets = manifests.all(Secret.class);
		if (!build.endsWith("local")) {
			assertThat(secrets).as(build + " ships no secret").isEmpty();
			return;
		}
		assertThat(secrets).extracting((secret) -> secret.getMetadata().getName()).containsExactly(SECRET);
		Map<String, String> values = secrets.get(0).getStringData();
		referenced.forEach((key, optional) -> {
			if (!optional) {
				assertThat(values).as("the example Secret").containsKey(key);
			}
		});
		assertThat(values.get("notifier-links-secret")).hasSizeGreaterThanOrEqualTo(16);
		assertThat(values.get("ingestion-webhook-secret")).hasSizeGreaterThanOrEqualTo(32);
	}

	@Test
	void productionRunsReplicatedPinnedServicesWithTheirMemoryRequestedInFull() {
		Manifests manifests = render("k8s/overlays/production");
		for (Deployment deployment : manifests.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(container.getImage()).as(name).matches("policypulse/" + name + ":[0-9][\\w.-]*");
			ResourceRequirements resources = container.getResources();
			assertThat(bytes(resources.getRequests().get("memory"))).as(name + " memory requested in full")
				.isEqualTo(bytes(resources.getLimits().get("memory")));
			if (name.equals("ingestion")) {
				// a single instance by design (docs/sources.md), never two at once
				assertThat(manifests.replicas(deployment)).as(name).isEqualTo(1);
				assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
			}
			else {
				assertThat(manifests.replicas(deployment)).as(name + " replicas").isGreaterThanOrEqualTo(2);
				PodDisruptionBudget budget = manifests.get(PodDisruptionBudget.class, name);
				assertThat(budget.getSpec().getMinAvailable().getIntVal()).as(name).isEqualTo(1);
				assertThat(budget.getSpec().getMaxUnavailable()).as(name).isNull();
			}
		}
		assertThat(manifests.brokers()).isGreaterThanOrEqualTo(3);
		assertThat(manifests.all(KafkaTopic.class))
			.allSatisfy((topic) -> assertThat(topic.getSpec().getReplicas()).as(topicName(topic)).isEqualTo(3));
	}

	@Test
	void localRunsOneOfEachServiceFromLocallyBuiltImages() {
		Manifests manifests = render("k8s/overlays/local");
		for (Deployment deployment : manifests.all(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
				.isEqualTo("policypulse/" + name + ":local");
			assertThat(manifests.replicas(deployment)).as(name).isEqualTo(1);
			manifests.autoscalerOf(deployment)
				.ifPresent((hpa) -> assertThat(hpa.getSpec().getMaxReplicas()).as(name).isEqualTo(1));
		}
		assertThat(manifests.brokers()).isEqualTo(1);
	}

	@Test
	void strictValidationRefusesWhatTheApiWouldNot() {
		assertThat(problems("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: {name: ok}
				spec:
				  selector: {matchLabels: {a: b}}
				  template:
				    metadata: {labels: {a: b}}
				    spec:
				      containers:
				        - name: ok
				          image: ok
				          resources: {limits: {memory: 768Mi, cpu: "2"}}
				          livenessProbe: {httpGet: {path: /, port: management}}
				""")).isEmpty();
		assertThat(problems("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: {name: misspelled}
				spec:
				  template:
				    spec:
				      containers:
				        - name: misspelled
				          livenesProbe: {httpGet: {path: /, port: 9090}}
				""")).singleElement().asString().contains("livenesProbe");
		assertThat(problems("""
				apiVersion: apps/v1
				kind: Deployment
				metadata: {name: mistyped}
				spec:
				  replicas: two
				""")).singleElement().asString().contains("replicas");
		assertThat(problems("""
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaTopic
				metadata: {name: misspelled}
				spec:
				  partition: 6
				""")).singleElement().asString().contains("partition");
		assertThat(problems("""
				apiVersion: kafka.strimzi.io/v1
				kind: KafkaNodePool
				metadata: {name: misspelled}
				spec:
				  replicas: 1
				  roles: [broker]
				  storage: {type: ephemeral, size: 1Gi}
				""")).singleElement().asString().contains("size");
		assertThat(problems("""
				apiVersion: monitoring.coreos.com/v1
				kind: ServiceMonitor
				metadata: {name: misspelled}
				spec:
				  endpoints: [{prot: management}]
				""")).singleElement().asString().contains("prot");
		assertThat(problems("""
				apiVersion: apps/v1beta1
				kind: Deployment
				metadata: {name: retired}
				""")).singleElement().asString().contains("apps/v1beta1/Deployment");
	}

	// ---------------------------------------------------------------------------------------

	private static Manifests render(String build) {
		return RENDERED.computeIfAbsent(build, KustomizeTests::kustomize);
	}

	private static Manifests kustomize(String build) {
		Path kubectl = toolOrAbort("kubectl");
		try {
			Path stderr = Files.createTempFile("kustomize", ".err");
			Process process = new ProcessBuilder(kubectl.toString(), "kustomize",
					RepositoryFiles.resolve(build).toString())
				.redirectError(stderr.toFile())
				.start();
			String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize " + build + " finished").isTrue();
			assertThat(process.exitValue()).as("kubectl kustomize " + build + ": " + Files.readString(stderr)).isZero();
			Files.deleteIfExists(stderr);
			return Manifests.parse(rendered);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run kubectl kustomize " + build, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The path of a command-line tool. Where it is missing the test is aborted with a
	 * reason, unless the environment variable {@code POLICYPULSE_REQUIRE_TOOLS} is set
	 * (as CI does), where it fails.
	 */
	private static Path toolOrAbort(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String reason = name + " is not installed, so the Kustomize overlays under k8s/ were not rendered";
		if (System.getenv("POLICYPULSE_REQUIRE_TOOLS") != null) {
			fail(reason);
		}
		Assumptions.abort(reason);
		return null;
	}

	private static List<String> problems(String yaml) {
		return Manifests.parse(yaml).problems();
	}

	private static void assertProbe(String name, Probe probe, String path, Container container) {
		assertThat(probe).as(name + " probe of " + path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).as(name).isEqualTo(path);
		assertThat(portNames(container)).as(name + " probes a port of the container")
			.contains(probe.getHttpGet().getPort().getStrVal());
	}

	private static String text(IntOrString port) {
		return (port.getIntVal() != null) ? port.getIntVal().toString() : port.getStrVal();
	}

	private static List<String> portNames(Container container) {
		return container.getPorts().stream().map(ContainerPort::getName).toList();
	}

	private static Integer containerPort(Container container, String name) {
		return container.getPorts()
			.stream()
			.filter((port) -> name.equals(port.getName()))
			.findFirst()
			.orElseThrow()
			.getContainerPort();
	}

	private static BigDecimal bytes(Quantity quantity) {
		return Quantity.getAmountInBytes(quantity);
	}

	private static Duration duration(String value) {
		Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value);
		assertThat(matcher.matches()).as("a duration: " + value).isTrue();
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofHours(amount);
		};
	}

	private static String topicName(KafkaTopic topic) {
		return Objects.requireNonNullElse(topic.getSpec().getTopicName(), topic.getMetadata().getName());
	}

	private static String describe(HasMetadata object) {
		return object.getKind() + " " + object.getMetadata().getName();
	}

	static boolean selects(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		Map<String, String> present = Objects.requireNonNullElse(labels, Map.of());
		for (Map.Entry<String, String> required : Objects
			.requireNonNullElse(selector.getMatchLabels(), Map.<String, String>of())
			.entrySet()) {
			if (!required.getValue().equals(present.get(required.getKey()))) {
				return false;
			}
		}
		for (LabelSelectorRequirement requirement : Objects.requireNonNullElse(selector.getMatchExpressions(),
				List.<LabelSelectorRequirement>of())) {
			String value = present.get(requirement.getKey());
			boolean matches = switch (requirement.getOperator()) {
				case "In" -> value != null && requirement.getValues().contains(value);
				case "NotIn" -> value == null || !requirement.getValues().contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new AssertionError("Unknown selector operator " + requirement.getOperator());
			};
			if (!matches) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The environment variable of every setting that docs/configuration.md describes, as
	 * Spring Boot's relaxed binding reads it: {@code spring.kafka.bootstrap-servers} is
	 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}.
	 */
	private static Set<String> documentedEnvironmentVariables() throws IOException {
		Set<String> variables = new TreeSet<>();
		Pattern setting = Pattern.compile("`([a-z.][a-z0-9.\\-\\[\\]]*)`");
		for (String line : Files.readAllLines(RepositoryFiles.resolve("docs/configuration.md"))) {
			if (!line.startsWith("| `")) {
				continue;
			}
			String firstCell = line.substring(1, line.indexOf('|', 1));
			Matcher matcher = setting.matcher(firstCell);
			String previous = null;
			while (matcher.find()) {
				String name = matcher.group(1);
				if (name.startsWith(".") && previous != null) {
					name = previous.substring(0, previous.lastIndexOf('.')) + name;
				}
				previous = name;
				variables.add(name.toUpperCase().replace('.', '_').replace('-', '_'));
			}
		}
		assertThat(variables).as("settings found in docs/configuration.md").contains("SPRING_KAFKA_BOOTSTRAP_SERVERS");
		return variables;
	}

	/**
	 * Answers false for any-setters and any-getters, and never ignores unknown fields.
	 */
	private static final class StrictIntrospector extends JacksonAnnotationIntrospector {

		@Override
		public Boolean hasAnySetter(Annotated annotated) {
			return Boolean.FALSE;
		}

		@Override
		public Boolean hasAnyGetter(Annotated annotated) {
			return Boolean.FALSE;
		}

		@Override
		public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
			return super.findPropertyIgnoralByName(config, annotated).withoutIgnoreUnknown();
		}

	}

	/** The objects one build renders, each bound to its typed model. */
	private record Manifests(List<HasMetadata> objects, List<String> problems) {

		static Manifests parse(String yaml) {
			List<HasMetadata> objects = new ArrayList<>();
			List<String> problems = new ArrayList<>();
			for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
				if (document == null || document.isNull() || document.isMissingNode()) {
					continue;
				}
				String type = document.path("apiVersion").asString() + "/" + document.path("kind").asString();
				String name = type + " " + document.path("metadata").path("name").asString();
				Class<? extends HasMetadata> model = TYPES.get(type);
				if (model == null) {
					problems.add(name + ": no known API type " + type);
					continue;
				}
				try {
					HasMetadata object = STRICT.readValue(document.toString(), model);
					List<String> changed = new ArrayList<>();
					compare("", document, JSON.readTree(STRICT.writeValueAsString(object)), changed);
					if (servedVersions(model).contains(document.path("apiVersion").asString().replaceAll(".*/", ""))) {
						// one model serves several versions of a custom resource, and
						// writes its own
						changed.removeIf((change) -> change.startsWith("/apiVersion "));
					}
					if (changed.isEmpty()) {
						objects.add(object);
					}
					else {
						problems.add(name + ": not kept by the " + model.getSimpleName() + " model: " + changed);
					}
				}
				catch (IOException | RuntimeException ex) {
					problems.add(name + ": " + ex.getMessage());
				}
			}
			return new Manifests(objects, problems);
		}

		/**
		 * The versions of a custom resource that its Strimzi model serves (its
		 * {@code VERSIONS}); none for other models.
		 */
		@SuppressWarnings("unchecked")
		private static List<String> servedVersions(Class<?> model) {
			try {
				return (List<String>) model.getField("VERSIONS").get(null);
			}
			catch (NoSuchFieldException ex) {
				return List.of();
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * Records where {@code bound} (the typed object written back) lost or changed a
		 * value of {@code original}. A field the model leaves out because it holds the
		 * default (false, 0, empty) is no loss.
		 */
		private static void compare(String path, JsonNode original, JsonNode bound, List<String> changed) {
			if (original.isObject()) {
				for (Map.Entry<String, JsonNode> field : original.properties()) {
					JsonNode counterpart = bound.isObject() ? bound.get(field.getKey()) : null;
					String at = path + "/" + field.getKey();
					if (counterpart == null) {
						if (!isDefault(field.getValue())) {
							changed.add(at + " dropped");
						}
					}
					else {
						compare(at, field.getValue(), counterpart, changed);
					}
				}
			}
			else if (original.isArray()) {
				if (!bound.isArray() || bound.size() != original.size()) {
					changed.add(path + " changed");
					return;
				}
				for (int i = 0; i < original.size(); i++) {
					compare(path + "/" + i, original.get(i), bound.get(i), changed);
				}
			}
			else if (original.isNumber() && bound.isNumber()) {
				if (original.decimalValue().compareTo(bound.decimalValue()) != 0) {
					changed.add(path + " changed");
				}
			}
			else if (!original.equals(bound)) {
				changed.add(path + " changed from " + original + " to " + bound);
			}
		}

		private static boolean isDefault(JsonNode value) {
			return value.isNull() || (value.isBoolean() && !value.booleanValue())
					|| (value.isNumber() && value.decimalValue().signum() == 0)
					|| (value.isContainer() && value.isEmpty()) || (value.isString() && value.stringValue().isEmpty());
		}

		<T extends HasMetadata> List<T> all(Class<T> type) {
			return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
		}

		<T extends HasMetadata> T get(Class<T> type, String name) {
			return all(type).stream()
				.filter((object) -> object.getMetadata().getName().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name));
		}

		<T extends HasMetadata> T only(Class<T> type) {
			List<T> found = all(type);
			assertThat(found).as(type.getSimpleName()).hasSize(1);
			return found.get(0);
		}

		KafkaTopic topic(String name) {
			return all(KafkaTopic.class).stream()
				.filter((topic) -> topicName(topic).equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No KafkaTopic " + name));
		}

		/** Kafka nodes with the broker role, over all node pools. */
		int brokers() {
			return all(KafkaNodePool.class).stream()
				.filter((pool) -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
				.mapToInt((pool) -> pool.getSpec().getReplicas())
				.sum();
		}

		List<Deployment> deploymentsSelectedBy(LabelSelector selector) {
			return all(Deployment.class).stream()
				.filter((deployment) -> selects(selector, deployment.getSpec().getTemplate().getMetadata().getLabels()))
				.toList();
		}

		Optional<HorizontalPodAutoscaler> autoscalerOf(Deployment deployment) {
			return all(HorizontalPodAutoscaler.class).stream()
				.filter((hpa) -> hpa.getSpec().getScaleTargetRef().getName().equals(deployment.getMetadata().getName()))
				.findFirst();
		}

		/**
		 * The pods a Deployment runs at least: its autoscaler's minimum, or its replicas.
		 */
		int replicas(Deployment deployment) {
			return autoscalerOf(deployment).map((hpa) -> hpa.getSpec().getMinReplicas())
				.orElse(Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1));
		}

		/**
		 * The literal environment of a Deployment's container: its ConfigMaps in order,
		 * then its own values (secrets left out).
		 */
		Map<String, String> environment(Deployment deployment) {
			Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
			Map<String, String> env = new LinkedHashMap<>();
			for (EnvFromSource source : container.getEnvFrom()) {
				assertThat(source.getConfigMapRef()).as(deployment.getMetadata().getName() + " envFrom").isNotNull();
				env.putAll(get(ConfigMap.class, source.getConfigMapRef().getName()).getData());
			}
			for (EnvVar var : container.getEnv()) {
				if (var.getValue() != null) {
					env.put(var.getName(), var.getValue());
				}
			}
			return env;
		}

	}

}
