package dev.policypulse.ingestion.item;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.unit.DataSize;

/**
 * Reads request bodies with a size limit, refusing an oversized body before it is read
 * when its declared length gives it away, and otherwise as soon as it passes the limit.
 */
final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * The body of {@code request}.
	 * @param request the request
	 * @param limit the largest body accepted
	 * @return the body as sent
	 * @throws BodyTooLargeException if the body is larger than {@code limit}
	 * @throws IOException if the body cannot be read
	 */
	static byte[] read(HttpServletRequest request, DataSize limit) throws IOException {
		long max = limit.toBytes();
		if (request.getContentLengthLong() > max) {
			throw new BodyTooLargeException(limit);
		}
		// Reading one byte past the limit tells an oversized body (sent chunked, or
		// with a wrong length) from one that just fits, without buffering more of it.
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(Math.toIntExact(max + 1));
		}
		if (body.length > max) {
			throw new BodyTooLargeException(limit);
		}
		return body;
	}

}
