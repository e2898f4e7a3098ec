package dev.policypulse.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input catalogue in {@code docs/reliability.md} stays honest: enough
 * payloads, each with its own id, and every one pointing at a test method that exists in
 * some service's test sources.
 */
class HostileInputCatalogueTests {

	private static final Pattern ROW_ID = Pattern.compile("H\\d{2,3}");

	/** {@code Class#method} in backticks. */
	private static final Pattern TEST_REFERENCE = Pattern.compile("`([A-Z]\\w*)#(\\w+)`");

	@Test
	void catalogueHasAtLeastSixtyPayloadsWithUniqueIds() throws IOException {
		List<Row> rows = rows();
		assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
		List<String> ids = rows.stream().map(Row::id).toList();
		assertThat(ids).doesNotHaveDuplicates().allMatch((id) -> ROW_ID.matcher(id).matches());
		assertThat(rows).allSatisfy((row) -> assertThat(row.cells()).as(row.id()).allMatch((cell) -> !cell.isBlank()));
	}

	@Test
	void everyPayloadPointsAtATestMethodThatExists() throws IOException {
		Map<String, List<String>> sources = testSources();
		Set<String> missing = new TreeSet<>();
		for (Row row : rows()) {
			Matcher reference = TEST_REFERENCE.matcher(row.test());
			assertThat(reference.find()).as("%s names its test as `Class#method`: %s", row.id(), row.test()).isTrue();
			do {
				if (!declaresTestMethod(sources.get(reference.group(1)), reference.group(2))) {
					missing.add(row.id() + " " + reference.group(1) + "#" + reference.group(2));
				}
			}
			while (reference.find());
		}
		assertThat(missing).as("catalogue rows whose test method was not found").isEmpty();
	}

	@Test
	void recognisesOnlyMethodsThatAreTests() {
		String source = """
				class ExampleTests {
					@ParameterizedTest(name = "{0}")
					@CsvSource(textBlock = \"""
							a (b) | c
							\""")
					void refusesThePayload(String payload) {
					}
					@Test
					void acceptsTheRest() throws Exception {
					}
					private void helper() {
					}
				}""";
		assertThat(declaresTestMethod(List.of(source), "refusesThePayload")).isTrue();
		assertThat(declaresTestMethod(List.of(source), "acceptsTheRest")).isTrue();
		assertThat(declaresTestMethod(List.of(source), "helper")).isFalse();
		assertThat(declaresTestMethod(List.of(source), "absent")).isFalse();
		assertThat(declaresTestMethod(null, "refusesThePayload")).isFalse();
	}

	/**
	 * Whether one of the sources declares the method with {@code @Test} or
	 * {@code @ParameterizedTest} between it and the member before it.
	 */
	private static boolean declaresTestMethod(List<String> sources, String method) {
		if (sources == null) {
			return false;
		}
		Pattern declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
		for (String source : sources) {
			Matcher matcher = declaration.matcher(source);
			while (matcher.find()) {
				int at = matcher.start();
				int previous = Math.max(source.lastIndexOf("\n\t}", at),
						Math.max(source.lastIndexOf(";\n", at), source.lastIndexOf("{\n", at)));
				if (source.substring(Math.max(previous, 0), at).matches("(?s).*@(Test|ParameterizedTest)\\b.*")) {
					return true;
				}
			}
		}
		return false;
	}

	/** The catalogue's rows, read from the table under the "Hostile input" heading. */
	private static List<Row> rows() throws IOException {
		List<String> lines = Files.readAllLines(RepositoryFiles.resolve("docs/reliability.md"));
		int heading = lines.indexOf("## Hostile input");
		assertThat(heading).as("docs/reliability.md has a \"## Hostile input\" section").isNotNegative();
		List<Row> rows = new ArrayList<>();
		for (String line : lines.subList(heading + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			if (!line.startsWith("| H")) {
				continue;
			}
			List<String> cells = cells(line);
			assertThat(cells).as(line).hasSize(6);
			rows.add(new Row(cells.get(0), cells, cells.get(5)));
		}
		return rows;
	}

	/** The cells of a table row; {@code \|} is a pipe inside a cell. */
	private static List<String> cells(String line) {
		String inner = line.strip().substring(1, line.strip().length() - 1);
		List<String> cells = new ArrayList<>();
		for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
			cells.add(cell.strip());
		}
		return cells;
	}

	/**
	 * Every test source under {@code services/*}{@code /src/test/java}, by class name.
	 */
	private static Map<String, List<String>> testSources() throws IOException {
		Map<String, List<String>> sources = new HashMap<>();
		Set<Path> files = new LinkedHashSet<>();
		try (Stream<Path> walk = Files.walk(RepositoryFiles.resolve("services"))) {
			walk.filter((path) -> path.toString().endsWith(".java"))
				.filter((path) -> path.toString().replace('\\', '/').contains("/src/test/java/"))
				.forEach(files::add);
		}
		for (Path file : files) {
			String name = file.getFileName().toString();
			sources.computeIfAbsent(name.substring(0, name.length() - ".java".length()), (key) -> new ArrayList<>())
				.add(Files.readString(file));
		}
		return sources;
	}

	private record Row(String id, List<String> cells, String test) {
	}

}
