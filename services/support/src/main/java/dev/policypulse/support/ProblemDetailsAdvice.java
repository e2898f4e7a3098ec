package dev.policypulse.support;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of a service's HTTP API as {@code application/problem+json}: Spring
 * MVC's own exceptions through {@link ResponseEntityExceptionHandler}, and invalid input
 * rejected by the event records or the services as {@code 400}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/**
	 * Says what is wrong with an unreadable body instead of Spring's generic "Failed to
	 * read request".
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
		problem.setTitle("Unreadable request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	static String unreadableDetail(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause == ex || cause.getMessage() == null) {
			return "The request body is missing or is not valid JSON.";
		}
		String message = cause.getMessage();
		// Jackson appends the source location on later lines; the first line says what
		// is wrong
		int newline = message.indexOf('\n');
		message = (newline > 0) ? message.substring(0, newline) : message;
		if (message.length() > 300) {
			message = message.substring(0, 300) + "...";
		}
		return "The request body could not be read: " + message;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalidInput(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		return problem;
	}

}
