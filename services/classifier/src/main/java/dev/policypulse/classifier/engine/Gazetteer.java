package dev.policypulse.classifier.engine;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds names of jurisdictions and international organisations in text. Country names
 * come from the JDK's locale data in five languages, everything else from
 * {@code jurisdiction-aliases.tsv} and {@code organisations.tsv}. Matching is
 * case-sensitive (so "SEC" and "Chad" are not "sec" or "chad"), on word boundaries,
 * longest match first.
 */
final class Gazetteer {

	private static final List<Locale> NAME_LOCALES = List.of(Locale.ENGLISH, new Locale("es"), Locale.FRENCH,
			Locale.GERMAN, new Locale("pt"));

	/**
	 * Text allowed between a jurisdiction and a generic institution name that belongs to
	 * it.
	 */
	private static final Pattern OWNER_GAP = Pattern.compile("\\s*(?:['’]s)?\\s*");

	private static final Pattern OF_GAP = Pattern.compile("\\s+of(?:\\s+the)?\\s+");

	private final Map<String, Entry> entries;

	private final Trie trie;

	private Gazetteer(Map<String, Entry> entries) {
		this.entries = entries;
		this.trie = Trie.builder().addKeywords(entries.keySet()).build();
	}

	static Gazetteer load() {
		Map<String, Entry> entries = new HashMap<>();
		for (String cc : Locale.getISOCountries()) {
			for (Locale locale : NAME_LOCALES) {
				String name = new Locale("", cc).getDisplayCountry(locale);
				if (!name.isBlank() && !name.equals(cc)) {
					for (String form : countryNameForms(name)) {
						addVariants(entries, form, new Entry(cc, AliasKind.NAME), false);
					}
				}
			}
		}
		for (String[] row : Tsv.read("jurisdiction-aliases.tsv", 3)) {
			addVariants(entries, row[2], new Entry(row[0], AliasKind.parse(row[1])), true);
		}
		for (String[] row : Tsv.read("organisations.tsv", 2)) {
			addVariants(entries, row[1], new Entry("@" + row[0], AliasKind.ORGANISATION), true);
		}
		return new Gazetteer(entries);
	}

	/**
	 * Forms of a JDK display name: as is, without qualifiers, with "and" for "&", without
	 * accents.
	 */
	private static List<String> countryNameForms(String name) {
		List<String> forms = new ArrayList<>();
		String base = name.replace(" SAR China", "").replace(" SAR", "").replaceAll("\\s*\\(.*\\)$", "");
		forms.add(base);
		forms.add(base.replace(" & ", " and "));
		forms.add(base.replace("St. ", "Saint "));
		forms.add(base.replace('’', '\''));
		String plain = Normalizer.normalize(base, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		forms.add(plain);
		return forms;
	}

	private static void addVariants(Map<String, Entry> entries, String alias, Entry entry, boolean override) {
		List<String> variants = new ArrayList<>();
		variants.add(alias);
		boolean acronym = alias.equals(alias.toUpperCase(Locale.ROOT));
		if (!acronym && alias.length() >= 4) {
			variants.add(alias.toUpperCase(Locale.ROOT));
			variants.add(titleCase(alias));
		}
		for (String variant : variants) {
			if (override) {
				entries.put(variant, entry);
			}
			else {
				entries.putIfAbsent(variant, entry);
			}
		}
	}

	private static String titleCase(String alias) {
		StringBuilder out = new StringBuilder(alias.length());
		boolean start = true;
		for (char c : alias.toCharArray()) {
			out.append(start ? Character.toUpperCase(c) : c);
			start = Character.isWhitespace(c) || c == '-';
		}
		return out.toString();
	}

	/**
	 * The names in {@code text}, without overlaps, blockers and spans before
	 * {@code skipBefore} (a dateline).
	 */
	List<Mention> find(String field, String text, int skipBefore) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		Collection<Emit> emits = this.trie.parseText(text);
		List<Emit> candidates = new ArrayList<>();
		for (Emit emit : emits) {
			int start = emit.getStart();
			int end = emit.getEnd() + 1;
			if (start >= skipBefore && isBoundary(text, start - 1) && isBoundary(text, end)) {
				candidates.add(emit);
			}
		}
		candidates.sort(
				Comparator.comparingInt(Emit::getStart).thenComparing(Comparator.comparingInt(Emit::size).reversed()));
		List<Mention> mentions = new ArrayList<>();
		int taken = -1;
		for (Emit emit : candidates) {
			if (emit.getStart() <= taken) {
				continue;
			}
			taken = emit.getEnd();
			Entry entry = this.entries.get(emit.getKeyword());
			if (entry.kind() != AliasKind.BLOCKER) {
				mentions.add(new Mention(entry.code(), entry.kind(), field, emit.getStart(), emit.getEnd() + 1,
						text.substring(emit.getStart(), emit.getEnd() + 1)));
			}
		}
		return attachGenericInstitutions(mentions, text);
	}

	private static boolean isBoundary(String text, int index) {
		if (index < 0 || index >= text.length()) {
			return true;
		}
		return !Character.isLetterOrDigit(text.charAt(index));
	}

	/**
	 * A generic institution ("SEC") belongs to a jurisdiction named right before it
	 * ("Nigeria's SEC") or right after it ("SEC of Pakistan"); otherwise to its default,
	 * if it has one.
	 */
	private static List<Mention> attachGenericInstitutions(List<Mention> mentions, String text) {
		List<Mention> out = new ArrayList<>(mentions.size());
		for (int i = 0; i < mentions.size(); i++) {
			Mention mention = mentions.get(i);
			if (mention.kind() == AliasKind.GENERIC) {
				String owner = owner(mentions, i, text);
				if (owner != null) {
					mention = mention.withCode(owner, AliasKind.INSTITUTION);
				}
				else if ("-".equals(mention.code())) {
					continue;
				}
			}
			out.add(mention);
		}
		return out;
	}

	private static String owner(List<Mention> mentions, int index, String text) {
		Mention mention = mentions.get(index);
		if (index > 0) {
			Mention before = mentions.get(index - 1);
			if (!before.isOrganisation() && before.kind() != AliasKind.GENERIC
					&& OWNER_GAP.matcher(text.substring(before.end(), mention.start())).matches()) {
				return before.code();
			}
		}
		if (index + 1 < mentions.size()) {
			Mention after = mentions.get(index + 1);
			if (!after.isOrganisation() && after.kind() == AliasKind.NAME
					&& OF_GAP.matcher(text.substring(mention.end(), after.start())).matches()) {
				return after.code();
			}
		}
		return null;
	}

	private record Entry(String code, AliasKind kind) {
	}

}
