package dev.policypulse.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a jurisdiction does in a story. */
public enum Role {

	/** The jurisdiction that makes the move. */
	@JsonProperty("actor")
	ACTOR,

	/** The other side of a bilateral move, such as a partnership or an agreement. */
	@JsonProperty("counterparty")
	COUNTERPARTY,

	/** Named, but neither acting nor a party. */
	@JsonProperty("mentioned")
	MENTIONED

}
