package dev.policypulse.notifier.matching;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.ahocorasick.trie.Trie;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.notifier.subscription.Preferences;

/**
 * Finds subscribers' keywords in an item. Keywords and text are compared in
 * {@link Preferences#comparableForm} (any case, single spaces), on whole words: a match
 * must not continue a word on either side, so {@code MiCA} is found in "MiCA's rules" but
 * not in "micah", and {@code stablecoin} not in "stablecoins". Title and body are
 * searched apart, so a phrase never runs from one into the other.
 * <p>
 * Every keyword of every subscriber goes into one Aho–Corasick automaton, which finds
 * them all in a single pass over the text, however many there are.
 */
final class Keywords {

	private final Trie trie;

	private final int size;

	/**
	 * @param keywords keywords in comparable form
	 */
	Keywords(Collection<String> keywords) {
		this.trie = keywords.isEmpty() ? null : Trie.builder().addKeywords(keywords).build();
		this.size = keywords.size();
	}

	int size() {
		return this.size;
	}

	/** The keywords (in comparable form) that occur in the item. */
	Set<String> find(PolicyItemClassified item) {
		Set<String> found = new HashSet<>();
		if (this.trie == null) {
			return found;
		}
		for (String text : texts(item)) {
			this.trie.parseText(text, (emit) -> {
				if (isWhole(text, emit.getStart(), emit.getEnd() + 1)) {
					found.add(emit.getKeyword());
				}
				return true;
			});
		}
		return found;
	}

	/**
	 * Whether {@code keyword} (in comparable form) occurs in the item, the slow way: one
	 * search per keyword. The reference for {@link #find}.
	 */
	static boolean occursIn(String keyword, String[] texts) {
		for (String text : texts) {
			for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
				if (isWhole(text, at, at + keyword.length())) {
					return true;
				}
			}
		}
		return false;
	}

	/** The item's title and body in comparable form. */
	static String[] texts(PolicyItemClassified item) {
		return new String[] { Preferences.comparableForm(item.item().title()),
				Preferences.comparableForm(item.item().body()) };
	}

	/**
	 * Whether the match at {@code [start, end)} is neither preceded nor followed by a
	 * letter or digit that would make it part of a longer word. A keyword that begins or
	 * ends with punctuation sets no boundary on that side.
	 */
	private static boolean isWhole(String text, int start, int end) {
		boolean startsWord = isWordChar(text.charAt(start));
		boolean endsWord = isWordChar(text.charAt(end - 1));
		return (!startsWord || start == 0 || !isWordChar(text.charAt(start - 1)))
				&& (!endsWord || end == text.length() || !isWordChar(text.charAt(end)));
	}

	private static boolean isWordChar(char c) {
		return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
	}

}
