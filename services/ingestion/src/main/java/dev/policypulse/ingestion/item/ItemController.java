package dev.policypulse.ingestion.item;

import java.util.stream.Collectors;

import jakarta.validation.Valid;

import dev.policypulse.ingestion.publishing.IncomingItem;
import dev.policypulse.ingestion.publishing.ItemPublisher;
import dev.policypulse.ingestion.publishing.Publication;
import dev.policypulse.ingestion.publishing.PublicationFailedException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accepts items pushed by other systems. A new item is answered {@code 202 Accepted} once
 * the broker has it; an item already published is answered {@code 200 OK} with the same
 * id and {@code "status": "duplicate"}.
 */
@RestController
@RequestMapping("/api/v1/items")
class ItemController {

	/** Tag for the metrics of pushed items, whatever {@code source} the caller names. */
	static final String ORIGIN = "webhook";

	private final ItemPublisher publisher;

	ItemController(ItemPublisher publisher) {
		this.publisher = publisher;
	}

	@PostMapping
	ResponseEntity<ItemResponse> receive(@Valid @RequestBody ItemRequest request) {
		boolean hasBody = request.body() != null && !request.body().isBlank();
		Publication publication = this.publisher.publish(new IncomingItem(ORIGIN, request.sourceOrDefault(), null,
				request.url(), null, request.title(), hasBody ? null : request.html(), hasBody ? request.body() : null,
				request.publishedAtInstant(), null));
		return switch (publication.outcome()) {
			case PUBLISHED -> ResponseEntity.accepted().body(new ItemResponse(publication.id(), "accepted"));
			case DUPLICATE -> ResponseEntity.ok(new ItemResponse(publication.id(), "duplicate"));
		};
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalid(MethodArgumentNotValidException ex) {
		String detail = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map((error) -> (error instanceof FieldError field)
					? ItemRequest.fieldName(field.getField()) + ": " + field.getDefaultMessage()
					: error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid item");
		return problem;
	}

	@ExceptionHandler(PublicationFailedException.class)
	ProblemDetail notPublished(PublicationFailedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The item could not be handed to the broker; send it again later.");
		problem.setTitle("Item not accepted yet");
		return problem;
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
