package dev.policypulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the local stack keeps its data and which loopback ports it uses.
 *
 * @param home folder for data and logs (git-ignored {@code .local/} in a checkout)
 * @param servicesDir the {@code services/} folder, whose modules'
 * {@code target/*-exec.jar} are run
 * @param greenMailJar the GreenMail standalone jar
 * @param kafkaClassPath the class path of the Kafka broker process (the Kafka jars and a
 * logger)
 * @param ports the ports
 * @param apiKey the API key the services expect
 * @param notifierDatabase extra notifier arguments choosing its database; empty for the
 * embedded PostgreSQL under {@code home/postgres}, and then ingestion keeps its own under
 * {@code home/ingestion-postgres} (otherwise it uses a temporary one)
 */
record LocalStackSettings(Path home, Path servicesDir, Path greenMailJar, String kafkaClassPath, Ports ports,
		String apiKey, List<String> notifierDatabase) {

	LocalStackSettings {
		if (!Files.isDirectory(servicesDir)) {
			throw new IllegalArgumentException("services folder not found: " + servicesDir);
		}
		if (!Files.isRegularFile(greenMailJar)) {
			throw new IllegalArgumentException(
					"GreenMail standalone jar not found: " + greenMailJar + " (build with ./mvnw package first)");
		}
		if (kafkaClassPath == null || !kafkaClassPath.contains("kafka_2.13")) {
			throw new IllegalArgumentException("The Kafka class path does not contain the kafka_2.13 jar");
		}
		notifierDatabase = List.copyOf(notifierDatabase);
	}

	/** Reads a class path that the build wrote to {@code file}. */
	static String readClassPath(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka class path file not found: " + file + " (build with ./mvnw package)",
					ex);
		}
	}

	/**
	 * Loopback ports of the stack.
	 *
	 * @param kafka Kafka's client listener
	 * @param kafkaController the KRaft controller listener
	 * @param smtp the mail catcher's SMTP server
	 * @param mailApi GreenMail's REST API
	 * @param inbox the launcher's inbox page and demo feed
	 * @param ingestion the ingestion service
	 * @param classifier the classifier service
	 * @param notifier the notifier service
	 */
	record Ports(int kafka, int kafkaController, int smtp, int mailApi, int inbox, int ingestion, int classifier,
			int notifier) {

		static Ports defaults() {
			return new Ports(9092, 9093, 3025, 8085, 8086, 8081, 8082, 8083);
		}

		List<Integer> all() {
			return List.of(this.kafka, this.kafkaController, this.smtp, this.mailApi, this.inbox, this.ingestion,
					this.classifier, this.notifier);
		}

	}

}
