package dev.policypulse.notifier.matching;

import dev.policypulse.contracts.Role;

/**
 * A jurisdiction the subscriber follows that one of the item's tags hit.
 *
 * @param followed the code the subscriber follows, such as {@code US} or {@code EU}
 * @param tagged the item's code: the same, a subdivision of a followed country (such as
 * {@code US-TX}), or a member state when the subscriber follows the EU with its member
 * states
 * @param role what the tagged jurisdiction does in the story: {@link Role#ACTOR} or
 * {@link Role#COUNTERPARTY}, never {@link Role#MENTIONED}
 */
public record JurisdictionMatch(String followed, String tagged, Role role) {
}
