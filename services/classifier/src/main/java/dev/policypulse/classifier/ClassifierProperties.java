package dev.policypulse.classifier;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by the classifier's features.
 *
 * @param version the rules' version, reported as {@code classifierVersion} with every
 * verdict; change it whenever the engine's resource tables change (default
 * {@code rules-1})
 */
@Validated
@ConfigurationProperties("policypulse.classifier")
public record ClassifierProperties(@NotBlank String version) {

	public ClassifierProperties {
		version = (version != null) ? version : "rules-1";
	}

}
