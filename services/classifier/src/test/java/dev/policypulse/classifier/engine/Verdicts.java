package dev.policypulse.classifier.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.TopicTag;

/** Short views of a verdict for the engine's table-driven tests. */
final class Verdicts {

	private Verdicts() {
	}

	static Set<String> codes(Classification result) {
		return result.jurisdictions().stream().map(JurisdictionTag::code).collect(Collectors.toSet());
	}

	static List<String> topicCodes(Classification result) {
		return result.topics().stream().map(TopicTag::code).toList();
	}

	static Role role(Classification result, String code) {
		return result.jurisdictions()
			.stream()
			.filter((tag) -> tag.code().equals(code))
			.map(JurisdictionTag::role)
			.findFirst()
			.orElse(null);
	}

}
