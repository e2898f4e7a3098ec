package dev.policypulse.classifier.engine;

import java.util.Locale;

/**
 * Kinds of names in the gazetteer, with how strongly each one suggests that a
 * jurisdiction acts.
 */
enum AliasKind {

	/** Official or common country or subdivision name. */
	NAME(1.0),

	/** Demonym or adjective ("Pakistani"); weak unless next to an official word. */
	DEMONYM(0.6),

	/** Capital or seat of government used as a metonym. */
	CAPITAL(0.9),

	/**
	 * A city that is not a seat of government ({@code cities.tsv}): evidence of its
	 * subdivision or country, weaker than a name; it acts only through a {@code local}
	 * cue ("the city", "the municipal government") in the lead.
	 */
	CITY(0.6),

	/**
	 * Regulator, central bank, ministry or legislature that belongs to one jurisdiction.
	 */
	INSTITUTION(1.6),

	/**
	 * Institution name several countries use ("SEC"): takes the jurisdiction named right
	 * before it, otherwise its default.
	 */
	GENERIC(1.4),

	/** Head of state or government. */
	PERSON(1.3),

	/**
	 * An organisation or product name that contains a place name but does not refer to
	 * it.
	 */
	BLOCKER(0.0),

	/** International organisation; never a jurisdiction. */
	ORGANISATION(0.0);

	private final double weight;

	AliasKind(double weight) {
		this.weight = weight;
	}

	double weight() {
		return this.weight;
	}

	boolean isOfficial() {
		return this == INSTITUTION || this == GENERIC || this == PERSON;
	}

	static AliasKind parse(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
