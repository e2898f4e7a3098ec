package dev.policypulse.contracts;

import java.time.Instant;
import java.util.List;

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
