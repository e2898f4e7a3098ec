package dev.policypulse.ingestion.source;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SourceApiIntegrationTests extends SourceApiTestSupport {

	@Test
	void appliesConfiguredSourcesAtStartUp() throws Exception {
		this.mockMvc.perform(getSource("/config-feed"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("feed"))
			.andExpect(jsonPath("$.url").value("https://regulator.example/news.rss"))
			.andExpect(jsonPath("$.pollInterval").value("1h"))
			.andExpect(jsonPath("$.paused").value(false))
			.andExpect(jsonPath("$.allowPrivateNetwork").value(false))
			.andExpect(jsonPath("$.origin").value("config"))
			.andExpect(jsonPath("$.createdAt", containsString("T")));
		this.mockMvc.perform(getSource("/config-page"))
			.andExpect(jsonPath("$.type").value("page"))
			.andExpect(jsonPath("$.itemSelector").value("ul.releases a[href]"))
			.andExpect(jsonPath("$.paused").value(true));
		this.mockMvc.perform(getSource("/internal-feed")).andExpect(jsonPath("$.allowPrivateNetwork").value(true));
		assertThat(this.registry.activeSources()).extracting(Source::id)
			.contains("config-feed", "internal-feed")
			.doesNotContain("config-page");
	}

	@Test
	void needsTheApiKey() throws Exception {
		this.mockMvc.perform(get(SourceController.PATH))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mockMvc.perform(get(SourceController.PATH + "/config-feed:pause").header("X-Api-Key", "wrong"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void listsEverySourceOncePageByPageInIdOrder() throws Exception {
		for (String id : List.of("list-c", "list-a", "list-b.2", "list-b-1", "list-b_3")) {
			this.mockMvc.perform(postJson("", feed(id, "https://list.example/" + id))).andExpect(status().isCreated());
		}
		MvcResult first = this.mockMvc.perform(getSource("").param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(2))
			.andReturn();
		int total = JsonPath.read(first.getResponse().getContentAsString(), "$.totalItems");
		int pages = JsonPath.read(first.getResponse().getContentAsString(), "$.totalPages");
		assertThat(pages).isEqualTo((total + 1) / 2);
		List<String> ids = new ArrayList<>();
		for (int page = 0; page < pages; page++) {
			String body = this.mockMvc.perform(getSource("").param("page", String.valueOf(page)).param("size", "2"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			List<String> onPage = JsonPath.read(body, "$.items[*].id");
			assertThat(onPage).hasSizeBetween(1, 2);
			ids.addAll(onPage);
		}
		assertThat(ids).hasSize(total).doesNotHaveDuplicates().isSortedAccordingTo(String::compareTo);
		assertThat(ids).containsSubsequence("list-a", "list-b-1", "list-b.2", "list-b_3", "list-c");
		this.mockMvc.perform(getSource("").param("page", String.valueOf(pages)).param("size", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isEmpty());
		this.mockMvc.perform(getSource(""))
			.andExpect(jsonPath("$.size").value(50))
			.andExpect(jsonPath("$.items[*].id", hasItem("config-feed")));
		this.mockMvc.perform(getSource("").param("size", "500")).andExpect(status().isOk());
	}

	@ParameterizedTest
	@ValueSource(strings = { "size=0", "size=501", "page=-1", "page=two", "size=1.5" })
	void refusesPagingOutsideItsBounds(String parameter) throws Exception {
		String[] nameAndValue = parameter.split("=");
		this.mockMvc.perform(getSource("").param(nameAndValue[0], nameAndValue[1]))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid request"))
			.andExpect(jsonPath("$.errors[0].field").value(nameAndValue[0]))
			.andExpect(jsonPath("$.detail", containsString(nameAndValue[0] + ": ")));
	}

	@Test
	void createsASourceAndTellsWhereItIs() throws Exception {
		long before = sourcesChangedEvents();
		this.mockMvc.perform(postJson("", """
				{"id": "central-bank-press", "type": "page", "url": " https://central-bank.example/press ",
				 "itemSelector": "article h2 a", "pollInterval": "PT30M"}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", endsWith("/api/v1/sources/central-bank-press")))
			.andExpect(jsonPath("$.id").value("central-bank-press"))
			.andExpect(jsonPath("$.url").value("https://central-bank.example/press"))
			.andExpect(jsonPath("$.pollInterval").value("30m"))
			.andExpect(jsonPath("$.origin").value("api"));
		this.mockMvc.perform(getSource("/central-bank-press"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("page"))
			.andExpect(jsonPath("$.itemSelector").value("article h2 a"))
			.andExpect(jsonPath("$.paused").value(false));
		assertThat(sourcesChangedEvents()).isEqualTo(before + 1);
		assertThat(this.registry.activeSources()).extracting(Source::id).contains("central-bank-press");
	}

	@Test
	void createsFeedsWithDefaultTypeAndInterval() throws Exception {
		this.mockMvc.perform(postJson("", "{\"id\": \"defaults\", \"url\": \"https://defaults.example/rss\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.type").value("feed"))
			.andExpect(jsonPath("$.pollInterval").value("5m"))
			.andExpect(jsonPath("$.itemSelector").value(nullValue()));
	}

	@Test
	void refusesASecondSourceWithTheSameId() throws Exception {
		this.mockMvc.perform(postJson("", feed("twice", "https://twice.example/a"))).andExpect(status().isCreated());
		long before = sourcesChangedEvents();
		this.mockMvc.perform(postJson("", feed("twice", "https://twice.example/b")))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("'twice'")));
		this.mockMvc.perform(postJson("", feed("config-feed", "https://twice.example/c")))
			.andExpect(status().isConflict());
		this.mockMvc.perform(getSource("/twice")).andExpect(jsonPath("$.url").value("https://twice.example/a"));
		assertThat(sourcesChangedEvents()).isEqualTo(before);
	}

	@Test
	void namesEveryInvalidField() throws Exception {
		this.mockMvc.perform(postJson("", """
				{"id": "Bad Id", "type": "podcast", "url": "not a url", "pollInterval": "10",
				 "allowPrivateNetwork": true}"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid source"))
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.contains("id", "type", "url", "pollInterval", "allowPrivateNetwork")))
			.andExpect(jsonPath("$.detail", containsString("allowPrivateNetwork: can only be given in configuration")));
		this.mockMvc
			.perform(postJson("", "{\"id\": \"no-selector\", \"type\": \"page\", \"url\": \"https://a.example/\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("itemSelector"));
		this.mockMvc.perform(postJson("", """
				{"id": "bad-selector", "type": "page", "url": "https://a.example/", "itemSelector": "a[href"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message", containsString("not a valid CSS selector")));
		this.mockMvc.perform(postJson("", """
				{"id": "feed-with-selector", "url": "https://a.example/", "itemSelector": "a"}"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("itemSelector"));
		this.mockMvc
			.perform(
					postJson("", "{\"id\": \"too-often\", \"url\": \"https://a.example/\", \"pollInterval\": \"30s\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("pollInterval"))
			.andExpect(jsonPath("$.errors[0].message").value("must be at least 1m"));
		for (String absurd : new String[] { "PT9223372036854775807S", "31d", "999999999d" }) {
			this.mockMvc
				.perform(postJson("",
						"{\"id\": \"too-rarely\", \"url\": \"https://a.example/\", \"pollInterval\": \"" + absurd
								+ "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("pollInterval"));
		}
		this.mockMvc.perform(postJson("", "{\"url\": \"https://a.example/\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		this.mockMvc.perform(postJson("", "{\"id\": \"x\","))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(this.registry.find("no-selector")).isEmpty();
	}

	/**
	 * Loopback, private, shared, link-local and unspecified hosts in any notation, local
	 * names, and schemes other than http(s): each refused with the reason, nothing
	 * registered.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/feed", "http://2130706433/feed", "http://0x7f000001/feed",
			"http://0177.0.0.1/feed", "http://127.1/feed", "http://[::1]/feed", "http://[::ffff:127.0.0.1]/feed",
			"http://[0:0:0:0:0:ffff:7f00:1]/feed", "http://169.254.169.254/latest/meta-data/",
			"http://[fd00:ec2::254]/latest/meta-data/", "http://10.0.0.1/feed", "http://192.168.1.1/feed",
			"http://172.16.0.1/feed", "http://0.0.0.0/feed", "http://0/feed", "http://[::]/feed",
			"http://100.64.0.1/feed", "http://localhost/feed", "http://localhost./feed", "http://127.0.0.1./feed",
			"http://LOCALHOST:8081/api/v1/items", "http://feeds.localhost/rss", "http://printer.local/rss",
			"http://metadata.google.internal/", "http://user:secret@regulator.example/feed", "file:///etc/passwd",
			"gopher://regulator.example:70/1", "jar:file:/tmp/feeds.jar!/feed.xml", "ftp://regulator.example/feed.xml",
			"ldap://regulator.example/", "data:text/xml,<rss/>", "//regulator.example/feed" })
	void refusesTargetsOutsideThePublicInternet(String url) throws Exception {
		long before = sourcesChangedEvents();
		this.mockMvc.perform(postJson("", feed("ssrf-probe", url)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("url"))
			.andExpect(jsonPath("$.errors[0].message", not(org.hamcrest.Matchers.emptyString())))
			.andExpect(jsonPath("$.detail", containsString("url: ")));
		assertThat(this.registry.find("ssrf-probe")).isEmpty();
		assertThat(sourcesChangedEvents()).isEqualTo(before);
	}

	@Test
	void refusesAPrivateTargetOnUpdateToo() throws Exception {
		this.mockMvc.perform(postJson("", feed("moves-inside", "https://outside.example/rss")))
			.andExpect(status().isCreated());
		this.mockMvc.perform(putJson("/moves-inside", "{\"url\": \"http://169.254.169.254/latest/\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("url"))
			.andExpect(jsonPath("$.errors[0].message", containsString("169.254.169.254")));
		this.mockMvc.perform(getSource("/moves-inside"))
			.andExpect(jsonPath("$.url").value("https://outside.example/rss"));
	}

	@Test
	void replacesTheDefinitionOfASourceCreatedThroughTheApi() throws Exception {
		this.mockMvc.perform(postJson("", feed("to-update", "https://update.example/old.rss")))
			.andExpect(status().isCreated());
		this.mockMvc.perform(postAction("/to-update:pause")).andExpect(status().isOk());
		long before = sourcesChangedEvents();
		// The body of a GET can be sent back: fields that cannot be set are ignored.
		this.mockMvc.perform(putJson("/to-update", """
				{"id": "to-update", "type": "page", "url": "https://update.example/news", "itemSelector": ".news a",
				 "pollInterval": "2h", "origin": "api", "createdAt": "2020-01-01T00:00:00Z"}"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("page"))
			.andExpect(jsonPath("$.url").value("https://update.example/news"))
			.andExpect(jsonPath("$.itemSelector").value(".news a"))
			.andExpect(jsonPath("$.pollInterval").value("2h"))
			.andExpect(jsonPath("$.paused").value(true))
			.andExpect(jsonPath("$.origin").value("api"));
		assertThat(sourcesChangedEvents()).isEqualTo(before + 1);
		this.mockMvc.perform(putJson("/to-update", "{\"url\": \"https://update.example/rss\", \"paused\": false}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("feed"))
			.andExpect(jsonPath("$.itemSelector").value(nullValue()))
			.andExpect(jsonPath("$.pollInterval").value("5m"))
			.andExpect(jsonPath("$.paused").value(false));
	}

	@Test
	void keepsTheIdOfASource() throws Exception {
		this.mockMvc.perform(postJson("", feed("fixed-id", "https://fixed.example/rss")))
			.andExpect(status().isCreated());
		this.mockMvc.perform(putJson("/fixed-id", feed("other-id", "https://fixed.example/rss")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		assertThat(this.registry.find("other-id")).isEmpty();
	}

	@Test
	void pausesAndResumesAnySource() throws Exception {
		long before = sourcesChangedEvents();
		this.mockMvc.perform(postAction("/internal-feed:pause"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paused").value(true))
			.andExpect(jsonPath("$.origin").value("config"));
		assertThat(this.registry.activeSources()).extracting(Source::id).doesNotContain("internal-feed");
		assertThat(sourcesChangedEvents()).isEqualTo(before + 1);
		// Pausing again changes nothing and announces nothing.
		this.mockMvc.perform(postAction("/internal-feed:pause")).andExpect(jsonPath("$.paused").value(true));
		assertThat(sourcesChangedEvents()).isEqualTo(before + 1);
		this.mockMvc.perform(postAction("/internal-feed:resume"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paused").value(false));
		assertThat(this.registry.activeSources()).extracting(Source::id).contains("internal-feed");
		assertThat(sourcesChangedEvents()).isEqualTo(before + 2);
	}

	@Test
	void leavesConfiguredSourcesToConfiguration() throws Exception {
		this.mockMvc.perform(putJson("/config-feed", "{\"url\": \"https://elsewhere.example/rss\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("defined in configuration")));
		this.mockMvc.perform(deleteSource("/config-feed"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("policypulse.ingestion.sources")));
		this.mockMvc.perform(getSource("/config-feed"))
			.andExpect(jsonPath("$.url").value("https://regulator.example/news.rss"));
	}

	@Test
	void deletesASourceCreatedThroughTheApi() throws Exception {
		this.mockMvc.perform(postJson("", feed("short-lived", "https://short.example/rss")))
			.andExpect(status().isCreated());
		long before = sourcesChangedEvents();
		this.mockMvc.perform(deleteSource("/short-lived")).andExpect(status().isNoContent());
		this.mockMvc.perform(getSource("/short-lived")).andExpect(status().isNotFound());
		this.mockMvc.perform(deleteSource("/short-lived")).andExpect(status().isNotFound());
		assertThat(this.registry.activeSources()).extracting(Source::id).doesNotContain("short-lived");
		assertThat(sourcesChangedEvents()).isEqualTo(before + 1);
	}

	@Test
	void answersNotFoundForAnUnknownSource() throws Exception {
		for (var request : List.of(getSource("/nobody"), getSource("/nobody/health"), postAction("/nobody:pause"),
				postAction("/nobody:resume"), deleteSource("/nobody"),
				putJson("/nobody", feed("nobody", "https://a.example/")))) {
			this.mockMvc.perform(request)
				.andExpect(status().isNotFound())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail", containsString("'nobody'")));
		}
	}

	@Test
	void reportsUnknownHealthForASourceNotPolledYet() throws Exception {
		// Paused at once, so that no poll can report on it during the test.
		this.mockMvc.perform(postJson("", """
				{"id": "not-polled", "url": "https://not-polled.example/rss", "paused": true}"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.paused").value(true));
		this.mockMvc.perform(getSource("/not-polled/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sourceId").value("not-polled"))
			.andExpect(jsonPath("$.status").value("unknown"))
			.andExpect(jsonPath("$.consecutiveFailures").value(0));
	}

}
