package dev.policypulse.support;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The PostgreSQL server a service starts for itself when no {@code spring.datasource.url}
 * is configured, so that a local run needs no setup.
 *
 * @param dataDirectory where the database files live; when set they survive restarts,
 * otherwise a temporary directory is used and removed on shutdown
 * @param port the port to listen on, {@code 0} (the default) for any free one
 */
@Validated
@ConfigurationProperties("policypulse.embedded-postgres")
public record EmbeddedPostgresProperties(Path dataDirectory, @Min(0) @Max(65535) Integer port) {

	public EmbeddedPostgresProperties {
		port = (port != null) ? port : 0;
	}

}
