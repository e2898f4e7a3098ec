package dev.policypulse.ingestion.item;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.policypulse.ingestion.item.BatchResult.ItemResult;
import dev.policypulse.ingestion.item.ItemReader.Checked;
import dev.policypulse.ingestion.publishing.ItemPublisher;
import dev.policypulse.ingestion.publishing.Publication;
import dev.policypulse.ingestion.publishing.PublicationFailedException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accepts items pushed by other systems, one at a time or in batches.
 * <p>
 * A new item is answered {@code 202 Accepted} once the broker has it; an item already
 * published is answered {@code 200 OK} with the same id and
 * {@code "status": "duplicate"}. A batch is answered {@code 200 OK} with a result per
 * item when every item was accepted, a duplicate or invalid, and {@code 503} with the
 * same results when some could not be handed to the broker.
 * <p>
 * Bodies are read here, within the endpoint's size limit, rather than by Spring's message
 * converters, so that an oversized body is refused before it is read and a signed body
 * (see {@link SignatureFilter}) is read exactly as it was verified.
 */
@RestController
class ItemController {

	static final String ITEM_PATH = "/api/v1/items";

	static final String BATCH_PATH = "/api/v1/items:batch";

	/** Media types such as {@code application/vnd.partner+json}, accepted like JSON. */
	private static final String JSON_SUBTYPES = "application/*+json";

	/** Tag for the metrics of pushed items, whatever {@code source} the caller names. */
	static final String ORIGIN = "webhook";

	private final ItemPublisher publisher;

	private final ItemReader reader;

	private final BatchPublisher batchPublisher;

	private final WebhookProperties properties;

	ItemController(ItemPublisher publisher, ItemReader reader, BatchPublisher batchPublisher,
			WebhookProperties properties) {
		this.publisher = publisher;
		this.reader = reader;
		this.batchPublisher = batchPublisher;
		this.properties = properties;
	}

	@PostMapping(path = ITEM_PATH, consumes = { MediaType.APPLICATION_JSON_VALUE, JSON_SUBTYPES })
	ResponseEntity<ItemResponse> receive(HttpServletRequest request) throws IOException {
		byte[] body = RequestBodies.read(request, this.properties.maxItemSize());
		ItemRequest item;
		try {
			item = isBlank(body) ? null : this.reader.read(body);
		}
		catch (JacksonException ex) {
			throw unreadable(request, ex);
		}
		if (item == null) {
			throw unreadable(request, null);
		}
		Checked checked = this.reader.check(item);
		if (!checked.valid()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, checked.problem());
			problem.setTitle("Invalid item");
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		Publication publication = this.publisher.publish(checked.item());
		return switch (publication.outcome()) {
			case PUBLISHED -> ResponseEntity.accepted().body(new ItemResponse(publication.id(), "accepted"));
			case DUPLICATE -> ResponseEntity.ok(new ItemResponse(publication.id(), "duplicate"));
		};
	}

	@PostMapping(path = BATCH_PATH, consumes = { MediaType.APPLICATION_JSON_VALUE, JSON_SUBTYPES })
	ResponseEntity<Object> receiveBatch(HttpServletRequest request) throws IOException {
		byte[] body = RequestBodies.read(request, this.properties.maxBatchSize());
		if (isBlank(body)) {
			throw unreadable(request, null);
		}
		List<JsonNode> entries;
		try {
			entries = this.reader.readBatch(body, this.properties.maxBatchItems());
		}
		catch (JacksonException ex) {
			throw unreadable(request, ex);
		}
		List<ItemResult> results = this.batchPublisher.publish(entries.stream().map(this.reader::check).toList());
		BatchResult batch = BatchResult.of(results);
		if (batch.complete()) {
			return ResponseEntity.ok(batch);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				batch.totals().failed() + " of " + batch.totals().received()
						+ " items could not be handed to the broker; send those again later."
						+ " Each item's result says what became of it.");
		problem.setTitle("Batch not fully accepted");
		problem.setProperty("results", batch.results());
		problem.setProperty("totals", batch.totals());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(PublicationFailedException.class)
	ProblemDetail notPublished(PublicationFailedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The item could not be handed to the broker; send it again later.");
		problem.setTitle("Item not accepted yet");
		return problem;
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Hands a body the JSON reader refused to the shared error handling, which answers it
	 * like any unreadable body.
	 */
	private static HttpMessageNotReadableException unreadable(HttpServletRequest request, JacksonException cause) {
		return new HttpMessageNotReadableException("The request body could not be read", cause,
				new ServletServerHttpRequest(request));
	}

	/**
	 * The answer to a pushed item.
	 *
	 * @param id the item's stable id
	 * @param status {@code accepted} or {@code duplicate}
	 */
	record ItemResponse(String id, String status) {

	}

}
