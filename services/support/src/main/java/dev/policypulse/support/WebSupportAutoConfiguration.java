package dev.policypulse.support;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
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

	/**
	 * Order of the API-key guard among the servlet filters; a filter that verifies
	 * signatures for {@link SignedRequests} must come before it.
	 */
	public static final int API_KEY_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final Log logger = LogFactory.getLog(WebSupportAutoConfiguration.class);

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeyProperties properties, JsonMapper jsonMapper,
			ObjectProvider<SignedRequests> signedRequests) {
		if (ApiKeyProperties.LOCAL_DEFAULT.equals(properties.key())) {
			logger.warn("The API is guarded by the local default key '" + ApiKeyProperties.LOCAL_DEFAULT
					+ "'; set POLICYPULSE_API_KEY anywhere but on your own machine");
		}
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(properties, jsonMapper, signedRequests.getIfAvailable()));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(API_KEY_FILTER_ORDER);
		return registration;
	}

	@Bean
	ProblemDetailsAdvice problemDetailsAdvice() {
		return new ProblemDetailsAdvice();
	}

}
