package dev.policypulse.classifier.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weighted phrase rules by category, read from a table of
 * {@code category, weight, phrase}. A phrase is a sequence of words matched
 * case-insensitively on word boundaries, separated in the text by white space or hyphens;
 * a word ending in {@code *} matches any word it starts, {@code #} matches a number,
 * {@code ...} skips up to five words within a clause, {@code a|b|c} matches any of the
 * words listed (each may end in {@code *}), {@code @Name} matches one to four capitalised
 * words, joined by "and" or "&" ("orders Paxos to halt", "told Binance and Bybit to
 * stop"), and a phrase starting with {@code re:} is a regular expression (kept for the
 * rare case a phrase cannot say it; each one costs a scan of the text).
 * <p>
 * The text is split into words once; rules are indexed by their first word, so a text
 * costs one hash look-up per word and prefix length rather than one scan per rule.
 */
final class PhraseRules {

	private static final int MAX_GAP = 5;

	private static final int MAX_NAME_WORDS = 4;

	/** Rules by their first word, exact. */
	private final Map<String, List<Rule>> byWord;

	/** Rules whose first word is a prefix ({@code licen*}), by that prefix. */
	private final Map<String, List<Rule>> byPrefix;

	private final int[] prefixLengths;

	/** Rules starting with a number. */
	private final List<Rule> byNumber;

	private final List<Rule> regexRules;

	private final int ruleCount;

	/**
	 * Candidate rules per word seen so far (exact and prefix rules together), so that a
	 * word costs one look-up. Bounded: past the limit, words are looked up afresh.
	 */
	private final Map<String, Rule[]> candidates = new ConcurrentHashMap<>();

	private static final int CACHE_LIMIT = 100_000;

	private static final Rule[] NONE = new Rule[0];

	private PhraseRules(List<Rule> rules) {
		this.byWord = new HashMap<>();
		this.byPrefix = new HashMap<>();
		this.byNumber = new ArrayList<>();
		this.regexRules = new ArrayList<>();
		TreeSet<Integer> lengths = new TreeSet<>();
		for (Rule rule : rules) {
			if (rule.regex() != null) {
				this.regexRules.add(rule);
				continue;
			}
			Token first = rule.tokens()[0];
			List<Token> firsts = (first.kind() == Kind.ANY) ? first.alternatives() : List.of(first);
			for (Token token : firsts) {
				switch (token.kind()) {
					case WORD -> this.byWord.computeIfAbsent(token.text(), (k) -> new ArrayList<>()).add(rule);
					case PREFIX -> {
						this.byPrefix.computeIfAbsent(token.text(), (k) -> new ArrayList<>()).add(rule);
						lengths.add(token.text().length());
					}
					case NUMBER -> this.byNumber.add(rule);
					default ->
						throw new IllegalStateException("A phrase cannot start with '...' or a name: " + rule.phrase());
				}
			}
		}
		this.prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
		this.ruleCount = rules.size();
	}

	static PhraseRules of(List<Rule> rules) {
		return new PhraseRules(rules);
	}

	static PhraseRules load(String resource) {
		List<Rule> rules = new ArrayList<>();
		for (String[] row : Tsv.read(resource, 3)) {
			boolean context = row.length > 3 && "context".equals(row[3]);
			rules.add(Rule.of(rules.size(), row[0], Double.parseDouble(row[1]), row[2], context));
		}
		return new PhraseRules(rules);
	}

	/** Matches per category, in rule order. */
	Map<String, List<Hit>> match(String field, String text) {
		return match(field, text, Words.of((text != null) ? text : ""));
	}

	/** Matches per category, in rule order, on a text already split into words. */
	Map<String, List<Hit>> match(String field, String text, Words words) {
		Map<String, List<Hit>> hits = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) {
			return hits;
		}
		List<List<Hit>> perRule = new ArrayList<>(this.ruleCount);
		for (int i = 0; i < this.ruleCount; i++) {
			perRule.add(null);
		}
		for (int i = 0; i < words.size(); i++) {
			String word = words.lower[i];
			Rule[] rules = this.candidates.get(word);
			if (rules == null) {
				rules = candidatesFor(word);
				if (this.candidates.size() < CACHE_LIMIT) {
					this.candidates.put(word, rules);
				}
			}
			for (Rule rule : rules) {
				int end = matchFrom(rule.tokens(), 0, words, i);
				if (end >= 0) {
					int from = words.start[i];
					int to = words.end[end];
					add(perRule, rule, new Hit(rule, field, from, to, text.substring(from, to)));
				}
			}
		}
		for (Rule rule : this.regexRules) {
			Matcher matcher = rule.regex().matcher(text);
			while (matcher.find()) {
				if (matcher.end() > matcher.start()) {
					add(perRule, rule, new Hit(rule, field, matcher.start(), matcher.end(), matcher.group()));
				}
			}
		}
		for (List<Hit> list : perRule) {
			if (list != null) {
				hits.computeIfAbsent(list.get(0).rule().category(), (k) -> new ArrayList<>()).addAll(list);
			}
		}
		return hits;
	}

	private Rule[] candidatesFor(String word) {
		List<Rule> rules = new ArrayList<>(this.byWord.getOrDefault(word, List.of()));
		for (int length : this.prefixLengths) {
			if (length > word.length()) {
				break;
			}
			rules.addAll(this.byPrefix.getOrDefault(word.substring(0, length), List.of()));
		}
		if (Character.isDigit(word.charAt(0))) {
			rules.addAll(this.byNumber);
		}
		return rules.isEmpty() ? NONE : rules.stream().distinct().toArray(Rule[]::new);
	}

	private static void add(List<List<Hit>> perRule, Rule rule, Hit hit) {
		List<Hit> list = perRule.get(rule.index());
		if (list == null) {
			list = new ArrayList<>(2);
			perRule.set(rule.index(), list);
		}
		list.add(hit);
	}

	/**
	 * The index of the last word matched by {@code tokens[t..]} starting at word
	 * {@code w}, or -1.
	 */
	private static int matchFrom(Token[] tokens, int t, Words words, int w) {
		if (w >= words.size()) {
			return -1;
		}
		if (tokens[t].kind() == Kind.NAME) {
			return matchName(tokens, t, words, w);
		}
		if (!tokens[t].matches(words.lower[w])) {
			return -1;
		}
		if (t == tokens.length - 1) {
			return w;
		}
		Token next = tokens[t + 1];
		if (next.kind() == Kind.GAP) {
			// Lazily skip 0..MAX_GAP words within the clause, then the word after the
			// gap.
			for (int skip = 0; skip <= MAX_GAP; skip++) {
				int candidate = w + 1 + skip;
				if (candidate >= words.size() || words.separator[candidate] == Separator.HARD) {
					return -1;
				}
				int end = matchFrom(tokens, t + 2, words, candidate);
				if (end >= 0) {
					return end;
				}
			}
			return -1;
		}
		if (w + 1 >= words.size() || words.separator[w + 1] != Separator.SPACE) {
			return -1;
		}
		return matchFrom(tokens, t + 1, words, w + 1);
	}

	/**
	 * Matches a name of one to four capitalised words from word {@code w} and then the
	 * rest of the phrase, shortest name first.
	 */
	private static int matchName(Token[] tokens, int t, Words words, int w) {
		int names = 0;
		for (int i = w; i < words.size() && names < MAX_NAME_WORDS; i++) {
			if (i > w && words.separator[i] == Separator.HARD) {
				return -1;
			}
			if (!words.capitalised[i]) {
				if (i > w && words.lower[i].equals("and") && i + 1 < words.size() && words.capitalised[i + 1]) {
					continue;
				}
				return -1;
			}
			names++;
			if (t == tokens.length - 1) {
				return i;
			}
			if (i + 1 < words.size() && words.separator[i + 1] == Separator.SPACE) {
				int end = matchFrom(tokens, t + 1, words, i + 1);
				if (end >= 0) {
					return end;
				}
			}
		}
		return -1;
	}

	enum Kind {

		WORD, PREFIX, NUMBER, GAP, ANY, NAME

	}

	/**
	 * One element of a phrase.
	 *
	 * @param kind what it matches
	 * @param text the word or prefix, lower-cased
	 * @param alternatives for {@link Kind#ANY}, the words or prefixes any of which
	 * matches
	 */
	record Token(Kind kind, String text, List<Token> alternatives) {

		Token(Kind kind, String text) {
			this(kind, text, List.of());
		}

		boolean matches(String word) {
			return switch (this.kind) {
				case WORD -> word.equals(this.text);
				case PREFIX -> word.startsWith(this.text);
				case NUMBER -> Character.isDigit(word.charAt(0));
				case ANY -> this.alternatives.stream().anyMatch((alternative) -> alternative.matches(word));
				case GAP, NAME -> false;
			};
		}

	}

	/**
	 * A rule: the phrase is split into tokens like the text is split into words, so
	 * "e-CNY" is the two words "e" and "cny". A context rule (fourth column
	 * {@code context}) names the subject of a topic without an act of it ("the law",
	 * "reserves"): it adds to the topic's score, but alone it does not anchor the topic.
	 */
	record Rule(int index, String category, double weight, String phrase, Token[] tokens, Pattern regex,
			boolean context) {

		static Rule of(int index, String category, double weight, String phrase) {
			return of(index, category, weight, phrase, false);
		}

		static Rule of(int index, String category, double weight, String phrase, boolean context) {
			if (phrase.startsWith("re:")) {
				return new Rule(index, category, weight, phrase, new Token[0],
						Pattern.compile(phrase.substring(3), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), context);
			}
			List<Token> tokens = new ArrayList<>();
			for (String word : phrase.trim().split("\\s+")) {
				if (word.equals("...")) {
					tokens.add(new Token(Kind.GAP, ""));
				}
				else if (word.equals("@Name")) {
					tokens.add(new Token(Kind.NAME, ""));
				}
				else if (word.contains("|")) {
					List<Token> alternatives = new ArrayList<>();
					for (String alternative : word.split("\\|")) {
						boolean prefix = alternative.endsWith("*");
						String body = (prefix ? alternative.substring(0, alternative.length() - 1) : alternative)
							.toLowerCase(Locale.ROOT);
						if (!body.matches("[\\p{L}\\p{N}]+")) {
							throw new IllegalStateException(
									"Bad alternative '" + alternative + "' in '" + phrase + "'");
						}
						alternatives.add(new Token(prefix ? Kind.PREFIX : Kind.WORD, body));
					}
					tokens.add(new Token(Kind.ANY, "", List.copyOf(alternatives)));
				}
				else if (word.equals("#")) {
					tokens.add(new Token(Kind.NUMBER, ""));
				}
				else {
					boolean prefix = word.endsWith("*");
					String body = prefix ? word.substring(0, word.length() - 1) : word;
					String[] parts = body.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
					for (int i = 0; i < parts.length; i++) {
						if (!parts[i].isEmpty()) {
							boolean last = i == parts.length - 1;
							tokens.add(new Token((prefix && last) ? Kind.PREFIX : Kind.WORD, parts[i]));
						}
					}
				}
			}
			if (tokens.isEmpty() || tokens.get(tokens.size() - 1).kind() == Kind.GAP) {
				throw new IllegalStateException("Bad phrase rule '" + phrase + "'");
			}
			return new Rule(index, category, weight, phrase, tokens.toArray(new Token[0]), null, context);
		}

	}

	record Hit(Rule rule, String field, int start, int end, String text) {

		boolean inTitle() {
			return "title".equals(this.field);
		}

	}

	/** How a word is separated from the one before it. */
	enum Separator {

		/** White space and hyphens only: the words may form a phrase. */
		SPACE,
		/** Also figures' punctuation ($ . , % '): still the same clause. */
		SOFT,
		/** Anything else (; : ( " and the like): a phrase does not continue. */
		HARD

	}

	/** The text's words (maximal runs of letters and digits), lower-cased. */
	static final class Words {

		final String[] lower;

		final int[] start;

		final int[] end;

		final Separator[] separator;

		/** Whether the word starts with an upper-case letter in the text. */
		final boolean[] capitalised;

		private final int size;

		private Words(String[] lower, int[] start, int[] end, Separator[] separator, boolean[] capitalised, int size) {
			this.lower = lower;
			this.start = start;
			this.end = end;
			this.separator = separator;
			this.capitalised = capitalised;
			this.size = size;
		}

		int size() {
			return this.size;
		}

		static Words of(String text) {
			int capacity = text.length() / 2 + 1;
			String[] lower = new String[capacity];
			int[] starts = new int[capacity];
			int[] ends = new int[capacity];
			Separator[] separators = new Separator[capacity];
			boolean[] capitalised = new boolean[capacity];
			int n = 0;
			int i = 0;
			int length = text.length();
			int previousEnd = 0;
			while (i < length) {
				while (i < length && !Character.isLetterOrDigit(text.charAt(i))) {
					i++;
				}
				if (i >= length) {
					break;
				}
				int begin = i;
				while (i < length && Character.isLetterOrDigit(text.charAt(i))) {
					i++;
				}
				starts[n] = begin;
				ends[n] = i;
				lower[n] = text.substring(begin, i).toLowerCase(Locale.ROOT);
				capitalised[n] = Character.isUpperCase(text.charAt(begin));
				separators[n] = (n == 0) ? Separator.HARD : separator(text, previousEnd, begin);
				previousEnd = i;
				n++;
			}
			return new Words(lower, starts, ends, separators, capitalised, n);
		}

		private static Separator separator(String text, int from, int to) {
			Separator result = Separator.SPACE;
			for (int i = from; i < to; i++) {
				char c = text.charAt(i);
				if (Character.isWhitespace(c) || c == '-' || c == '\u00a0') {
					continue;
				}
				if (c == '.' || c == ',' || c == '$' || c == '%' || c == '\'' || c == '’') {
					result = Separator.SOFT;
					continue;
				}
				return Separator.HARD;
			}
			return result;
		}

	}

}
