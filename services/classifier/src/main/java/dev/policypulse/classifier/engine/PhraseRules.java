package dev.policypulse.classifier.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weighted phrase rules by category, read from a table of
 * {@code category, weight, phrase}. A phrase is a sequence of words matched
 * case-insensitively on word boundaries; a word ending in {@code *} matches any word it
 * starts, {@code ...} skips up to five words, and a phrase starting with {@code re:} is a
 * regular expression.
 */
final class PhraseRules {

	private final List<Rule> rules;

	private PhraseRules(List<Rule> rules) {
		this.rules = rules;
	}

	static PhraseRules load(String resource) {
		List<Rule> rules = new ArrayList<>();
		for (String[] row : Tsv.read(resource, 3)) {
			rules.add(new Rule(row[0], Double.parseDouble(row[1]), compile(row[2])));
		}
		return new PhraseRules(rules);
	}

	static Pattern compile(String phrase) {
		if (phrase.startsWith("re:")) {
			return Pattern.compile(phrase.substring(3), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		}
		StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
		String[] words = phrase.split("\\s+");
		for (int i = 0; i < words.length; i++) {
			String word = words[i];
			if (word.equals("...")) {
				regex.append("(?:[\\p{L}\\p{N}$.,%'’]+[\\s\\-]+){0,5}?");
				continue;
			}
			if (word.endsWith("*")) {
				regex.append(Pattern.quote(word.substring(0, word.length() - 1))).append("[\\p{L}\\p{N}]*");
			}
			else {
				regex.append(Pattern.quote(word));
			}
			if (i < words.length - 1) {
				regex.append("[\\s\\-]+");
			}
		}
		regex.append("(?![\\p{L}\\p{N}])");
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	/** Matches per category, in rule order. */
	Map<String, List<Hit>> match(String field, String text) {
		Map<String, List<Hit>> hits = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) {
			return hits;
		}
		for (Rule rule : this.rules) {
			Matcher matcher = rule.pattern().matcher(text);
			while (matcher.find()) {
				if (matcher.end() > matcher.start()) {
					hits.computeIfAbsent(rule.category(), (k) -> new ArrayList<>())
						.add(new Hit(rule, field, matcher.start(), matcher.end(), matcher.group()));
				}
			}
		}
		return hits;
	}

	record Rule(String category, double weight, Pattern pattern) {
	}

	record Hit(Rule rule, String field, int start, int end, String text) {

		boolean inTitle() {
			return "title".equals(this.field);
		}

	}

}
