package dev.policypulse.notifier.email;

import java.util.List;
import java.util.Locale;

import dev.policypulse.contracts.Role;

/**
 * Why a subscriber gets an alert: what they follow and which of it the item hit.
 *
 * @param followedJurisdictions the subscriber's jurisdictions; empty means all
 * @param followedTopics the subscriber's topics; empty means all
 * @param jurisdictions the item's tags that matched, strongest first
 * @param topics the item's topics that matched, strongest first; empty when the
 * subscriber follows all topics
 */
public record MatchedRules(List<String> followedJurisdictions, List<String> followedTopics,
		List<MatchedJurisdiction> jurisdictions, List<String> topics) {

	public MatchedRules {
		followedJurisdictions = List.copyOf(followedJurisdictions);
		followedTopics = List.copyOf(followedTopics);
		jurisdictions = List.copyOf(jurisdictions);
		topics = List.copyOf(topics);
	}

	/**
	 * A compact, stable form for the delivery record, such as
	 * {@code PK<-PK:actor;topics=*}.
	 */
	public String summary() {
		String matchedJurisdictions = this.jurisdictions.isEmpty() ? "*"
				: String.join(",",
						this.jurisdictions.stream()
							.map((match) -> match.subscribed() + "<-" + match.tagged() + ":"
									+ match.role().name().toLowerCase(Locale.ROOT))
							.toList());
		String matchedTopics = this.topics.isEmpty() ? "*" : String.join(",", this.topics);
		return "jurisdictions=" + matchedJurisdictions + ";topics=" + matchedTopics;
	}

	/**
	 * A followed jurisdiction that an item's tag hit.
	 *
	 * @param subscribed the code the subscriber follows, such as {@code US}
	 * @param tagged the item's code, the same or a subdivision, such as {@code US-TX}
	 * @param role what the tagged jurisdiction does in the story
	 */
	public record MatchedJurisdiction(String subscribed, String tagged, Role role) {
	}

}
