package dev.policypulse.ingestion.source;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class OpmlImportIntegrationTests extends SourceApiTestSupport {

	private static final MediaType OPML = MediaType.parseMediaType("text/x-opml");

	@Test
	void registersEveryFeedOnceAndReportsTheRest() throws Exception {
		long before = sourcesChangedEvents();
		this.mockMvc.perform(importOpml(Opml.document("subscriptions.opml"), OPML))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.created[*].id")
				.value(containsInAnyOrder("harbour-securities-commission-press", "banque-centrale-ile-verte",
						"markets-authority-consultations", "ledger-news-opml-import-example", "config-feed-2")))
			.andExpect(jsonPath("$.skipped", hasSize(1)))
			.andExpect(jsonPath("$.skipped[0].url").value("https://securities.opml-import.example/press.rss"))
			.andExpect(jsonPath("$.skipped[0].existingId").value("harbour-securities-commission-press"))
			.andExpect(jsonPath("$.refused", hasSize(4)))
			.andExpect(jsonPath("$.refused[0].title").value("Metadata"))
			.andExpect(jsonPath("$.refused[0].reason", containsString("169.254.169.254")))
			.andExpect(jsonPath("$.refused[1].reason", containsString("10.1.2.3")))
			.andExpect(jsonPath("$.refused[2].reason", containsString("only http and https")))
			.andExpect(jsonPath("$.refused[3].reason", containsString("not a valid URL")));
		assertThat(sourcesChangedEvents()).isEqualTo(before + 1);
		this.mockMvc.perform(getSource("/markets-authority-consultations"))
			.andExpect(jsonPath("$.origin").value("opml"))
			.andExpect(jsonPath("$.type").value("feed"))
			.andExpect(jsonPath("$.url").value("https://markets.opml-import.example/consultations.atom"))
			.andExpect(jsonPath("$.pollInterval").value("5m"))
			.andExpect(jsonPath("$.paused").value(false));
		assertThat(this.registry.activeSources()).extracting(Source::id).contains("config-feed-2");

		// The same list again: everything is there already.
		this.mockMvc.perform(importOpml(Opml.document("subscriptions.opml"), OPML))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").isEmpty())
			.andExpect(jsonPath("$.skipped", hasSize(6)))
			.andExpect(jsonPath("$.refused", hasSize(4)));
		assertThat(sourcesChangedEvents()).isEqualTo(before + 1);
	}

	@Test
	void acceptsOpmlOneAsXml() throws Exception {
		this.mockMvc.perform(importOpml(Opml.document("opml-1.0.opml"), MediaType.TEXT_XML))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created[*].id").value(containsInAnyOrder("treasury-notices", "cafe-policy-blog")));
		this.mockMvc.perform(importOpml(Opml.document("opml-1.0.opml"), MediaType.APPLICATION_XML))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.skipped", hasSize(2)));
		// Sources imported from OPML are the API's to change and remove.
		this.mockMvc.perform(putJson("/cafe-policy-blog", "{\"url\": \"https://cafe.opml-one.example/atom.xml\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.origin").value("opml"));
		this.mockMvc.perform(deleteSource("/treasury-notices")).andExpect(status().isNoContent());
	}

	@Test
	void neverFetchesAnExternalEntity() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			try (exchange) {
				requests.incrementAndGet();
				byte[] body = "Exfiltrated".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
			}
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			String generalEntity = """
					<?xml version="1.0"?>
					<!DOCTYPE opml [ <!ENTITY remote SYSTEM "%s/entity"> ]>
					<opml version="2.0"><body><outline text="&remote;" xmlUrl="https://entity.example/rss"/></body></opml>
					"""
				.formatted(base);
			String parameterEntity = """
					<?xml version="1.0"?>
					<!DOCTYPE opml [ <!ENTITY %% dtd SYSTEM "%s/dtd"> %%dtd; ]>
					<opml version="2.0"><body/></opml>
					""".formatted(base);
			String externalDtd = """
					<?xml version="1.0"?>
					<!DOCTYPE opml SYSTEM "%s/opml.dtd">
					<opml version="2.0"><body/></opml>
					""".formatted(base);
			for (String document : new String[] { generalEntity, parameterEntity, externalDtd }) {
				this.mockMvc.perform(importOpml(document.getBytes(StandardCharsets.UTF_8), OPML))
					.andExpect(status().isBadRequest())
					.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.detail", containsString("DOCTYPE")));
			}
			assertThat(requests).hasValue(0);
			assertThat(this.registry.find("entity-example")).isEmpty();
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void refusesHostileOrMalformedDocuments() throws Exception {
		long before = sourcesChangedEvents();
		for (String fixture : new String[] { "billion-laughs.opml", "xxe-file.opml" }) {
			this.mockMvc.perform(importOpml(Opml.document(fixture), OPML))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Invalid OPML document"));
		}
		this.mockMvc.perform(importOpml("<opml><body><outline".getBytes(StandardCharsets.UTF_8), OPML))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("not well-formed")));
		this.mockMvc.perform(importOpml("<rss version=\"2.0\"/>".getBytes(StandardCharsets.UTF_8), OPML))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("<rss>")));
		assertThat(this.registry.find("laughs-opml-import-example")).isEmpty();
		assertThat(sourcesChangedEvents()).isEqualTo(before);
	}

	@Test
	void refusesDocumentsOverOneMebibyte() throws Exception {
		byte[] padding = ("<opml version=\"2.0\"><body>" + "<!-- padding -->".repeat(70_000) + "</body></opml>")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(padding.length).isGreaterThan(OpmlReader.MAX_BYTES);
		this.mockMvc.perform(importOpml(padding, OPML))
			.andExpect(status().isContentTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void acceptsOnlyOpmlAndXmlMediaTypes() throws Exception {
		this.mockMvc.perform(importOpml(Opml.document("opml-1.0.opml"), MediaType.APPLICATION_JSON))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void needsTheApiKey() throws Exception {
		this.mockMvc
			.perform(post(SourceController.PATH + ":import").contentType(OPML).content(Opml.document("opml-1.0.opml")))
			.andExpect(status().isUnauthorized());
	}

	private static MockHttpServletRequestBuilder importOpml(byte[] document, MediaType type) {
		return post(SourceController.PATH + ":import").header("X-Api-Key", API_KEY).contentType(type).content(document);
	}

}
