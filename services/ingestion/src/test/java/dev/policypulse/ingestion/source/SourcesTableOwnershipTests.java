package dev.policypulse.ingestion.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code sources} table belongs to the source feature: every other feature reads
 * sources through {@link SourceCatalog} and learns of changes from
 * {@link SourcesChanged}, so that the registry's rules (configuration is authoritative,
 * the private-network allowance is configuration-only) cannot be bypassed.
 */
class SourcesTableOwnershipTests {

	/**
	 * SQL keywords are written in upper case in this code base, which tells a statement
	 * from prose such as "items from sources".
	 */
	private static final Pattern SQL_ON_SOURCES = Pattern.compile("\\b(FROM|INTO|UPDATE|JOIN|TABLE)\\s+sources\\b");

	@Test
	void onlyTheSourceFeatureWritesSqlAgainstTheSourcesTable() throws IOException {
		Path main = Path.of("src/main/java/dev/policypulse/ingestion");
		Path own = main.resolve("source");
		assertThat(main).isDirectory();
		List<Path> offenders;
		try (Stream<Path> files = Files.walk(main)) {
			offenders = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.startsWith(own))
				.filter(SourcesTableOwnershipTests::mentionsTheTable)
				.toList();
		}
		assertThat(offenders).isEmpty();
	}

	@Test
	void recognisesSqlAgainstTheTable() {
		assertThat(SQL_ON_SOURCES.matcher("SELECT id FROM sources WHERE paused").find()).isTrue();
		assertThat(SQL_ON_SOURCES.matcher("UPDATE   sources SET paused = true").find()).isTrue();
		assertThat(SQL_ON_SOURCES.matcher("ALTER TABLE sources ADD COLUMN x text").find()).isTrue();
		assertThat(SQL_ON_SOURCES.matcher("polls items from sources of every kind").find()).isFalse();
		assertThat(SQL_ON_SOURCES.matcher("import dev.policypulse.ingestion.source.Source;").find()).isFalse();
		assertThat(SQL_ON_SOURCES.matcher("SELECT * FROM source_health").find()).isFalse();
	}

	private static boolean mentionsTheTable(Path file) {
		try {
			return SQL_ON_SOURCES.matcher(Files.readString(file)).find();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
