package dev.policypulse.classifier.api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.policypulse.classifier.ClassifierProperties;
import dev.policypulse.classifier.engine.Classification;
import dev.policypulse.classifier.engine.ClassificationEngine;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Classifies a text on demand, for trying the rules out and for callers outside the
 * pipeline.
 */
@RestController
@RequestMapping("/api/v1/classify")
class ClassifyController {

	private final ClassificationEngine engine;

	private final ClassifierProperties properties;

	ClassifyController(ClassificationEngine engine, ClassifierProperties properties) {
		this.engine = engine;
		this.properties = properties;
	}

	@PostMapping
	ClassifyResponse classify(@Valid @RequestBody ClassifyRequest request) {
		Classification result = this.engine.classify(request.title(), request.body(), (request.publishedAt() != null)
				? request.publishedAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDate() : null);
		return new ClassifyResponse(result.jurisdictions(), result.primaryJurisdiction(), result.topics(),
				result.policyMove(), result.severity(), this.properties.version());
	}

	/**
	 * @param title the headline
	 * @param body the plain-text body, may be omitted
	 * @param publishedAt when the item was published (RFC 3339), may be omitted; settles
	 * officials' surnames as for items on the Kafka path
	 */
	record ClassifyRequest(@NotBlank @Size(max = 1_000) String title, @Size(max = 200_000) String body,
			OffsetDateTime publishedAt) {
	}

	record ClassifyResponse(List<JurisdictionTag> jurisdictions, String primaryJurisdiction, List<TopicTag> topics,
			boolean policyMove, Severity severity, String classifierVersion) {
	}

}
