package dev.policypulse.ingestion.item;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.ingestion.publishing.IncomingItem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Reads pushed items from JSON and checks them, the same way for the single-item endpoint
 * and for every entry of a batch.
 */
@Component
class ItemReader {

	/** Longest part of a JSON parser's message repeated in an answer. */
	private static final int MAX_MESSAGE_LENGTH = 300;

	private final JsonMapper jsonMapper;

	private final Validator validator;

	ItemReader(JsonMapper jsonMapper, Validator validator) {
		this.jsonMapper = jsonMapper;
		this.validator = validator;
	}

	/**
	 * Reads one item.
	 * @param body the request body, not empty
	 * @return the item as sent, not yet checked
	 * @throws JacksonException if the body is not JSON or not an item
	 */
	ItemRequest read(byte[] body) {
		return this.jsonMapper.readValue(body, ItemRequest.class);
	}

	/**
	 * Reads the entries of a batch: a JSON object whose {@code items} field is an array.
	 * The body is read as a stream, so that a batch with too many entries is refused once
	 * entry {@code maxItems + 1} starts, without building the rest of it.
	 * @param body the request body, not empty
	 * @param maxItems the most entries accepted
	 * @return the entries, in the order sent, each not yet read as an item
	 * @throws JacksonException if the body is not JSON
	 * @throws ErrorResponseException {@code 400} if it is not such an object or the array
	 * is empty, {@code 413} if it holds more than {@code maxItems} entries
	 */
	List<JsonNode> readBatch(byte[] body, int maxItems) {
		List<JsonNode> entries = null;
		try (JsonParser parser = this.jsonMapper.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw notABatch();
			}
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
				if (token == null) {
					throw new StreamReadException(parser, "Unexpected end of the batch object");
				}
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (!"items".equals(name)) {
					parser.skipChildren();
					continue;
				}
				if (value != JsonToken.START_ARRAY) {
					throw notABatch();
				}
				// As with a tree, the last "items" field counts.
				entries = readEntries(parser, maxItems);
			}
			if (parser.nextToken() != null) {
				throw new StreamReadException(parser, "Unexpected content after the batch object");
			}
		}
		if (entries == null) {
			throw notABatch();
		}
		if (entries.isEmpty()) {
			throw refused(HttpStatus.BAD_REQUEST, "Invalid batch", "The batch holds no items.");
		}
		return List.copyOf(entries);
	}

	private List<JsonNode> readEntries(JsonParser parser, int maxItems) {
		List<JsonNode> entries = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (token == null) {
				throw new StreamReadException(parser, "Unexpected end of the items array");
			}
			if (entries.size() == maxItems) {
				throw refused(HttpStatus.CONTENT_TOO_LARGE, "Too many items", "A batch holds at most " + maxItems
						+ " items; this one holds more. Send them in smaller batches.");
			}
			entries.add(parser.readValueAsTree());
		}
		return entries;
	}

	private static ErrorResponseException notABatch() {
		return refused(HttpStatus.BAD_REQUEST, "Invalid batch",
				"The body must be a JSON object whose \"items\" field is an array of items.");
	}

	/**
	 * Reads and checks one entry of a batch.
	 * @param entry the entry as sent
	 * @return the item to publish, or why the entry is not an item
	 */
	Checked check(JsonNode entry) {
		if (entry == null || !entry.isObject()) {
			return Checked.invalid("an item must be a JSON object");
		}
		ItemRequest request;
		try {
			request = this.jsonMapper.treeToValue(entry, ItemRequest.class);
		}
		catch (JacksonException ex) {
			return Checked.invalid(unreadable(ex));
		}
		return check(request);
	}

	/**
	 * Checks one item.
	 * @param request the item as sent
	 * @return the item to publish, or every problem with the item:
	 * {@code field: message}, sorted and separated by {@code "; "}
	 */
	Checked check(ItemRequest request) {
		List<String> problems = this.validator.validate(request).stream().map(ItemReader::describe).sorted().toList();
		return problems.isEmpty() ? new Checked(toIncoming(request), null)
				: Checked.invalid(String.join("; ", problems));
	}

	private static String describe(ConstraintViolation<ItemRequest> violation) {
		return ItemRequest.fieldName(violation.getPropertyPath().toString()) + ": " + violation.getMessage();
	}

	/** What is wrong with an entry the JSON reader could not turn into an item. */
	static String unreadable(JacksonException ex) {
		String field = ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
		String problem;
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() == String.class) {
			problem = "must be a string";
		}
		else {
			String message = String.valueOf(ex.getOriginalMessage());
			int newline = message.indexOf('\n');
			message = (newline > 0) ? message.substring(0, newline) : message;
			problem = (message.length() > MAX_MESSAGE_LENGTH) ? message.substring(0, MAX_MESSAGE_LENGTH) + "..."
					: message;
		}
		return field.isEmpty() ? problem : field + ": " + problem;
	}

	private static IncomingItem toIncoming(ItemRequest request) {
		boolean hasBody = request.body() != null && !request.body().isBlank();
		return new IncomingItem(ItemController.ORIGIN, request.sourceOrDefault(), null, request.url(), null,
				request.title(), hasBody ? null : request.html(), hasBody ? request.body() : null,
				request.publishedAtInstant(), null);
	}

	private static ErrorResponseException refused(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

	/**
	 * A pushed item ready to publish, or why it cannot be published.
	 *
	 * @param item the item, or {@code null} if it is invalid
	 * @param problem what is wrong with it, or {@code null} if it is valid
	 */
	record Checked(IncomingItem item, String problem) {

		static Checked invalid(String problem) {
			return new Checked(null, problem);
		}

		boolean valid() {
			return this.item != null;
		}

	}

}
