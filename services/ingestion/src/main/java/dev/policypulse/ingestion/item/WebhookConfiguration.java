package dev.policypulse.ingestion.item;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.support.SignedRequests;
import dev.policypulse.support.WebSupportAutoConfiguration;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets machine senders sign their pushes instead of sending the API key: the item
 * endpoints accept a verified signature in place of the key, and the filter that verifies
 * it runs just before the API-key guard.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WebhookConfiguration.class);

	private static final List<String> SIGNED_PATHS = List.of(ItemController.ITEM_PATH, ItemController.BATCH_PATH);

	@Bean
	SignedRequests signedRequests() {
		return new SignedRequests(SIGNED_PATHS);
	}

	@Bean
	FilterRegistrationBean<SignatureFilter> signatureFilter(WebhookProperties properties, SignedRequests signedRequests,
			JsonMapper jsonMapper, MeterRegistry meterRegistry) {
		if (properties.signaturesAccepted()) {
			logger.info("Signed pushes to {} are accepted ({} secret{})", SIGNED_PATHS,
					(properties.previousSecret() != null) ? 2 : 1, (properties.previousSecret() != null) ? "s" : "");
		}
		else {
			logger.info("Signed pushes are refused: policypulse.ingestion.webhook.secret is not set");
		}
		SignatureFilter filter = new SignatureFilter(new WebhookSignatures(properties, Clock.systemUTC()), properties,
				signedRequests, jsonMapper, meterRegistry);
		FilterRegistrationBean<SignatureFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(SIGNED_PATHS.toArray(String[]::new));
		registration.setOrder(WebSupportAutoConfiguration.API_KEY_FILTER_ORDER - 1);
		return registration;
	}

}
