package dev.policypulse.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Rejects requests to {@code /api/**} that do not carry the configured key in
 * {@code X-Api-Key}, with a {@code 401 application/problem+json}. On the endpoints a
 * {@link SignedRequests} names, a request whose signature was verified may come without a
 * key; a key it does carry must still be valid.
 */
class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Api-Key";

	private final byte[] expectedKey;

	private final ApiKeyProperties properties;

	private final JsonMapper jsonMapper;

	private final SignedRequests signedRequests;

	private static final UrlPathHelper URL_PATH_HELPER = new UrlPathHelper();

	private final AntPathMatcher matcher = new AntPathMatcher();

	ApiKeyFilter(ApiKeyProperties properties, JsonMapper jsonMapper) {
		this(properties, jsonMapper, null);
	}

	/**
	 * @param signedRequests where a verified signature stands in for the key, or
	 * {@code null} if nowhere
	 */
	ApiKeyFilter(ApiKeyProperties properties, JsonMapper jsonMapper, SignedRequests signedRequests) {
		this.properties = properties;
		this.expectedKey = properties.key().getBytes(StandardCharsets.UTF_8);
		this.jsonMapper = jsonMapper;
		this.signedRequests = signedRequests;
	}

	/**
	 * The filter is registered for {@code /api/*} only; here it just lets the public
	 * paths through. They are matched against the path as the container routes it
	 * (decoded, path parameters and dot segments removed), never the raw request URI, so
	 * that {@code /api;x/v1/...} or {@code /%61pi/v1/...} cannot dodge the key.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = routedPath(request);
		return this.properties.publicPaths().stream().anyMatch((pattern) -> this.matcher.match(pattern, path));
	}

	private static String routedPath(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String path = ((servletPath != null) ? servletPath : "") + ((pathInfo != null) ? pathInfo : "");
		if (path.isEmpty()) {
			path = URL_PATH_HELPER.getPathWithinApplication(request);
		}
		return StringUtils.cleanPath(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented == null && this.signedRequests != null
				&& this.signedRequests.isVerified(request, routedPath(request))) {
			chain.doFilter(request, response);
			return;
		}
		if (presented != null && MessageDigest.isEqual(this.expectedKey, presented.getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				(presented == null) ? "This endpoint needs an API key in the " + HEADER + " header."
						: "The API key in the " + HEADER + " header is not valid.");
		problem.setTitle("Missing or invalid API key");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
		this.jsonMapper.writeValue(response.getOutputStream(), problem);
	}

}
