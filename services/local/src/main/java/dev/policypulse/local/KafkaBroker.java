package dev.policypulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * run from the Kafka jars on this launcher's class path. The log directory is formatted
 * on first use and kept, so topics and offsets survive a restart unless the data folder
 * is wiped.
 */
final class KafkaBroker implements AutoCloseable {

	private final ChildProcess process;

	private final String bootstrapServers;

	private KafkaBroker(ChildProcess process, String bootstrapServers) {
		this.process = process;
		this.bootstrapServers = bootstrapServers;
	}

	static KafkaBroker start(Path home, int port, int controllerPort, String classPath) {
		Path config = home.resolve("kafka");
		Path logDirs = config.resolve("data");
		Path properties = config.resolve("server.properties");
		Path logConfig = config.resolve("log4j2.properties");
		String bootstrap = "127.0.0.1:" + port;
		try {
			Files.createDirectories(logDirs);
			Files.writeString(properties, serverProperties(port, controllerPort, logDirs), StandardCharsets.UTF_8);
			try (var in = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
				Files.write(logConfig, in.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the Kafka configuration under " + config, ex);
		}
		Path log = home.resolve("logs").resolve("kafka.log");
		if (!Files.exists(logDirs.resolve("meta.properties"))) {
			List<String> format = java(classPath, logConfig, "kafka.tools.StorageTool");
			format.addAll(List.of("format", "--cluster-id", Uuid.randomUuid().toString(), "--config",
					properties.toString(), "--standalone", "--ignore-formatted"));
			int exit = ChildProcess.start("kafka-storage-format", format, log).awaitExit(Duration.ofMinutes(1));
			if (exit != 0) {
				throw new IllegalStateException("Formatting the Kafka log directory failed; see " + log);
			}
		}
		List<String> command = java(classPath, logConfig, "kafka.Kafka");
		command.add(properties.toString());
		ChildProcess process = ChildProcess.start("kafka", command, log);
		KafkaBroker broker = new KafkaBroker(process, bootstrap);
		process.awaitCondition("to accept clients on " + bootstrap, Duration.ofSeconds(90), broker::isReady);
		return broker;
	}

	private static List<String> java(String classPath, Path logConfig, String mainClass) {
		List<String> command = new ArrayList<>();
		command.add(ChildProcess.javaExecutable());
		command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
				"-Dlog4j2.configurationFile=" + logConfig.toUri(), "-cp", classPath, mainClass));
		return command;
	}

	private static String serverProperties(int port, int controllerPort, Path logDirs) {
		return String.join("\n", "# Written by the PolicyPulse local launcher on every start.",
				"process.roles=broker,controller", "node.id=1",
				"controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
				"inter.broker.listener.name=PLAINTEXT",
				"listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT", "log.dirs=" + logDirs,
				"num.partitions=3", "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
				"transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
				"share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0", "")
			.replace('\\', '/');
	}

	private boolean isReady() {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
		try (Admin admin = Admin.create(config)) {
			return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * Kills the broker at once (SIGKILL on Unix), without a controlled shutdown, and
	 * waits until it is gone.
	 */
	void kill() {
		this.process.kill();
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	ChildProcess process() {
		return this.process;
	}

	@Override
	public void close() {
		this.process.close();
	}

}
