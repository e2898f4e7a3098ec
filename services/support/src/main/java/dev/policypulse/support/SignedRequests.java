package dev.policypulse.support;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.AntPathMatcher;

/**
 * The endpoints on which a request signed by its sender needs no API key, and the mark
 * that says a request's signature was verified.
 * <p>
 * A service that accepts signed requests declares one bean of this type, naming those
 * endpoints, and a filter ordered before
 * {@link WebSupportAutoConfiguration#API_KEY_FILTER_ORDER} that verifies the signature
 * and then calls {@link #markVerified}. The API-key guard lets a marked request without
 * an {@code X-Api-Key} header through on those endpoints only.
 * <p>
 * The mark is a request attribute whose value is an object private to this instance, so
 * it cannot be forged from outside the application: no header sets it, and an attribute
 * passed on by a connector (such as AJP), which is always a string, never equals it.
 */
public final class SignedRequests {

	static final String ATTRIBUTE = SignedRequests.class.getName() + ".verified";

	private final Object mark = new Object();

	private final List<String> paths;

	private final AntPathMatcher matcher = new AntPathMatcher();

	/**
	 * @param paths Ant-style patterns of the endpoints, under {@code /api/}
	 */
	public SignedRequests(List<String> paths) {
		if (paths == null || paths.isEmpty()) {
			throw new IllegalArgumentException("name at least one path that accepts signed requests");
		}
		for (String path : paths) {
			if (path == null || !path.startsWith("/api/")) {
				throw new IllegalArgumentException("signed paths must lie under /api/: " + path);
			}
		}
		this.paths = List.copyOf(paths);
	}

	/** The endpoints on which a verified signature stands in for the API key. */
	public List<String> paths() {
		return this.paths;
	}

	/**
	 * Records that the sender of {@code request} proved who it is with a signature. Call
	 * only once the signature over the request as it will be processed was verified.
	 * @param request the request
	 */
	public void markVerified(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this.mark);
	}

	/**
	 * Whether {@code request} was marked verified by this instance and goes to one of its
	 * endpoints.
	 * @param request the request
	 * @param routedPath the path the container routes the request by
	 */
	boolean isVerified(HttpServletRequest request, String routedPath) {
		return request.getAttribute(ATTRIBUTE) == this.mark
				&& this.paths.stream().anyMatch((pattern) -> this.matcher.match(pattern, routedPath));
	}

}
