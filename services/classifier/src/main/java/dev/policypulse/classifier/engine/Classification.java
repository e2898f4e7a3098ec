package dev.policypulse.classifier.engine;

import java.util.List;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;

/**
 * The engine's verdict on one text.
 *
 * @param jurisdictions every jurisdiction referred to, strongest first, with its role
 * @param primaryJurisdiction the acting jurisdiction, or {@code null} when none acts (not
 * a policy move, or an international organisation acts)
 * @param topics policy topics, strongest first
 * @param policyMove whether an official actor makes a policy move
 * @param severity how much the move matters
 */
public record Classification(List<JurisdictionTag> jurisdictions, String primaryJurisdiction, List<TopicTag> topics,
		boolean policyMove, Severity severity) {

	public Classification {
		jurisdictions = List.copyOf(jurisdictions);
		topics = List.copyOf(topics);
	}

}
