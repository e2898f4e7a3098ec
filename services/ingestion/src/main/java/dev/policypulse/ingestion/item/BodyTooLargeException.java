package dev.policypulse.ingestion.item;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/**
 * A request body is larger than its endpoint accepts; answered {@code 413} with a problem
 * that names the limit.
 */
class BodyTooLargeException extends ErrorResponseException {

	BodyTooLargeException(DataSize limit) {
		super(HttpStatus.CONTENT_TOO_LARGE, problem(limit), null);
	}

	private static ProblemDetail problem(DataSize limit) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than this endpoint's limit of " + describe(limit) + ".");
		problem.setTitle("Request body too large");
		return problem;
	}

	/**
	 * The limit the way an operator configures it, such as {@code 1MB} or {@code 512KB}.
	 */
	static String describe(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return size.toMegabytes() + "MB";
		}
		if (bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
			return size.toKilobytes() + "KB";
		}
		return bytes + "B";
	}

}
