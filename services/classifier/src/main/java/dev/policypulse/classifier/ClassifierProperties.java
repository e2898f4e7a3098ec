package dev.policypulse.classifier;

import jakarta.validation.constraints.NotBlank;

import dev.policypulse.classifier.engine.ClassificationEngine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by the classifier's features.
 *
 * @param version the rules' version, reported as {@code classifierVersion} with every
 * verdict (default: the version of the engine's knowledge tables,
 * {@link ClassificationEngine#knowledgeVersion()}); override it only to tell a replay
 * instance's verdicts apart (docs/reclassification.md)
 */
@Validated
@ConfigurationProperties("policypulse.classifier")
public record ClassifierProperties(@NotBlank String version) {

	public ClassifierProperties {
		version = (version != null) ? version : ClassificationEngine.knowledgeVersion();
	}

}
