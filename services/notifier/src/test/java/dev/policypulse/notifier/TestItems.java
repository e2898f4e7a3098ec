package dev.policypulse.notifier;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;

/** Classified items for tests. */
public final class TestItems {

	private static final Instant TIME = Instant.parse("2026-05-04T09:30:00Z");

	private TestItems() {
	}

	public static JurisdictionTag tag(String code, Role role) {
		return new JurisdictionTag(code, role, 0.9, List.of(new Evidence("title", 0, 2, code)));
	}

	public static TopicTag topic(String code) {
		return new TopicTag(code, 0.8, List.of());
	}

	public static PolicyItemIngested item(String id, String storyId, String title, String body) {
		return new PolicyItemIngested(id, storyId, "example-wire", "https://news.example.org/items/" + id, title, body,
				"en", TIME, TIME.plusSeconds(60));
	}

	/** A policy move by the first tag's jurisdiction about the given topics. */
	public static PolicyItemClassified classified(PolicyItemIngested item, List<JurisdictionTag> jurisdictions,
			String... topics) {
		String primary = jurisdictions.stream()
			.filter((tag) -> tag.role() == Role.ACTOR)
			.map(JurisdictionTag::code)
			.findFirst()
			.orElse(null);
		return new PolicyItemClassified(item, jurisdictions, primary,
				Arrays.stream(topics).map(TestItems::topic).toList(), true, Severity.HIGH, "rules-2026.05",
				TIME.plusSeconds(120));
	}

}
