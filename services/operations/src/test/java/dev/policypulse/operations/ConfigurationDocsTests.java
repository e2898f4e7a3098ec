package dev.policypulse.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} names every setting of every service: each component of
 * each {@code @ConfigurationProperties} record, as its property
 * ({@code prefix.kebab-name}), or as the start of documented nested ones
 * ({@code policypulse.ingestion.sources[n].url}).
 */
class ConfigurationDocsTests {

	private static final Pattern PROPERTIES_RECORD = Pattern
		.compile("@ConfigurationProperties\\(\"([a-z.-]+)\"\\)\\s*(?:public\\s+)?record\\s+\\w+\\(");

	@Test
	void everySettingOfEveryServiceIsDocumented() throws IOException {
		String docs = Files.readString(RepositoryFiles.resolve("docs/configuration.md"));
		Map<String, String> settings = settings();
		assertThat(settings).as("settings found in the services' code").hasSizeGreaterThan(40);
		Map<String, String> undocumented = new TreeMap<>();
		settings.forEach((property, source) -> {
			if (!Pattern.compile("`" + Pattern.quote(property) + "[`.\\[ ]").matcher(docs).find()) {
				undocumented.put(property, source);
			}
		});
		assertThat(undocumented).as("settings missing from docs/configuration.md").isEmpty();
	}

	@Test
	void readsTheComponentsOfARecordWithAnnotatedAndGenericTypes() {
		assertThat(components("""
				@NotNull @DurationMin(millis = 1) Duration interval, @Min(1) Integer batchSize,
				List<@Valid Source> sources, Map<String, Integer> perHostLimits) {""")).containsExactly("interval",
				"batchSize", "sources", "perHostLimits");
		assertThat(kebab("maxBackOff")).isEqualTo("max-back-off");
	}

	/** Each property of the services' settings, with the file that declares it. */
	private static Map<String, String> settings() throws IOException {
		Path root = RepositoryFiles.root();
		Map<String, String> settings = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root.resolve("services"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".java"))
				.filter((path) -> path.toString().contains("/src/main/java/"))
				.toList()) {
				String source = Files.readString(file);
				Matcher record = PROPERTIES_RECORD.matcher(source);
				while (record.find()) {
					for (String component : components(source.substring(record.end()))) {
						settings.put(record.group(1) + "." + kebab(component), root.relativize(file).toString());
					}
				}
			}
		}
		return settings;
	}

	/**
	 * The component names of a record header, read from just after its opening
	 * parenthesis: split at the commas outside parentheses and angle brackets, each name
	 * being the last word of its part.
	 */
	static List<String> components(String header) {
		List<String> names = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		int parentheses = 0;
		int angles = 0;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == ')' && parentheses == 0) {
				break;
			}
			parentheses += (c == '(') ? 1 : (c == ')') ? -1 : 0;
			angles += (c == '<') ? 1 : (c == '>') ? -1 : 0;
			if (c == ',' && parentheses == 0 && angles == 0) {
				names.add(lastWord(part));
				part.setLength(0);
			}
			else {
				part.append(c);
			}
		}
		names.add(lastWord(part));
		names.removeIf(String::isEmpty);
		return names;
	}

	static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static String lastWord(CharSequence part) {
		String[] words = part.toString().strip().split("\\s+");
		return words[words.length - 1];
	}

}
