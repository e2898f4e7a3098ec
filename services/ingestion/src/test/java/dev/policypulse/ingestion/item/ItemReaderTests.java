package dev.policypulse.ingestion.item;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reading batches: the entries in order, and a batch over the limit refused as soon as
 * the entry past it starts, before the rest of the body is read.
 */
class ItemReaderTests {

	private final ItemReader reader = new ItemReader(JsonMapper.builder().build(), null);

	@Test
	void readsTheEntriesOfTheItemsArrayInOrderIgnoringOtherFields() {
		var entries = this.reader.readBatch(bytes("""
				{"note": {"nested": [1, 2]}, "items": [{"title": "a"}, 7, {"title": "c"}], "more": true}"""), 3);
		assertThat(entries).hasSize(3);
		assertThat(entries.get(0).get("title").asString()).isEqualTo("a");
		assertThat(entries.get(1).isNumber()).isTrue();
		assertThat(entries.get(2).get("title").asString()).isEqualTo("c");
	}

	@Test
	void refusesABatchOverTheLimitWithoutReadingPastTheFirstEntryTooMany() {
		// Everything after the third entry is not JSON: reaching it would fail
		// differently.
		byte[] body = bytes("{\"items\": [{\"title\": \"a\"}, {\"title\": \"b\"}, {\"title\": \"c\"} ### not json");
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> this.reader.readBatch(body, 2))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
	}

	@Test
	void refusesBodiesThatAreNotABatchObject() {
		for (String body : new String[] { "[{\"title\": \"a\"}]", "{\"items\": {}}", "{\"other\": []}",
				"{\"items\": []}" }) {
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> this.reader.readBatch(bytes(body), 5))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST));
		}
	}

	@Test
	void refusesTruncatedOrTrailingJsonAsUnreadable() {
		for (String body : new String[] { "{\"items\": [", "{\"items\": [{\"title\": \"a\"}]",
				"{\"items\": [1]} {}" }) {
			assertThatExceptionOfType(JacksonException.class).as(body)
				.isThrownBy(() -> this.reader.readBatch(bytes(body), 5));
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
