package dev.policypulse.operations;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's own files (k8s/, docs/, docker-compose.yml) from this module.
 */
final class RepositoryFiles {

	private RepositoryFiles() {
	}

	/** The repository's root: the first folder upwards that holds {@code k8s/}. */
	static Path root() {
		Path current = Path.of("").toAbsolutePath();
		while (current != null) {
			if (Files.isDirectory(current.resolve("k8s")) && Files.isRegularFile(current.resolve("pom.xml"))) {
				return current;
			}
			current = current.getParent();
		}
		throw new IllegalStateException(
				"Not inside the PolicyPulse repository: no k8s/ folder above " + Path.of("").toAbsolutePath());
	}

	static Path resolve(String relative) {
		return root().resolve(relative);
	}

}
