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
 * A link that cannot be honoured is the user's problem, not the server's: 400, as an HTML
 * page for browsers and as problem+json for everything else.
 */
@RestControllerAdvice(assignableTypes = SubscriptionLinksController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LinkErrors {

	@ExceptionHandler(InvalidLinkException.class)
	ResponseEntity<?> invalidLink(InvalidLinkException ex, HttpServletRequest request) {
		if (wantsHtml(request.getHeader(HttpHeaders.ACCEPT))) {
			return ResponseEntity.badRequest()
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.body(LinkPages.error(ex.getMessage()));
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid link");
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
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
