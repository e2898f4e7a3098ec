package dev.policypulse.notifier.subscription;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A link that cannot be honoured is the user's problem, not the server's: {@code 400} for
 * a link that was never valid or no longer points anywhere, {@code 410} for a genuine one
 * whose time is up; as an HTML page for browsers and as problem+json for everything else.
 */
@RestControllerAdvice(assignableTypes = { SubscriptionLinksController.class, PreferencesController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class LinkErrors {

	@ExceptionHandler(InvalidLinkException.class)
	ResponseEntity<?> invalidLink(InvalidLinkException ex, HttpServletRequest request) {
		boolean expired = ex instanceof ExpiredLinkException;
		HttpStatus status = expired ? HttpStatus.GONE : HttpStatus.BAD_REQUEST;
		if (wantsHtml(request.getHeader(HttpHeaders.ACCEPT))) {
			return ResponseEntity.status(status)
				.headers(PageHeaders.forPages())
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.body(LinkPages.error(ex.getMessage()));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(expired ? "Expired link" : "Invalid link");
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static boolean wantsHtml(String accept) {
		if (accept == null) {
			return false;
		}
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return types.stream()
				.anyMatch((type) -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
