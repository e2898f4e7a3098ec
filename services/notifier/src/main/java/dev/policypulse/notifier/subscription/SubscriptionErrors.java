package dev.policypulse.notifier.subscription;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem details for the subscription API that say exactly what is wrong: every invalid
 * field in {@code detail} and in an {@code errors} list. Ordered ahead of the shared
 * advice.
 */
@RestControllerAdvice(assignableTypes = SubscriptionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubscriptionErrors {

	/** Invalid bodies and queries ({@code MethodArgumentNotValidException} included). */
	@ExceptionHandler(BindException.class)
	ProblemDetail invalid(BindException ex) {
		boolean query = ex.getTarget() instanceof SubscriptionQuery;
		String title = query ? "Invalid query" : "Invalid subscription";
		List<Map<String, String>> errors = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map((error) -> Map.of("field", field(error), "message", message(error)))
			.sorted((a, b) -> a.get("field").compareTo(b.get("field")))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.stream()
					.map((error) -> error.get("field") + ": " + error.get("message"))
					.collect(Collectors.joining("; ", title + ": ", ".")));
		problem.setTitle(title);
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler(SubscriptionNotFoundException.class)
	ProblemDetail notFound(SubscriptionNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Subscription not found");
		return problem;
	}

	@ExceptionHandler(SubscriptionConflictException.class)
	ProblemDetail conflict(SubscriptionConflictException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Subscription conflict");
		return problem;
	}

	private static String field(ObjectError error) {
		if (error instanceof FieldError fieldError) {
			String field = fieldError.getField();
			return "followingSomething".equals(field) ? "jurisdictions" : field;
		}
		return error.getObjectName();
	}

	private static String message(ObjectError error) {
		// a query value of the wrong type, such as page=first
		if (error instanceof FieldError fieldError && fieldError.isBindingFailure()) {
			return "must be a whole number";
		}
		return String.valueOf(error.getDefaultMessage());
	}

}
