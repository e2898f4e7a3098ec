package dev.policypulse.support;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** API-key guard and problem+json errors for every PolicyPulse service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ApiKeyProperties.class)
public class WebSupportAutoConfiguration {

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeyProperties properties, JsonMapper jsonMapper) {
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(properties, jsonMapper));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

}
