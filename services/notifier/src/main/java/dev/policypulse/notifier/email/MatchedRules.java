package dev.policypulse.notifier.email;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;

/**
 * Why a subscriber gets an item: what they follow and which of it the item hit.
 *
 * @param followedJurisdictions the subscriber's jurisdictions; empty means all
 * @param followedTopics the subscriber's topics; empty means all
 * @param jurisdictions the item's tags that matched, strongest first
 * @param topics the item's topics that matched, strongest first; empty when the
 * subscriber follows all topics
 * @param keywords the subscriber's keywords found in the item; empty when they have none
 * @param minSeverity the least severe items the subscriber wants
 * @param policyMovesOnly whether the subscriber wants policy moves only
 */
public record MatchedRules(List<String> followedJurisdictions, List<String> followedTopics,
		List<MatchedJurisdiction> jurisdictions, List<String> topics, List<String> keywords, Severity minSeverity,
		boolean policyMovesOnly) {

	public MatchedRules {
		followedJurisdictions = List.copyOf(followedJurisdictions);
		followedTopics = List.copyOf(followedTopics);
		jurisdictions = List.copyOf(jurisdictions);
		topics = List.copyOf(topics);
		keywords = List.copyOf((keywords != null) ? keywords : List.of());
		minSeverity = (minSeverity != null) ? minSeverity : Severity.LOW;
	}

	/**
	 * Rules of a subscriber without keywords who wants policy moves of any severity.
	 */
	public MatchedRules(List<String> followedJurisdictions, List<String> followedTopics,
			List<MatchedJurisdiction> jurisdictions, List<String> topics) {
		this(followedJurisdictions, followedTopics, jurisdictions, topics, List.of(), Severity.LOW, true);
	}

	/**
	 * A compact, stable form for the delivery record, such as
	 * {@code jurisdictions=PK<-PK:actor;topics=*}, followed by {@code ;keywords=...} when
	 * keywords matched.
	 */
	public String summary() {
		String matchedJurisdictions = this.jurisdictions.isEmpty() ? "*"
				: String.join(",",
						this.jurisdictions.stream()
							.map((match) -> match.subscribed() + "<-" + match.tagged() + ":"
									+ match.role().name().toLowerCase(Locale.ROOT))
							.toList());
		String matchedTopics = this.topics.isEmpty() ? "*" : String.join(",", this.topics);
		String summary = "jurisdictions=" + matchedJurisdictions + ";topics=" + matchedTopics;
		return this.keywords.isEmpty() ? summary : summary + ";keywords=" + String.join(",", this.keywords);
	}

	/**
	 * A followed jurisdiction that an item's tag hit.
	 *
	 * @param subscribed the code the subscriber follows, such as {@code US}
	 * @param tagged the item's code, the same or a subdivision, such as {@code US-TX}
	 * @param role what the tagged jurisdiction does in the story
	 */
	public record MatchedJurisdiction(String subscribed, String tagged, Role role) {

		public MatchedJurisdiction {
			Objects.requireNonNull(subscribed, "subscribed");
			Objects.requireNonNull(tagged, "tagged");
			Objects.requireNonNull(role, "role");
		}

	}

}
