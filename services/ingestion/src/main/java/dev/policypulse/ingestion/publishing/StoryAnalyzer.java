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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces an item to what tells its story apart (a {@link StoryFingerprint}): the words
 * of its title and of the start of its body, and the places it names.
 * <p>
 * Words are lower-cased, stripped of possessives and light English endings, and mapped to
 * a common form where reports of one event use different words for the same thing
 * ({@code story-words.txt}); words that say nothing about which event an item reports are
 * left out. Places ({@code story-places.txt}) are taken out of the words and kept apart:
 * two reports naming no country in common are different stories however alike their
 * words.
 */
final class StoryAnalyzer {

	/** Words of the body, after leaving out the uninformative ones, that count. */
	static final int LEAD_WORDS = 25;

	private static final String WORDS = "story-words.txt";

	private static final String PLACES = "story-places.txt";

	private static final Pattern TOKEN = Pattern
		.compile("\\p{N}+(?:[.,]\\p{N}+)*|[\\p{L}\\p{M}]+(?:['\\u2019][\\p{L}\\p{M}]+)*");

	/** Dotted abbreviations that would otherwise fall apart into letters. */
	private static final Pattern DOTTED = Pattern.compile("\\b(U\\.S\\.(?:A\\.)?|U\\.K\\.|E\\.U\\.)");

	private final Set<String> ignored;

	private final Map<String, String> synonyms;

	/** Place names by their first token, lower-case; longest names first. */
	private final Map<String, List<PlaceName>> places;

	private StoryAnalyzer(Set<String> ignored, Map<String, String> synonyms, Map<String, List<PlaceName>> places) {
		this.ignored = ignored;
		this.synonyms = synonyms;
		this.places = places;
	}

	/** The analyzer with the word and place lists shipped with the service. */
	static StoryAnalyzer load() {
		Set<String> ignored = new HashSet<>();
		Map<String, String> synonyms = new HashMap<>();
		String section = null;
		for (String line : lines(WORDS)) {
			if (line.startsWith("[")) {
				section = line;
				continue;
			}
			String[] words = line.split("\\s+");
			if ("[ignore]".equals(section)) {
				ignored.addAll(Arrays.asList(words));
			}
			else if ("[same]".equals(section)) {
				for (String word : words) {
					if (synonyms.putIfAbsent(word, words[0]) != null) {
						throw new IllegalStateException(WORDS + ": '" + word + "' is in two groups");
					}
				}
			}
			else {
				throw new IllegalStateException(WORDS + ": words outside a section: " + line);
			}
		}
		Map<String, List<PlaceName>> places = new HashMap<>();
		for (String line : lines(PLACES)) {
			int colon = line.indexOf(':');
			if (colon < 1) {
				throw new IllegalStateException(PLACES + ": not '<key>: <names>': " + line);
			}
			String key = line.substring(0, colon).strip();
			for (String name : line.substring(colon + 1).split(",")) {
				List<String> tokens = tokens(name.strip());
				if (tokens.isEmpty()) {
					continue;
				}
				boolean exact = name.strip().equals(name.strip().toUpperCase(Locale.ROOT));
				PlaceName place = new PlaceName(exact ? tokens : lowerCase(tokens), exact, key);
				places.computeIfAbsent(tokens.get(0).toLowerCase(Locale.ROOT), (first) -> new ArrayList<>()).add(place);
			}
		}
		places.values()
			.forEach((names) -> names.sort(Comparator.comparingInt((PlaceName name) -> -name.tokens().size())));
		return new StoryAnalyzer(Set.copyOf(ignored), Map.copyOf(synonyms), Map.copyOf(places));
	}

	/**
	 * The fingerprint of an item.
	 * @param title the clean title
	 * @param body the plain-text body
	 * @return its words and places
	 */
	StoryFingerprint analyse(String title, String body) {
		List<String> titleTokens = tokens(title);
		List<String> bodyTokens = tokens(body);
		Set<String> features = new HashSet<>();
		Set<String> placeKeys = new TreeSet<>();
		scan(titleTokens, Integer.MAX_VALUE, features, placeKeys);
		scan(bodyTokens, LEAD_WORDS, features, placeKeys);
		return StoryFingerprint.of(features, placeKeys);
	}

	/**
	 * Adds the words and places of {@code tokens} until {@code limit} words were taken.
	 */
	private void scan(List<String> tokens, int limit, Set<String> features, Set<String> placeKeys) {
		int taken = 0;
		int i = 0;
		while (i < tokens.size() && taken < limit) {
			int placeLength = place(tokens, i, placeKeys);
			if (placeLength > 0) {
				i += placeLength;
				continue;
			}
			String word = tokens.get(i++).toLowerCase(Locale.ROOT);
			if (Character.isDigit(word.codePointAt(0))) {
				word = word.replace(",", "");
			}
			if (this.ignored.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0)))) {
				continue;
			}
			String synonym = this.synonyms.get(word);
			features.add((synonym != null) ? synonym : stem(word));
			taken++;
		}
	}

	/** The length of the longest place name at {@code start}, recorded; 0 if none. */
	private int place(List<String> tokens, int start, Set<String> placeKeys) {
		List<PlaceName> candidates = this.places.get(tokens.get(start).toLowerCase(Locale.ROOT));
		if (candidates == null) {
			return 0;
		}
		for (PlaceName name : candidates) {
			if (name.matches(tokens, start)) {
				placeKeys.add(name.key());
				return name.tokens().size();
			}
		}
		return 0;
	}

	/**
	 * A light stemmer for English endings: enough to make "licensed" and "licences", or
	 * "exchanges" and "exchange", agree, without a dictionary.
	 */
	static String stem(String word) {
		if (word.length() < 4 || !Character.isLetter(word.codePointAt(0))) {
			return word;
		}
		String stem = word;
		if (stem.length() > 4 && stem.endsWith("ies")) {
			return stem.substring(0, stem.length() - 3) + "y";
		}
		if (stem.length() > 5 && stem.endsWith("ing")) {
			stem = stem.substring(0, stem.length() - 3);
		}
		else if (stem.length() > 4 && stem.endsWith("ed")) {
			stem = stem.substring(0, stem.length() - 2);
		}
		else if (stem.endsWith("es") && !stem.endsWith("ses")) {
			stem = stem.substring(0, stem.length() - 1);
		}
		if (stem.length() > 3 && stem.endsWith("s") && !stem.endsWith("ss")) {
			stem = stem.substring(0, stem.length() - 1);
		}
		if (stem.length() > 4 && stem.endsWith("e")) {
			stem = stem.substring(0, stem.length() - 1);
		}
		return stem;
	}

	/** Words and numbers of a text, as written, without possessive endings. */
	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return tokens;
		}
		String composed = Normalizer.isNormalized(text, Normalizer.Form.NFKC) ? text
				: Normalizer.normalize(text, Normalizer.Form.NFKC);
		String normal = (composed.indexOf('.') >= 0)
				? DOTTED.matcher(composed).replaceAll((match) -> match.group(1).replace(".", "").replace("USA", "US"))
				: composed;
		Matcher matcher = TOKEN.matcher(normal);
		while (matcher.find()) {
			tokens.add(withoutPossessive(matcher.group()));
		}
		return tokens;
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

	/**
	 * One name of a place.
	 *
	 * @param tokens its tokens; lower-case unless {@code exact}
	 * @param exact whether the name must appear exactly as written (an abbreviation in
	 * capitals)
	 * @param key the place it names
	 */
	private record PlaceName(List<String> tokens, boolean exact, String key) {

		boolean matches(List<String> text, int start) {
			if (start + this.tokens.size() > text.size()) {
				return false;
			}
			for (int i = 0; i < this.tokens.size(); i++) {
				String token = text.get(start + i);
				if (!(this.exact ? token.equals(this.tokens.get(i)) : token.equalsIgnoreCase(this.tokens.get(i)))) {
					return false;
				}
			}
			return true;
		}

	}

}
