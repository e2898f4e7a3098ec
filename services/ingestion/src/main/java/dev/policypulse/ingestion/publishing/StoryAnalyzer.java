package dev.policypulse.ingestion.publishing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces an item to what tells its story apart (a {@link StoryFingerprint}): the words
 * of its title and of the start of its body, the institutions it names, and the places it
 * names, in all and in its title.
 * <p>
 * Words are lower-cased, stripped of possessives, mapped to a common form where reports
 * of one event use different words for the same thing ({@code story-words.txt}: "fined",
 * "penalty"; "set up", "create") and otherwise stemmed ({@link Stemmer}: "investment",
 * "invested"); words that say nothing about which event an item reports are left out. The
 * written-out name of an institution ("Monetary Authority of Singapore") becomes its
 * abbreviation ("mas"), so that it matches a report that abbreviates it. Places
 * ({@code story-places.txt}) are taken out of the words and kept apart: two reports
 * naming no country in common are different stories however alike their words. A place
 * name that is an institution ("FCA", "Bundesbank") also counts as a word.
 * <p>
 * Words of the title count twice; names (capitalised words in no list: companies, people,
 * products) and numbers of two or more digits that are no years count twice as well, or
 * three times in the title.
 */
final class StoryAnalyzer {

	/** Words of the body, after leaving out the uninformative ones, that count. */
	static final int LEAD_WORDS = 25;

	/** Characters of a body read at first: the lead is nearly always in them. */
	private static final int LEAD_CHARACTERS = 2_000;

	/**
	 * Tokens that must follow the lead in a cut body for the cut to be sure not to split
	 * a name or a phrase.
	 */
	private static final int CUT_MARGIN = 20;

	/**
	 * How much more a word of the title counts: the title says what happened, the body
	 * adds detail.
	 */
	static final int TITLE_BONUS = 1;

	/**
	 * How much a name counts (a capitalised word in no list: a company, a person, a
	 * product), and a number of two or more digits that is no year (an amount, a count):
	 * they tell one event from another of the same actor or topic better than most words.
	 * Institutions count as much as other words: a regulator is named in all of its
	 * stories.
	 */
	static final int NAME_WEIGHT = 2;

	private static final String WORDS = "story-words.txt";

	private static final String PLACES = "story-places.txt";

	/** Shortest abbreviation made of a written-out name: two letters match too much. */
	private static final int MIN_ABBREVIATION = 3;

	/**
	 * The article that may follow a connector within a name ("Central Bank of the UAE").
	 */
	private static final String ARTICLE = "the";

	/** Most capitalised words after "of" that still belong to a name. */
	private static final int MAX_NAME_TAIL = 3;

	private static final Pattern TOKEN = Pattern
		.compile("\\p{N}+(?:[.,]\\p{N}+)*|[\\p{L}\\p{M}]+(?:['\\u2019][\\p{L}\\p{M}]+)*");

	/** Dotted abbreviations that would otherwise fall apart into letters. */
	private static final Pattern DOTTED = Pattern.compile("\\b(U\\.S\\.(?:A\\.)?|U\\.K\\.|E\\.U\\.)");

	private final Set<String> ignored;

	private final Map<String, String> synonyms;

	/** Phrases by their first token, lower-case; longest first. */
	private final Map<String, List<Phrase>> phrases;

	/** Words that end the name of an institution ("authority", "commission"). */
	private final Set<String> institutionHeads;

	/** Lower-case words that may stand inside a name ("of", "and"). */
	private final Set<String> connectors;

	/** Words that are no names even when capitalised. */
	private final Set<String> common;

	/** Place names by their first token, lower-case; longest names first. */
	private final Map<String, List<PlaceName>> places;

	/** Abbreviations that are place names of institutions, in capitals. */
	private final Set<String> knownAbbreviations;

	private StoryAnalyzer(Lists lists, Map<String, List<PlaceName>> places, Set<String> knownAbbreviations) {
		this.ignored = Set.copyOf(lists.ignored);
		this.synonyms = Map.copyOf(lists.synonyms);
		this.phrases = Map.copyOf(lists.phrases);
		this.institutionHeads = Set.copyOf(lists.institutionHeads);
		this.connectors = Set.copyOf(lists.connectors);
		this.common = Set.copyOf(lists.common);
		this.places = places;
		this.knownAbbreviations = knownAbbreviations;
	}

	/** The analyzer with the word and place lists shipped with the service. */
	static StoryAnalyzer load() {
		Lists lists = new Lists();
		String section = null;
		for (String line : lines(WORDS)) {
			if (line.startsWith("[")) {
				section = line;
				continue;
			}
			if (section == null) {
				throw new IllegalStateException(WORDS + ": words outside a section: " + line);
			}
			lists.add(section, line);
		}
		lists.phrases.values()
			.forEach((names) -> names.sort(Comparator.comparingInt((Phrase phrase) -> -phrase.tokens().size())));
		Map<String, List<PlaceName>> places = new HashMap<>();
		Set<String> knownAbbreviations = new HashSet<>();
		for (String line : lines(PLACES)) {
			int colon = line.indexOf(':');
			if (colon < 1) {
				throw new IllegalStateException(PLACES + ": not '<key>: <names>': " + line);
			}
			String key = line.substring(0, colon).strip();
			for (String entry : line.substring(colon + 1).split(",")) {
				String name = entry.strip();
				boolean institution = name.startsWith("+");
				if (institution) {
					name = name.substring(1).strip();
				}
				List<String> tokens = tokens(name);
				if (tokens.isEmpty()) {
					continue;
				}
				boolean exact = name.equals(name.toUpperCase(Locale.ROOT));
				String word = null;
				if (institution) {
					word = String.join(" ", lowerCase(tokens));
					if (exact && tokens.size() == 1) {
						knownAbbreviations.add(tokens.get(0));
					}
				}
				PlaceName place = new PlaceName(exact ? tokens : lowerCase(tokens), exact, key, word);
				places.computeIfAbsent(tokens.get(0).toLowerCase(Locale.ROOT), (first) -> new ArrayList<>()).add(place);
			}
		}
		places.values()
			.forEach((names) -> names.sort(Comparator.comparingInt((PlaceName name) -> -name.tokens().size())));
		return new StoryAnalyzer(lists, Map.copyOf(places), Set.copyOf(knownAbbreviations));
	}

	/**
	 * The fingerprint of an item.
	 * @param title the clean title
	 * @param body the plain-text body
	 * @return its words and places
	 */
	StoryFingerprint analyse(String title, String body) {
		Map<String, Integer> weights = new HashMap<>();
		Set<String> placeKeys = new TreeSet<>();
		Set<String> titlePlaceKeys = new TreeSet<>();
		collect(title, body, weights, placeKeys, titlePlaceKeys);
		return StoryFingerprint.of(weights, placeKeys, titlePlaceKeys);
	}

	/** The words an item is compared by, with their weights, in the order found. */
	Map<String, Integer> words(String title, String body) {
		Map<String, Integer> weights = new LinkedHashMap<>();
		collect(title, body, weights, new TreeSet<>(), new TreeSet<>());
		return weights;
	}

	private void collect(String title, String body, Map<String, Integer> weights, Set<String> placeKeys,
			Set<String> titlePlaceKeys) {
		Text titleText = Text.of(title);
		// A title in title case capitalises every word: names cannot be told apart.
		boolean titleCase = isTitleCase(titleText);
		scan(titleText, titleCase ? Map.of() : names(titleText), !titleCase, Integer.MAX_VALUE, TITLE_BONUS, weights,
				titlePlaceKeys);
		placeKeys.addAll(titlePlaceKeys);
		if (body == null || body.isEmpty()) {
			return;
		}
		if (body.length() <= LEAD_CHARACTERS) {
			scanLead(body, false, weights, placeKeys);
			return;
		}
		// Only the lead counts: read the start of a long body, and all of it only if the
		// start has too few words or the lead ends too close to the cut.
		Map<String, Integer> leadWeights = new LinkedHashMap<>();
		Set<String> leadPlaces = new TreeSet<>();
		if (!scanLead(body.substring(0, Math.max(body.lastIndexOf(' ', LEAD_CHARACTERS), 1)), true, leadWeights,
				leadPlaces)) {
			leadWeights.clear();
			leadPlaces.clear();
			scanLead(body, false, leadWeights, leadPlaces);
		}
		leadWeights.forEach((word, weight) -> add(weights, word, weight));
		placeKeys.addAll(leadPlaces);
	}

	/**
	 * Adds the words and places of the lead in {@code text}; false if the text was cut
	 * and the lead may go on after it.
	 */
	private boolean scanLead(String text, boolean cut, Map<String, Integer> weights, Set<String> placeKeys) {
		Text lead = Text.of(text);
		int end = scan(lead, names(lead), true, LEAD_WORDS, 0, weights, placeKeys);
		return !cut || end + CUT_MARGIN <= lead.size();
	}

	private static void add(Map<String, Integer> weights, String word, int weight) {
		weights.merge(word, weight, Math::max);
	}

	/**
	 * Adds the words and places of {@code text} until {@code limit} words were taken.
	 * @param names the names of institutions by their first token
	 * @param caseTells whether capitals tell names from other words (not in a title in
	 * title case)
	 * @param bonus what each word weighs more than it would in the body
	 * @return the position after the last word taken, or the number of tokens if fewer
	 * than {@code limit} words were taken
	 */
	private int scan(Text text, Map<Integer, Name> names, boolean caseTells, int limit, int bonus,
			Map<String, Integer> features, Set<String> placeKeys) {
		int taken = 0;
		int i = 0;
		while (i < text.size() && taken < limit) {
			Name institution = names.get(i);
			if (institution != null) {
				// The places within the name still count ("Ontario" in "Ontario
				// Securities Commission"); its words are replaced by its abbreviation.
				for (int j = i; j < institution.end(); j++) {
					int placeLength = place(text, j, placeKeys);
					j += Math.max(placeLength - 1, 0);
				}
				add(features, institution.abbreviation(), 1 + bonus);
				taken++;
				i = institution.end();
				continue;
			}
			PlaceName placeName = placeAt(text, i);
			if (placeName != null) {
				placeKeys.add(placeName.key());
				if (placeName.word() != null) {
					add(features, placeName.word(), 1 + bonus);
				}
				i += placeName.tokens().size();
				continue;
			}
			Phrase phrase = phrase(text, i);
			String word;
			int weight = 1;
			boolean abbreviation = false;
			boolean capitalised = false;
			if (phrase != null) {
				word = phrase.word();
				i += phrase.tokens().size();
			}
			else {
				String token = text.word(i);
				word = text.lower(i);
				if (Character.isDigit(word.codePointAt(0))) {
					word = word.replace(",", "");
					weight = (word.length() == 1 || isYear(word)) ? 1 : NAME_WEIGHT;
				}
				else if (isAbbreviation(token)) {
					// Not stemmed: "AED" is no past tense.
					abbreviation = true;
				}
				else if (caseTells && isCapitalised(token)) {
					capitalised = true;
				}
				i++;
			}
			if (this.ignored.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)))) {
				continue;
			}
			String synonym = this.synonyms.get(word);
			if (synonym != null) {
				add(features, synonym, weight + bonus);
			}
			else if (abbreviation) {
				add(features, word, 1 + bonus);
			}
			else {
				String stem = stem(word);
				// A capitalised word in no list is a name.
				boolean name = capitalised && !this.common.contains(word) && !this.common.contains(stem);
				add(features, stem, (name ? NAME_WEIGHT : weight) + bonus);
			}
			taken++;
		}
		return (taken < limit) ? text.size() : i;
	}

	/** The length of the longest place name at {@code start}, recorded; 0 if none. */
	private int place(Text text, int start, Set<String> placeKeys) {
		PlaceName name = placeAt(text, start);
		if (name == null) {
			return 0;
		}
		placeKeys.add(name.key());
		return name.tokens().size();
	}

	private static boolean isYear(String number) {
		return number.length() == 4 && (number.startsWith("19") || number.startsWith("20"));
	}

	private PlaceName placeAt(Text text, int start) {
		List<PlaceName> candidates = this.places.get(text.lower(start));
		if (candidates == null) {
			return null;
		}
		for (PlaceName name : candidates) {
			if (name.matches(text, start)) {
				return name;
			}
		}
		return null;
	}

	private Phrase phrase(Text text, int start) {
		List<Phrase> candidates = this.phrases.get(text.lower(start));
		if (candidates == null) {
			return null;
		}
		for (Phrase phrase : candidates) {
			if (phrase.matches(text, start)) {
				return phrase;
			}
		}
		return null;
	}

	/**
	 * The written-out names of institutions in {@code tokens}, by the position they start
	 * at: capitalised words ending in a word such as "Authority" or "Commission",
	 * optionally followed by "of" and a few more capitalised words ("Monetary Authority
	 * of Singapore"), that abbreviate to at least three letters.
	 */
	private Map<Integer, Name> names(Text text) {
		Map<Integer, Name> names = new HashMap<>();
		int i = 0;
		while (i < text.size()) {
			if (!isCapitalised(text.word(i))) {
				i++;
				continue;
			}
			// A run of capitalised words and the connectors between them ("of", "of
			// the").
			int end = i + 1;
			while (end < text.size() && !text.breakBefore(end)) {
				int next = end;
				if (this.connectors.contains(text.word(next))) {
					next++;
					if (next < text.size() && text.word(next).equals(ARTICLE) && !text.breakBefore(next)) {
						next++;
					}
				}
				if (next < text.size() && isCapitalised(text.word(next)) && !text.breakBefore(next)) {
					end = next + 1;
				}
				else {
					break;
				}
			}
			Name name = name(text, i, end);
			if (name != null) {
				names.put(name.start(), name);
			}
			i = end;
		}
		return names;
	}

	/** The name of an institution within the run of capitalised words, or null. */
	private Name name(Text text, int start, int end) {
		int head = -1;
		for (int i = start; i < end; i++) {
			if (this.institutionHeads.contains(text.lower(i))) {
				head = i;
			}
		}
		if (head < 0) {
			return null;
		}
		int tailEnd = head + 1;
		if (tailEnd + 1 < end && text.word(tailEnd).equals("of")) {
			int tail = tailEnd + 1;
			if (text.word(tail).equals(ARTICLE)) {
				tail++;
			}
			int capitalised = 0;
			while (tail < end && isCapitalised(text.word(tail)) && capitalised < MAX_NAME_TAIL) {
				tail++;
				capitalised++;
			}
			tailEnd = (capitalised > 0) ? tail : tailEnd;
		}
		// An abbreviation known as the name of an institution, from the longest name down
		// ("Treasury Office of Foreign Assets Control" is OFAC).
		for (int first = start; first <= head; first++) {
			String[] forms = { abbreviation(text, first, tailEnd, false), abbreviation(text, first, tailEnd, true),
					abbreviation(text, first, head + 1, false) };
			for (int form = 0; form < forms.length; form++) {
				if (this.knownAbbreviations.contains(forms[form])) {
					return name(text, first, (form < 2) ? tailEnd : head + 1, forms[form]);
				}
			}
		}
		// Otherwise without sentence-initial "The" and the places leading the name, which
		// most abbreviations leave out ("Kenyan Capital Markets Authority" is CMA).
		int first = start;
		if (first < head && text.lower(first).equals(ARTICLE)) {
			first++;
		}
		PlaceName place;
		while (first < head && (place = placeAt(text, first)) != null) {
			first += place.tokens().size();
		}
		String upToHead = abbreviation(text, first, head + 1, false);
		if (upToHead.length() >= MIN_ABBREVIATION) {
			return name(text, first, head + 1, upToHead);
		}
		String whole = abbreviation(text, first, tailEnd, false);
		if (whole.length() >= MIN_ABBREVIATION) {
			return name(text, first, tailEnd, whole);
		}
		// Too short to abbreviate ("Crypto Council"): the name as written, as one word.
		return name(text, first, head + 1, String.join(" ", text.lowerCase().subList(first, head + 1)));
	}

	/** A name of at least two capitalised words, else null. */
	private static Name name(Text text, int start, int end, String abbreviation) {
		int capitalised = 0;
		for (int i = start; i < end; i++) {
			capitalised += isCapitalised(text.word(i)) ? 1 : 0;
		}
		return (capitalised >= 2) ? new Name(start, end, abbreviation.toLowerCase(Locale.ROOT)) : null;
	}

	/**
	 * The initials of the capitalised words from {@code start} to {@code end}, in
	 * capitals; with {@code withOf}, "of" counts as an "O" (PBOC, BOE).
	 */
	private static String abbreviation(Text text, int start, int end, boolean withOf) {
		StringBuilder initials = new StringBuilder();
		for (int i = start; i < end; i++) {
			String token = text.word(i);
			if (isCapitalised(token)) {
				initials.appendCodePoint(token.codePointAt(0));
			}
			else if (withOf && token.equals("of")) {
				initials.append('O');
			}
		}
		return initials.toString().toUpperCase(Locale.ROOT);
	}

	/**
	 * Whether a title capitalises all its longer words ("SEC Fines Broker Over Lapses"),
	 * as a title in sentence case with a long name ("Pakistan creates Virtual Assets
	 * Regulatory Authority") does not.
	 */
	private static boolean isTitleCase(Text text) {
		int words = 0;
		for (String token : text.words()) {
			if (token.length() > 3 && Character.isLetter(token.codePointAt(0))) {
				if (!isCapitalised(token)) {
					return false;
				}
				words++;
			}
		}
		return words >= 3;
	}

	/** Whether a token is written in capitals ("AED", "SEC"), at least two letters. */
	private static boolean isAbbreviation(String token) {
		if (token.length() < 2) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			if (!Character.isUpperCase(token.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isCapitalised(String token) {
		return Character.isUpperCase(token.codePointAt(0));
	}

	/** The stem of a lower-case word (see {@link Stemmer}); numbers as they are. */
	private static String stem(String word) {
		return Stemmer.stem(word);
	}

	/** Words and numbers of a text, as written, without possessive endings. */
	static List<String> tokens(String text) {
		return Text.of(text).words();
	}

	/** Whether the text between two tokens has punctuation other than a hyphen or "&". */
	private static boolean isBreak(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c) && c != '-' && c != '&' && c != '\'' && c != '\u2019') {
				return true;
			}
		}
		return false;
	}

	private static String normalise(String text) {
		String composed = Normalizer.isNormalized(text, Normalizer.Form.NFKC) ? text
				: Normalizer.normalize(text, Normalizer.Form.NFKC);
		return (composed.indexOf('.') >= 0)
				? DOTTED.matcher(composed).replaceAll((match) -> match.group(1).replace(".", "").replace("USA", "US"))
				: composed;
	}

	/** The word without a final 's or ’s. */
	private static String withoutPossessive(String token) {
		int length = token.length();
		if (length > 2 && (token.charAt(length - 1) == 's' || token.charAt(length - 1) == 'S')
				&& (token.charAt(length - 2) == '\'' || token.charAt(length - 2) == '\u2019')) {
			return token.substring(0, length - 2);
		}
		return token;
	}

	private static List<String> lowerCase(List<String> tokens) {
		return tokens.stream().map((token) -> token.toLowerCase(Locale.ROOT)).toList();
	}

	private static List<String> lines(String resource) {
		try (InputStream in = StoryAnalyzer.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + resource);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			return reader.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The sections of the word list, as read. */
	private static final class Lists {

		final Set<String> ignored = new HashSet<>();

		final Map<String, String> synonyms = new HashMap<>();

		final Map<String, List<Phrase>> phrases = new HashMap<>();

		final Set<String> institutionHeads = new HashSet<>();

		final Set<String> connectors = new HashSet<>();

		final Set<String> common = new HashSet<>();

		void add(String section, String line) {
			String[] words = line.split("\\s+");
			switch (section) {
				case "[ignore]" -> this.ignored.addAll(Arrays.asList(words));
				case "[same]" -> {
					for (String word : words) {
						if (this.synonyms.putIfAbsent(word, words[0]) != null) {
							throw new IllegalStateException(WORDS + ": '" + word + "' is in two groups");
						}
					}
				}
				case "[phrases]" -> {
					int equals = line.indexOf('=');
					if (equals < 1) {
						throw new IllegalStateException(WORDS + ": not '<phrase> = <word>': " + line);
					}
					List<String> tokens = lowerCase(tokens(line.substring(0, equals)));
					String word = line.substring(equals + 1).strip();
					if (tokens.size() < 2 || word.isEmpty() || word.contains(" ")) {
						throw new IllegalStateException(WORDS + ": not '<phrase> = <word>': " + line);
					}
					this.phrases.computeIfAbsent(tokens.get(0), (first) -> new ArrayList<>())
						.add(new Phrase(tokens, word));
				}
				case "[institutions]" -> this.institutionHeads.addAll(Arrays.asList(words));
				case "[connectors]" -> this.connectors.addAll(Arrays.asList(words));
				case "[common]" -> {
					for (String word : words) {
						this.common.add(word);
						this.common.add(stem(word));
					}
				}
				default -> throw new IllegalStateException(WORDS + ": unknown section " + section);
			}
		}

	}

	/**
	 * The tokens of a text: words and numbers as written, without possessive endings,
	 * also in lower case, and where punctuation separates a token from the one before (a
	 * new sentence, a comma), which a name does not run across.
	 */
	private static final class Text {

		private final List<String> words;

		private final List<String> lower;

		private final BitSet breaks;

		private Text(List<String> words, List<String> lower, BitSet breaks) {
			this.words = words;
			this.lower = lower;
			this.breaks = breaks;
		}

		static Text of(String text) {
			List<String> words = new ArrayList<>();
			List<String> lower = new ArrayList<>();
			BitSet breaks = new BitSet();
			if (text != null && !text.isEmpty()) {
				String normal = normalise(text);
				Matcher matcher = TOKEN.matcher(normal);
				int previousEnd = 0;
				while (matcher.find()) {
					if (isBreak(normal, previousEnd, matcher.start())) {
						breaks.set(words.size());
					}
					String word = withoutPossessive(matcher.group());
					words.add(word);
					lower.add(word.toLowerCase(Locale.ROOT));
					previousEnd = matcher.end();
				}
			}
			return new Text(words, lower, breaks);
		}

		int size() {
			return this.words.size();
		}

		String word(int position) {
			return this.words.get(position);
		}

		String lower(int position) {
			return this.lower.get(position);
		}

		List<String> words() {
			return this.words;
		}

		List<String> lowerCase() {
			return this.lower;
		}

		/**
		 * Whether punctuation separates the token at {@code position} from the one
		 * before.
		 */
		boolean breakBefore(int position) {
			return this.breaks.get(position);
		}

	}

	/**
	 * A phrase that stands for one word ("set up" for "create").
	 *
	 * @param tokens its tokens, lower-case
	 * @param word the word
	 */
	private record Phrase(List<String> tokens, String word) {

		boolean matches(Text text, int start) {
			if (start + this.tokens.size() > text.size()) {
				return false;
			}
			for (int i = 0; i < this.tokens.size(); i++) {
				if (!text.lower(start + i).equals(this.tokens.get(i))) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * The written-out name of an institution.
	 *
	 * @param start its first token
	 * @param end the token after it
	 * @param abbreviation its abbreviation, lower-case
	 */
	private record Name(int start, int end, String abbreviation) {

	}

	/**
	 * One name of a place.
	 *
	 * @param tokens its tokens; lower-case unless {@code exact}
	 * @param exact whether the name must appear exactly as written (an abbreviation in
	 * capitals)
	 * @param key the place it names
	 * @param word the word it also counts as, if it names an institution; else
	 * {@code null}
	 */
	private record PlaceName(List<String> tokens, boolean exact, String key, String word) {

		boolean matches(Text text, int start) {
			if (start + this.tokens.size() > text.size()) {
				return false;
			}
			for (int i = 0; i < this.tokens.size(); i++) {
				String token = this.exact ? text.word(start + i) : text.lower(start + i);
				if (!token.equals(this.tokens.get(i))) {
					return false;
				}
			}
			return true;
		}

	}

}
