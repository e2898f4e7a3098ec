package dev.policypulse.ingestion.source;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * One application context, with its own embedded PostgreSQL and three configured sources,
 * shared by the tests of the source API. No broker is needed: nothing here publishes, and
 * the start-up read of published ids is off. Tests use ids of their own, as they share
 * the registry.
 */
@SpringBootTest(properties = { "policypulse.api.key=" + SourceApiTestSupport.API_KEY,
		"policypulse.ingestion.publishing.seed-timeout=0", "spring.kafka.admin.auto-create=false",
		"spring.kafka.bootstrap-servers=127.0.0.1:9", "policypulse.ingestion.sources[0].id=config-feed",
		"policypulse.ingestion.sources[0].url=https://regulator.example/news.rss",
		"policypulse.ingestion.sources[0].poll-interval=1h", "policypulse.ingestion.sources[1].id=config-page",
		"policypulse.ingestion.sources[1].type=page", "policypulse.ingestion.sources[1].url=https://bank.example/press",
		"policypulse.ingestion.sources[1].item-selector=ul.releases a[href]",
		"policypulse.ingestion.sources[1].paused=true", "policypulse.ingestion.sources[2].id=internal-feed",
		"policypulse.ingestion.sources[2].url=http://127.0.0.1:9/feed.xml",
		"policypulse.ingestion.sources[2].allow-private-network=true",
		"policypulse.ingestion.sources[2].poll-interval=1h" })
@AutoConfigureMockMvc
@RecordApplicationEvents
abstract class SourceApiTestSupport {

	static final String API_KEY = "source-api-key";

	@Autowired
	MockMvc mockMvc;

	@Autowired
	SourceRegistry registry;

	@Autowired
	ApplicationEvents events;

	static MockHttpServletRequestBuilder getSource(String path) {
		return get(SourceController.PATH + path).header("X-Api-Key", API_KEY);
	}

	static MockHttpServletRequestBuilder postJson(String path, String json) {
		return post(SourceController.PATH + path).header("X-Api-Key", API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json);
	}

	static MockHttpServletRequestBuilder putJson(String path, String json) {
		return put(SourceController.PATH + path).header("X-Api-Key", API_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json);
	}

	static MockHttpServletRequestBuilder postAction(String path) {
		return post(SourceController.PATH + path).header("X-Api-Key", API_KEY);
	}

	static MockHttpServletRequestBuilder deleteSource(String path) {
		return delete(SourceController.PATH + path).header("X-Api-Key", API_KEY);
	}

	static String feed(String id, String url) {
		return "{\"id\": \"" + id + "\", \"type\": \"feed\", \"url\": \"" + url + "\"}";
	}

	long sourcesChangedEvents() {
		return this.events.stream(SourcesChanged.class).count();
	}

}
