package dev.policypulse.ingestion.feed;

import dev.policypulse.ingestion.publishing.ItemPublisher;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects polling to publishing. */
@Configuration(proxyBeanMethods = false)
class FeedConfiguration {

	@Bean
	ItemSink itemSink(ItemPublisher publisher) {
		return publisher::publish;
	}

}
