package dev.policypulse.notifier.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.email.MatchedRules;
import dev.policypulse.notifier.email.MatchedRules.MatchedJurisdiction;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * Decides whether an item concerns a subscriber. A followed jurisdiction matches a tag
 * with the same code, or a subdivision of a followed country ({@code US} covers
 * {@code US-TX}), but only when that jurisdiction acts in the story or is its
 * counterparty: being mentioned is not enough. Followed topics must intersect the item's;
 * none followed means any. Both conditions must hold.
 */
final class AlertMatcher {

	private AlertMatcher() {
	}

	static Optional<MatchedRules> match(Subscription subscription, PolicyItemClassified item) {
		List<MatchedJurisdiction> jurisdictions = new ArrayList<>();
		for (JurisdictionTag tag : item.jurisdictions()) {
			if (tag.role() == Role.MENTIONED) {
				continue;
			}
			subscription.jurisdictions()
				.stream()
				.filter((followed) -> covers(followed, tag.code()))
				.findFirst()
				.ifPresent((followed) -> jurisdictions.add(new MatchedJurisdiction(followed, tag.code(), tag.role())));
		}
		if (!subscription.jurisdictions().isEmpty() && jurisdictions.isEmpty()) {
			return Optional.empty();
		}
		// actors before counterparties, otherwise in the item's order
		jurisdictions.sort(Comparator.comparing(MatchedJurisdiction::role));
		List<String> topics = item.topics()
			.stream()
			.map(TopicTag::code)
			.filter(subscription.topics()::contains)
			.toList();
		if (!subscription.topics().isEmpty() && topics.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new MatchedRules(subscription.jurisdictions(), subscription.topics(),
				subscription.jurisdictions().isEmpty() ? List.of() : jurisdictions, topics));
	}

	/** Whether following {@code followed} means hearing about {@code tagged}. */
	static boolean covers(String followed, String tagged) {
		return tagged.equals(followed) || (followed.length() == 2 && !"EU".equals(followed) && tagged.length() > 3
				&& tagged.startsWith(followed + "-"));
	}

}
