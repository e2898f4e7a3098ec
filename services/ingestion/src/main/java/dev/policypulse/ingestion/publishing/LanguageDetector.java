package dev.policypulse.ingestion.publishing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells the language of a text from the profiles in {@code language-profiles.txt}: by its
 * script for Japanese, Korean, Chinese, Russian and Arabic, and by its frequent short
 * words and typical letters for languages written in Latin letters. Deterministic and
 * cheap; it answers only when the evidence is clear, and {@code null} otherwise, which
 * suits short headlines better than a guess.
 */
final class LanguageDetector {

	private static final String RESOURCE = "language-profiles.txt";

	/** Characters of the text looked at; the start of an item says enough. */
	private static final int SAMPLE = 2_000;

	/** Fewest frequent words (plus letters) the winning language must show. */
	private static final int MIN_SCORE = 2;

	/** Most that typical letters add to a language's score. */
	private static final int MAX_LETTER_BONUS = 3;

	/**
	 * How many alphabetic letters one ideographic or syllabic character stands for, when
	 * weighing a script against Latin letters: a Chinese word is one or two characters.
	 */
	private static final int WIDE_CHARACTER_WEIGHT = 3;

	private static final Set<Character.UnicodeScript> WIDE_SCRIPTS = Set.of(Character.UnicodeScript.HAN,
			Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.HANGUL);

	private final List<ScriptProfile> scripts;

	private final Map<String, Set<String>> words;

	private final Map<String, Set<Integer>> letters;

	private LanguageDetector(List<ScriptProfile> scripts, Map<String, Set<String>> words,
			Map<String, Set<Integer>> letters) {
		this.scripts = scripts;
		this.words = words;
		this.letters = letters;
	}

	/** The detector with the profiles shipped with the service. */
	static LanguageDetector load() {
		Map<String, ScriptProfile> scripts = new LinkedHashMap<>();
		Map<String, Set<String>> words = new LinkedHashMap<>();
		Map<String, Set<Integer>> letters = new HashMap<>();
		Map<String, Set<Integer>> excluded = new HashMap<>();
		try (InputStream in = LanguageDetector.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + RESOURCE);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				String entry = line.strip();
				if (entry.isEmpty() || entry.startsWith("#")) {
					continue;
				}
				String[] parts = entry.split("\\s+");
				if (parts.length < 3) {
					throw new IllegalStateException(RESOURCE + ": incomplete line: " + entry);
				}
				String language = parts[0];
				List<String> values = List.of(parts).subList(2, parts.length);
				switch (parts[1]) {
					case "script" -> scripts.put(language, ScriptProfile.parse(language, values));
					case "not" -> excluded.computeIfAbsent(language, (l) -> new HashSet<>()).addAll(codePoints(values));
					case "words" -> words.computeIfAbsent(language, (l) -> new HashSet<>()).addAll(values);
					case "letters" ->
						letters.computeIfAbsent(language, (l) -> new HashSet<>()).addAll(codePoints(values));
					default -> throw new IllegalStateException(RESOURCE + ": unknown kind " + parts[1]);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<ScriptProfile> profiles = scripts.values()
			.stream()
			.map((profile) -> profile.excluding(excluded.getOrDefault(profile.language(), Set.of())))
			.toList();
		return new LanguageDetector(profiles, words, letters);
	}

	/**
	 * The language of an item.
	 * @param title the title, may be empty
	 * @param body the body text, may be empty
	 * @return the ISO 639-1 code, or {@code null} if the text does not say clearly
	 */
	String detect(String title, String body) {
		String text = title + "\n" + body;
		if (text.length() > SAMPLE) {
			text = text.substring(0, SAMPLE);
		}
		Map<Character.UnicodeScript, Integer> counts = new EnumMap<>(Character.UnicodeScript.class);
		Set<Integer> seen = new HashSet<>();
		int latin = 0;
		int other = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (!Character.isLetter(codePoint)) {
				continue;
			}
			seen.add(codePoint);
			Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
			counts.merge(script, 1, Integer::sum);
			if (script == Character.UnicodeScript.LATIN) {
				latin++;
			}
			else {
				other += WIDE_SCRIPTS.contains(script) ? WIDE_CHARACTER_WEIGHT : 1;
			}
		}
		if (latin == 0 && other == 0) {
			return null;
		}
		return (other > latin) ? byScript(counts, seen) : byWords(text);
	}

	private String byScript(Map<Character.UnicodeScript, Integer> counts, Set<Integer> seen) {
		String best = null;
		int bestScore = 0;
		for (ScriptProfile profile : this.scripts) {
			int score = profile.score(counts);
			if (score > bestScore && profile.allows(seen)) {
				best = profile.language();
				bestScore = score;
			}
		}
		return best;
	}

	private String byWords(String text) {
		Map<String, Integer> scores = new HashMap<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{M}]+")) {
			if (word.isEmpty()) {
				continue;
			}
			for (Map.Entry<String, Set<String>> profile : this.words.entrySet()) {
				if (profile.getValue().contains(word)) {
					scores.merge(profile.getKey(), 1, Integer::sum);
				}
			}
		}
		for (Map.Entry<String, Set<Integer>> profile : this.letters.entrySet()) {
			int bonus = (int) text.codePoints().filter(profile.getValue()::contains).limit(MAX_LETTER_BONUS).count();
			if (bonus > 0) {
				scores.merge(profile.getKey(), bonus, Integer::sum);
			}
		}
		String best = null;
		int bestScore = 0;
		int secondScore = 0;
		for (String language : this.words.keySet()) {
			int score = scores.getOrDefault(language, 0);
			if (score > bestScore) {
				secondScore = bestScore;
				bestScore = score;
				best = language;
			}
			else if (score > secondScore) {
				secondScore = score;
			}
		}
		// Clearly ahead: enough evidence, and a quarter more than the runner-up, as
		// neighbouring languages share many short words.
		boolean clear = bestScore >= MIN_SCORE && bestScore * 4 >= secondScore * 5 && bestScore > secondScore;
		return clear ? best : null;
	}

	private static Set<Integer> codePoints(List<String> values) {
		Set<Integer> codePoints = new HashSet<>();
		for (String value : values) {
			value.codePoints().forEach(codePoints::add);
		}
		return codePoints;
	}

	/**
	 * A language told by its script.
	 *
	 * @param language the ISO 639-1 code
	 * @param required scripts of which the text must contain at least one letter
	 * @param shared scripts that count towards the language too
	 * @param excluded letters the language does not use
	 */
	private record ScriptProfile(String language, Set<Character.UnicodeScript> required,
			Set<Character.UnicodeScript> shared, Set<Integer> excluded) {

		static ScriptProfile parse(String language, List<String> values) {
			Set<Character.UnicodeScript> required = new HashSet<>();
			Set<Character.UnicodeScript> shared = new HashSet<>();
			Set<Character.UnicodeScript> target = required;
			for (String value : values) {
				if (value.equals("+")) {
					target = shared;
				}
				else {
					target.add(Character.UnicodeScript.valueOf(value));
				}
			}
			return new ScriptProfile(language, Set.copyOf(required), Set.copyOf(shared), Set.of());
		}

		ScriptProfile excluding(Set<Integer> letters) {
			return new ScriptProfile(this.language, this.required, this.shared, Set.copyOf(letters));
		}

		/**
		 * Letters of the text in the language's scripts; 0 unless a required one shows.
		 */
		int score(Map<Character.UnicodeScript, Integer> counts) {
			int required = this.required.stream().mapToInt((script) -> counts.getOrDefault(script, 0)).sum();
			if (required == 0) {
				return 0;
			}
			return required + this.shared.stream().mapToInt((script) -> counts.getOrDefault(script, 0)).sum();
		}

		boolean allows(Set<Integer> letters) {
			return this.excluded.stream().noneMatch(letters::contains);
		}

	}

}
