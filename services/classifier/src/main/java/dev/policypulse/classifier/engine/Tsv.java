package dev.policypulse.classifier.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the engine's tab-separated resource tables; {@code #} starts a comment line. */
final class Tsv {

	private Tsv() {
	}

	static List<String[]> read(String name, int minColumns) {
		List<String[]> rows = new ArrayList<>();
		try (InputStream in = Tsv.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Classifier resource " + name + " is missing");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			int lineNumber = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lineNumber++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] columns = line.split("\t");
				if (columns.length < minColumns) {
					throw new IllegalStateException(name + ":" + lineNumber + ": expected " + minColumns
							+ " tab-separated columns, got '" + line + "'");
				}
				for (int i = 0; i < columns.length; i++) {
					columns[i] = columns[i].strip();
				}
				rows.add(columns);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

}
