package dev.policypulse.support;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ApiKeyFilterTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SampleController())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.addFilter(new ApiKeyFilter(new ApiKeyProperties("s3cret-key", List.of("/api/v1/links/**")),
				JsonMapper.builder().build()), "/api/*")
		.build();

	private final SignedRequests signedRequests = new SignedRequests(List.of("/api/v1/things"));

	/**
	 * Stands in for a service's signature check: marks requests carrying
	 * {@code X-Test-Signed} as verified.
	 */
	private final MockMvc signedMvc = MockMvcBuilders.standaloneSetup(new SampleController())
		.addFilter((request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			if (http.getHeader("X-Test-Signed") != null) {
				this.signedRequests.markVerified(http);
			}
			chain.doFilter(request, response);
		}, "/api/*")
		.addFilter(new ApiKeyFilter(new ApiKeyProperties("s3cret-key", List.of()), JsonMapper.builder().build(),
				this.signedRequests), "/api/*")
		.build();

	@Test
	void rejectsMissingKeyWithProblemJson() throws Exception {
		this.mvc.perform(post("/api/v1/things"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().exists("WWW-Authenticate"))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.detail").value("This endpoint needs an API key in the X-Api-Key header."));
	}

	@Test
	void rejectsWrongKey() throws Exception {
		this.mvc.perform(post("/api/v1/things").header("X-Api-Key", "s3cret-kez"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value("The API key in the X-Api-Key header is not valid."));
	}

	@Test
	void letsTheRightKeyThrough() throws Exception {
		this.mvc.perform(post("/api/v1/things").header("X-Api-Key", "s3cret-key")).andExpect(status().isOk());
	}

	@Test
	void publicPathsAndNonApiPathsNeedNoKey() throws Exception {
		this.mvc.perform(get("/api/v1/links/confirm")).andExpect(status().isOk());
		this.mvc.perform(get("/actuator-like")).andExpect(status().isOk());
	}

	@Test
	void dotSegmentsCannotTurnAGuardedPathIntoAPublicOne() throws Exception {
		this.mvc.perform(post("/api/v1/links/../things")).andExpect(status().isUnauthorized());
	}

	@Test
	void unreadableJsonSaysWhatIsWrong() throws Exception {
		this.mvc
			.perform(post("/api/v1/json").header("X-Api-Key", "s3cret-key")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.startsWith("The request body could not be read: ")));
	}

	@Test
	void invalidInputBecomesBadRequestProblem() throws Exception {
		this.mvc.perform(post("/api/v1/things").header("X-Api-Key", "s3cret-key").param("fail", "true"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("code must be an ISO 3166 code"));
	}

	@Test
	void aVerifiedSignatureStandsInForTheKeyOnSignedPaths() throws Exception {
		this.signedMvc.perform(post("/api/v1/things").header("X-Test-Signed", "yes")).andExpect(status().isOk());
		this.signedMvc.perform(post("/api/v1/things")).andExpect(status().isUnauthorized());
	}

	@Test
	void aVerifiedSignatureOpensNoOtherPath() throws Exception {
		this.signedMvc
			.perform(post("/api/v1/json").header("X-Test-Signed", "yes")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aWrongKeyIsRefusedEvenWithAVerifiedSignature() throws Exception {
		this.signedMvc.perform(post("/api/v1/things").header("X-Test-Signed", "yes").header("X-Api-Key", "guess"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.detail").value("The API key in the X-Api-Key header is not valid."));
	}

	@Test
	void onlyTheMarkOfTheConfiguredInstanceCounts() throws Exception {
		SignedRequests other = new SignedRequests(List.of("/api/v1/things"));
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new SampleController()).addFilter((request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			// what a connector could pass on, and another instance's mark
			http.setAttribute(SignedRequests.ATTRIBUTE, "true");
			if (http.getHeader("X-Other") != null) {
				other.markVerified(http);
			}
			chain.doFilter(request, response);
		}, "/api/*")
			.addFilter(new ApiKeyFilter(new ApiKeyProperties("s3cret-key", List.of()), JsonMapper.builder().build(),
					this.signedRequests), "/api/*")
			.build();
		mvc.perform(post("/api/v1/things")).andExpect(status().isUnauthorized());
		mvc.perform(post("/api/v1/things").header("X-Other", "yes")).andExpect(status().isUnauthorized());
	}

	@Test
	void signedPathsMustLieUnderTheApi() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SignedRequests(List.of("/actuator/health")));
		assertThatIllegalArgumentException().isThrownBy(() -> new SignedRequests(List.of()));
	}

	@RestController
	static class SampleController {

		@PostMapping("/api/v1/things")
		String things(@RequestParam(defaultValue = "false") boolean fail) {
			if (fail) {
				throw new IllegalArgumentException("code must be an ISO 3166 code");
			}
			return "ok";
		}

		@PostMapping("/api/v1/json")
		String json(@RequestBody Map<String, Object> body) {
			return "ok";
		}

		@GetMapping({ "/api/v1/links/confirm", "/actuator-like" })
		String open() {
			return "ok";
		}

	}

}
