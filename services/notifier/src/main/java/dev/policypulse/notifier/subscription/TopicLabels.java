package dev.policypulse.notifier.subscription;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import dev.policypulse.contracts.TopicCodes;

/** Names of the topic codes for subscribers, from {@code topic-labels.properties}. */
final class TopicLabels {

	/**
	 * A topic a subscriber can tick.
	 *
	 * @param code the taxonomy code
	 * @param label its name in words
	 */
	record Topic(String code, String label) {
	}

	private static final Properties LABELS = load();

	private TopicLabels() {
	}

	/** Every topic of the taxonomy, in taxonomy order. */
	static List<Topic> all() {
		return TopicCodes.all().stream().map((code) -> new Topic(code, label(code))).toList();
	}

	static String label(String code) {
		return LABELS.getProperty(code, code.replace('_', ' '));
	}

	private static Properties load() {
		Properties labels = new Properties();
		try (InputStream in = TopicLabels.class.getResourceAsStream("topic-labels.properties")) {
			if (in == null) {
				throw new IllegalStateException("topic-labels.properties is missing");
			}
			labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return labels;
	}

}
