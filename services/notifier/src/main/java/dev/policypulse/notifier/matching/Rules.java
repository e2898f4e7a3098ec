package dev.policypulse.notifier.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.subscription.Preferences;
import dev.policypulse.notifier.subscription.Subscription;

/**
 * Whether an item concerns one subscription, and why. Every condition the subscriber set
 * must hold:
 * <ul>
 * <li>the item is at least as severe as the subscriber's threshold;</li>
 * <li>it is a policy move, unless the subscriber also wants items that are not;</li>
 * <li>a followed jurisdiction <em>acts</em> in the story or is its <em>counterparty</em>
 * (a jurisdiction that is only mentioned does not count): a tag with the same code, a
 * subdivision of a followed country ({@code US} covers {@code US-TX}, but {@code US-TX}
 * does not cover {@code US}), or, for a subscriber who follows {@code EU} with its member
 * states, a member state or one of its subdivisions ({@code EU} alone covers only moves
 * of the Union itself); no followed jurisdiction means any;</li>
 * <li>one of the item's topics is followed; none followed means any;</li>
 * <li>one of the subscriber's keywords occurs in the title or body; none means no such
 * condition.</li>
 * </ul>
 */
final class Rules {

	/** Oldest subscription first; the order in which matches are reported. */
	static final Comparator<Match> OLDEST_FIRST = Comparator
		.comparing((Match match) -> match.subscription().createdAt())
		.thenComparing((match) -> match.subscription().id());

	private Rules() {
	}

	/**
	 * Whether the item concerns the subscription.
	 * @param keywordOccurs whether a keyword, in {@link Preferences#comparableForm},
	 * occurs in the item
	 */
	static boolean matches(Subscription subscription, PolicyItemClassified item, Predicate<String> keywordOccurs) {
		Preferences preferences = subscription.preferences();
		return item.severity().isAtLeast(preferences.minSeverity())
				&& (item.policyMove() || !preferences.policyMovesOnly()) && anyJurisdiction(preferences, item)
				&& anyTopic(preferences, item) && anyKeyword(preferences, keywordOccurs);
	}

	private static boolean anyJurisdiction(Preferences preferences, PolicyItemClassified item) {
		if (preferences.jurisdictions().isEmpty()) {
			return true;
		}
		for (JurisdictionTag tag : item.jurisdictions()) {
			if (tag.role() != Role.MENTIONED && followedCovering(preferences, tag.code()) != null) {
				return true;
			}
		}
		return false;
	}

	static boolean anyTopic(Preferences preferences, PolicyItemClassified item) {
		if (preferences.topics().isEmpty()) {
			return true;
		}
		for (TopicTag topic : item.topics()) {
			if (preferences.topics().contains(topic.code())) {
				return true;
			}
		}
		return false;
	}

	private static boolean anyKeyword(Preferences preferences, Predicate<String> keywordOccurs) {
		if (preferences.keywords().isEmpty()) {
			return true;
		}
		for (String keyword : preferences.keywords()) {
			if (keywordOccurs.test(Preferences.comparableForm(keyword))) {
				return true;
			}
		}
		return false;
	}

	/** The followed jurisdictions the item hit, actors first; see {@link Match}. */
	static List<JurisdictionMatch> jurisdictions(Preferences preferences, PolicyItemClassified item) {
		if (preferences.jurisdictions().isEmpty()) {
			return List.of();
		}
		List<JurisdictionMatch> matches = new ArrayList<>(2);
		for (JurisdictionTag tag : item.jurisdictions()) {
			if (tag.role() != Role.MENTIONED) {
				String followed = followedCovering(preferences, tag.code());
				if (followed != null) {
					matches.add(new JurisdictionMatch(followed, tag.code(), tag.role()));
				}
			}
		}
		// actors before counterparties, otherwise in the item's order
		matches.sort(Comparator.comparing(JurisdictionMatch::role));
		return List.copyOf(matches);
	}

	/** The item's topics the subscriber follows; see {@link Match}. */
	static List<String> topics(Preferences preferences, PolicyItemClassified item) {
		if (preferences.topics().isEmpty()) {
			return List.of();
		}
		return item.topics().stream().map(TopicTag::code).filter(preferences.topics()::contains).toList();
	}

	/** The subscriber's keywords that occur; see {@link Match}. */
	static List<String> keywords(Preferences preferences, Predicate<String> keywordOccurs) {
		return preferences.keywords()
			.stream()
			.filter((keyword) -> keywordOccurs.test(Preferences.comparableForm(keyword)))
			.toList();
	}

	/**
	 * The followed code that covers a tagged one, the most specific first: the code
	 * itself, its country, then the EU; {@code null} if none does.
	 */
	static String followedCovering(Preferences preferences, String tagged) {
		List<String> followed = preferences.jurisdictions();
		if (followed.contains(tagged)) {
			return tagged;
		}
		if (isSubdivision(tagged) && followed.contains(tagged.substring(0, 2))) {
			return tagged.substring(0, 2);
		}
		if (preferences.includeEuMemberStates() && followed.contains("EU") && EuMemberStates.covers(tagged)) {
			return "EU";
		}
		return null;
	}

	/** {@code US-TX}, {@code CN-NM}: an ISO 3166-2 code. */
	static boolean isSubdivision(String code) {
		return code.length() > 3 && code.charAt(2) == '-';
	}

}
