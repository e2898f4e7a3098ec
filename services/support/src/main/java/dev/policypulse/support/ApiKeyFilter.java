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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects requests to {@code /api/**} that do not carry the configured key in {@code X-Api-Key},
 * with a {@code 401 application/problem+json}.
 */
class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Api-Key";

	private final byte[] expectedKey;

	private final ApiKeyProperties properties;

	private final JsonMapper jsonMapper;

	private final AntPathMatcher matcher = new AntPathMatcher();

	ApiKeyFilter(ApiKeyProperties properties, JsonMapper jsonMapper) {
		this.properties = properties;
		this.expectedKey = properties.key().getBytes(StandardCharsets.UTF_8);
		this.jsonMapper = jsonMapper;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/api/")) {
			return true;
		}
		return this.properties.publicPaths().stream().anyMatch((pattern) -> this.matcher.match(pattern, path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented != null
				&& MessageDigest.isEqual(this.expectedKey, presented.getBytes(StandardCharsets.UTF_8))) {
			chain.doFilter(request, response);
			return;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, (presented == null)
				? "This endpoint needs an API key in the " + HEADER + " header."
				: "The API key in the " + HEADER + " header is not valid.");
		problem.setTitle("Missing or invalid API key");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
		this.jsonMapper.writeValue(response.getOutputStream(), problem);
	}

}
