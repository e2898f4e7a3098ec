package dev.policypulse.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An ingested item with the classifier's verdict. Published to {@link Topics#CLASSIFIED},
 * keyed by the item id, in a Kafka transaction (read it with
 * {@code isolation.level=read_committed}).
 *
 * @param item the item as ingested
 * @param jurisdictions every jurisdiction the item refers to, with its role
 * @param primaryJurisdiction code of the jurisdiction that acts, or {@code null} when
 * none does
 * @param topics kinds of policy move found, strongest first
 * @param policyMove whether the item reports a crypto-policy move at all
 * @param severity how much the move matters to someone following the primary jurisdiction
 * @param classifierVersion version of the rules that produced this verdict
 * @param classifiedAt when the verdict was made (UTC)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyItemClassified(PolicyItemIngested item, List<JurisdictionTag> jurisdictions,
		String primaryJurisdiction, List<TopicTag> topics, boolean policyMove, Severity severity,
		String classifierVersion, Instant classifiedAt) {

	public PolicyItemClassified {
		Objects.requireNonNull(item, "item");
		jurisdictions = List.copyOf((jurisdictions != null) ? jurisdictions : List.of());
		topics = List.copyOf((topics != null) ? topics : List.of());
		if (primaryJurisdiction != null) {
			Validation.requireJurisdiction(primaryJurisdiction, "primaryJurisdiction");
			String primary = primaryJurisdiction;
			if (jurisdictions.stream().noneMatch((tag) -> tag.code().equals(primary))) {
				throw new IllegalArgumentException(
						"primaryJurisdiction " + primary + " is not among the tagged jurisdictions");
			}
		}
		Objects.requireNonNull(severity, "severity");
		Validation.requireText(classifierVersion, "classifierVersion");
		Objects.requireNonNull(classifiedAt, "classifiedAt");
	}

	/** The item id, which is also the record key. */
	public String id() {
		return this.item.id();
	}

}
