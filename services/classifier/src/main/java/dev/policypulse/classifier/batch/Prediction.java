package dev.policypulse.classifier.batch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

import dev.policypulse.classifier.engine.Classification;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;

/**
 * One output line of the batch: the flat fields that scoring scripts read first, then the
 * full tags with confidences and evidence.
 */
@JsonPropertyOrder({ "id", "jurisdictions", "primary", "is_policy_move", "topics", "roles", "severity",
		"classifier_version", "jurisdiction_tags", "topic_tags" })
record Prediction(JsonNode id, List<String> jurisdictions, String primary,
		@JsonProperty("is_policy_move") boolean policyMove, List<String> topics, Map<String, Role> roles,
		Severity severity, @JsonProperty("classifier_version") String classifierVersion,
		@JsonProperty("jurisdiction_tags") List<JurisdictionTag> jurisdictionTags,
		@JsonProperty("topic_tags") List<TopicTag> topicTags) {

	static Prediction of(JsonNode id, Classification result, String classifierVersion) {
		Map<String, Role> roles = new LinkedHashMap<>();
		result.jurisdictions().forEach((tag) -> roles.put(tag.code(), tag.role()));
		return new Prediction(id, List.copyOf(roles.keySet()), result.primaryJurisdiction(), result.policyMove(),
				result.topics().stream().map(TopicTag::code).toList(), roles, result.severity(), classifierVersion,
				result.jurisdictions(), result.topics());
	}

}
