package dev.policypulse.ingestion.source;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import dev.policypulse.ingestion.health.SourceHealth;
import dev.policypulse.ingestion.health.SourceHealthView;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Lists, creates, changes, pauses and removes sources. Sources defined in configuration
 * or by the shipped public list can be paused and resumed here, but are changed where
 * they are defined.
 */
@RestController
@RequestMapping(SourceController.PATH)
class SourceController {

	static final String PATH = "/api/v1/sources";

	static final int DEFAULT_PAGE_SIZE = 50;

	static final int MAX_PAGE_SIZE = 500;

	private final SourceRegistry registry;

	private final ObjectProvider<SourceHealthView> healthView;

	/**
	 * @param healthView how sources have been doing; without one, every source's health
	 * is unknown
	 */
	SourceController(SourceRegistry registry, ObjectProvider<SourceHealthView> healthView) {
		this.registry = registry;
		this.healthView = healthView;
	}

	@GetMapping
	SourceList list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size) {
		if (page < 0) {
			throw new InvalidRequestException("request", List.of(new FieldProblem("page", "must be 0 or more")));
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidRequestException("request",
					List.of(new FieldProblem("size", "must be between 1 and " + MAX_PAGE_SIZE)));
		}
		SourceRegistry.SourcePage found = this.registry.list(page, size);
		return new SourceList(found.sources().stream().map(SourceResponse::of).toList(), page, size, found.total(),
				(found.total() + size - 1) / size);
	}

	@GetMapping("/{id}")
	SourceResponse get(@PathVariable String id) {
		return this.registry.find(id).map(SourceResponse::of).orElseThrow(() -> new SourceNotFoundException(id));
	}

	@PostMapping
	ResponseEntity<SourceResponse> create(@RequestBody SourceRequest request) {
		RegisteredSource created = this.registry.create(request.toNewSource(), Origin.API);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(created.source().id())
			.toUri();
		return ResponseEntity.created(location).body(SourceResponse.of(created));
	}

	@PutMapping("/{id}")
	SourceResponse update(@PathVariable String id, @RequestBody SourceRequest request) {
		// An unknown or configured source is reported as such before the body is judged.
		RegisteredSource current = this.registry.find(id).orElseThrow(() -> new SourceNotFoundException(id));
		if (!current.origin().isEditableThroughApi()) {
			throw new SourceNotEditableException(id, current.origin());
		}
		return SourceResponse.of(this.registry.update(id, request.toReplacement(id), request.paused()));
	}

	@PostMapping("/{id}:pause")
	SourceResponse pause(@PathVariable String id) {
		return SourceResponse.of(this.registry.setPaused(id, true));
	}

	@PostMapping("/{id}:resume")
	SourceResponse resume(@PathVariable String id) {
		return SourceResponse.of(this.registry.setPaused(id, false));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		this.registry.delete(id);
		return ResponseEntity.noContent().build();
	}

	/**
	 * The health of a registered source; {@code unknown} until it has been polled.
	 */
	@GetMapping("/{id}/health")
	SourceHealth health(@PathVariable String id) {
		if (this.registry.find(id).isEmpty()) {
			throw new SourceNotFoundException(id);
		}
		return Optional.ofNullable(this.healthView.getIfAvailable())
			.flatMap((view) -> view.health(id))
			.orElseGet(() -> new SourceHealth(id, "unknown", null, null, null, 0, null, 0));
	}

	/**
	 * One page of sources, in the order of their ids.
	 *
	 * @param items the sources on this page
	 * @param page this page, from 0
	 * @param size the most sources on a page
	 * @param totalItems the number of sources in all
	 * @param totalPages the number of pages
	 */
	record SourceList(List<SourceResponse> items, int page, int size, long totalItems, long totalPages) {

	}

}
