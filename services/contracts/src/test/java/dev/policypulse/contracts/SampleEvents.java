package dev.policypulse.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sample events for tests, in this module and (through the test jar) in the services. */
public final class SampleEvents {

	private SampleEvents() {
	}

	/** An ingested item reporting a Pakistan–El Salvador crypto partnership. */
	public static PolicyItemIngested partnershipItem() {
		return new PolicyItemIngested("3v5k2m9q8r7t6w4x1z0a2b3c4d", "3v5k2m9q8r7t6w4x1z0a2b3c4d", "demo-feed",
				"https://news.example.org/2025/07/pakistan-el-salvador-crypto-pact",
				"Pakistan signs crypto and blockchain partnership with El Salvador",
				"Pakistan's Crypto Council chief travelled to San Salvador to agree a partnership with President "
						+ "Nayib Bukele's government.",
				"en", Instant.parse("2025-07-16T09:00:00Z"), Instant.parse("2025-07-16T09:01:30Z"));
	}

	/**
	 * An ingested item whose source gave no publication date, so ingestion stood in the
	 * time it received it; it joined a story another outlet started.
	 */
	public static PolicyItemIngested estimatedDateItem() {
		Instant received = Instant.parse("2026-11-20T14:03:11.207Z");
		return new PolicyItemIngested("f3a9c1d7e5b2a8c4d6e0f1a3b5c7d9e2", "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e",
				"island-gazette", "https://gazette.example.net/notices/4471",
				"Treasury names members of new digital-asset advisory board",
				"Five members will advise the treasury on token issuance rules.", "en", received, received, true);
	}

	/**
	 * The notifier's record that a subscriber's alert about
	 * {@link #partnershipClassified()} was sent, at the second attempt.
	 */
	public static AlertDispatched sentAlert() {
		PolicyItemClassified classified = partnershipClassified();
		return new AlertDispatched(UUID.fromString("6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"),
				UUID.fromString("0d8e4f6a-2b1c-4d3e-9f8a-7b6c5d4e3f2a"), classified.id(), classified.item().storyId(),
				DispatchOutcome.SENT, 2, classified.classifierVersion(),
				"<4f9d2c1b0a8e7d6c5b4a39281706f5e4@policypulse>", Instant.parse("2025-07-16T09:01:32Z"),
				Instant.parse("2025-07-16T09:01:45.120Z"));
	}

	/**
	 * The notifier's record that the same subscriber was not alerted about another
	 * outlet's report of the story.
	 */
	public static AlertDispatched suppressedAlert() {
		return new AlertDispatched(UUID.fromString("a2b3c4d5-e6f7-4a8b-9c0d-1e2f3a4b5c6d"),
				UUID.fromString("0d8e4f6a-2b1c-4d3e-9f8a-7b6c5d4e3f2a"), "x7c8v9b0n1m2q3w4e5r6t7y8u9",
				"3v5k2m9q8r7t6w4x1z0a2b3c4d", DispatchOutcome.SUPPRESSED, 0, "rules-1", null, null,
				Instant.parse("2025-07-16T11:20:03Z"));
	}

	/**
	 * The notifier's record that {@link #partnershipClassified()} went out as a line of a
	 * subscriber's daily digest.
	 */
	public static AlertDispatched sentDigestLine() {
		PolicyItemClassified classified = partnershipClassified();
		return new AlertDispatched(UUID.fromString("9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
				UUID.fromString("3c2b1a0f-9e8d-4c7b-a6f5-4e3d2c1b0a9f"), classified.id(), classified.item().storyId(),
				DispatchOutcome.SENT, 1, classified.classifierVersion(),
				"<0e1d2c3b4a5968778695a4b3c2d1e0f9@policypulse>", Instant.parse("2025-07-17T07:00:04Z"),
				Instant.parse("2025-07-17T07:00:05.310Z"), DispatchChannel.DIGEST, "daily:2025-07-17");
	}

	/** The classifier's verdict on {@link #partnershipItem()}. */
	public static PolicyItemClassified partnershipClassified() {
		PolicyItemIngested item = partnershipItem();
		Evidence pakistan = new Evidence("title", 0, 8, "Pakistan");
		Evidence elSalvador = new Evidence("title", 55, 66, "El Salvador");
		Evidence partnership = new Evidence("title", 31, 42, "partnership");
		return new PolicyItemClassified(item,
				List.of(new JurisdictionTag("PK", Role.ACTOR, 0.93, List.of(pakistan)),
						new JurisdictionTag("SV", Role.COUNTERPARTY, 0.88, List.of(elSalvador))),
				"PK",
				List.of(new TopicTag("international_cooperation", 0.9, List.of(partnership)),
						new TopicTag("regulator_formation", 0.7, List.of())),
				true, Severity.MEDIUM, "rules-1", Instant.parse("2025-07-16T09:01:31Z"));
	}

}
