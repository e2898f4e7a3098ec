package dev.policypulse.ingestion.source;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Problem details for the source API. Invalid input names every wrong field in
 * {@code detail} and in an {@code errors} list of {@code field} and {@code message}.
 * Ordered ahead of the shared advice.
 */
@RestControllerAdvice(assignableTypes = { SourceController.class, OpmlImportController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class SourceErrors {

	@ExceptionHandler(InvalidRequestException.class)
	ProblemDetail invalid(InvalidRequestException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle(ex.title());
		problem.setProperty("errors", ex.problems());
		return problem;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail mismatch(MethodArgumentTypeMismatchException ex) {
		String message = "must be a whole number";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid request: " + ex.getName() + ": " + message + ".");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(new FieldProblem(ex.getName(), message)));
		return problem;
	}

	@ExceptionHandler(SourceNotFoundException.class)
	ProblemDetail notFound(SourceNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Source not found");
		return problem;
	}

	@ExceptionHandler(SourceExistsException.class)
	ProblemDetail exists(SourceExistsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Source already exists");
		return problem;
	}

	@ExceptionHandler(SourceNotEditableException.class)
	ProblemDetail notEditable(SourceNotEditableException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Source defined outside the API");
		return problem;
	}

	@ExceptionHandler(InvalidOpmlException.class)
	ProblemDetail invalidOpml(InvalidOpmlException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid OPML document");
		return problem;
	}

	@ExceptionHandler(OpmlTooLargeException.class)
	ProblemDetail tooLarge(OpmlTooLargeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		problem.setTitle("OPML document too large");
		return problem;
	}

}
