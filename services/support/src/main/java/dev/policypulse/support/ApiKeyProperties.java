package dev.policypulse.support;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The API key that guards a service's {@code /api/**} endpoints.
 *
 * @param key the expected value of the {@code X-Api-Key} header; set it with the
 * environment variable {@code POLICYPULSE_API_KEY}. Defaults to {@code local-dev-key} for
 * local runs.
 * @param publicPaths Ant-style paths under {@code /api/} that need no key, such as the
 * links in emails
 */
@Validated
@ConfigurationProperties("policypulse.api")
public record ApiKeyProperties(@NotBlank String key, @NotNull List<String> publicPaths) {

	/** The key a local run uses when none is configured. */
	public static final String LOCAL_DEFAULT = "local-dev-key";

	public ApiKeyProperties {
		key = (key != null) ? key : LOCAL_DEFAULT;
		publicPaths = (publicPaths != null) ? List.copyOf(publicPaths) : List.of();
	}

}
