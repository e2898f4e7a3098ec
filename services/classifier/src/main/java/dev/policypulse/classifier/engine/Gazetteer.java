package dev.policypulse.classifier.engine;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds names of jurisdictions and international organisations in text. Country names
 * come from the JDK's locale data in five languages, everything else from
 * {@code jurisdiction-aliases.tsv}, {@code subdivisions.tsv}, {@code cities.tsv},
 * {@code officials.tsv} and {@code organisations.tsv}. Matching is case-sensitive (so
 * "SEC" and "Chad" are not "sec" or "chad"), on word boundaries, longest match first.
 */
final class Gazetteer {

	private static final List<Locale> NAME_LOCALES = List.of(Locale.ENGLISH, new Locale("es"), Locale.FRENCH,
			Locale.GERMAN, new Locale("pt"));

	/**
	 * Text allowed between a jurisdiction and a generic institution name that belongs to
	 * it.
	 */
	private static final Pattern OWNER_GAP = Pattern.compile("\\s*(?:['’]s)?\\s*");

	private static final Pattern OF_GAP = Pattern.compile("\\s+(?:of|in)(?:\\s+the)?\\s+");

	/** Words that may stand right before an official's surname. */
	private static final Set<String> TITLES = Set.of("President", "Prime", "Minister", "PM", "Premier", "Chancellor",
			"Governor", "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Sheikh", "King", "Emir", "Secretary",
			"Treasurer", "Finance", "Former", "former", "The", "the", "And", "and", "By", "by", "As", "as", "With",
			"with", "Of", "of", "Under", "Vice", "Acting", "Interim", "Crown", "Prince");

	/** How far before a city to look for words that start a list of examples. */
	private static final int LIST_LOOKBACK = 40;

	private final Map<String, Entry> entries;

	private final Trie trie;

	/** Words that put a city in a list of examples ({@code city-list-markers.tsv}). */
	private final List<String> listMarkers;

	private Gazetteer(Map<String, Entry> entries, List<String> listMarkers) {
		this.entries = entries;
		this.trie = Trie.builder().addKeywords(entries.keySet()).build();
		this.listMarkers = List.copyOf(listMarkers);
	}

	static Gazetteer load() {
		Map<String, Entry> entries = new HashMap<>();
		for (String cc : Locale.getISOCountries()) {
			for (Locale locale : NAME_LOCALES) {
				String name = new Locale("", cc).getDisplayCountry(locale);
				if (!name.isBlank() && !name.equals(cc)) {
					for (String form : countryNameForms(name)) {
						addVariants(entries, form, new Entry(cc, AliasKind.NAME, List.of(), List.of()), false);
					}
				}
			}
		}
		for (String[] row : Tsv.read("subdivisions.tsv", 2)) {
			for (int i = 1; i < row.length; i++) {
				addVariants(entries, row[i], new Entry(row[0], AliasKind.NAME, List.of(), List.of()), true);
			}
		}
		for (String[] row : Tsv.read("cities.tsv", 2)) {
			for (int i = 1; i < row.length; i++) {
				addVariants(entries, row[i], new Entry(row[0], AliasKind.CITY, List.of(), List.of()), false);
			}
		}
		for (String[] row : Tsv.read("jurisdiction-aliases.tsv", 3)) {
			List<String> alternatives = (row.length > 3) ? List.of(row[3].split("\\s+")) : List.of();
			addVariants(entries, row[2], new Entry(row[0], AliasKind.parse(row[1]), List.of(), alternatives), true);
		}
		addOfficials(entries, Official.load());
		for (String[] row : Tsv.read("organisations.tsv", 2)) {
			addVariants(entries, row[1], new Entry("@" + row[0], AliasKind.ORGANISATION, List.of(), List.of()), true);
		}
		List<String> listMarkers = Tsv.read("city-list-markers.tsv", 1)
			.stream()
			.map((row) -> row[0].toLowerCase(Locale.ROOT))
			.toList();
		return new Gazetteer(entries, listMarkers);
	}

	/**
	 * Full names always name their country (a former president is still that country's);
	 * a bare surname only when it is unambiguous at the item's date.
	 */
	private static void addOfficials(Map<String, Entry> entries, List<Official> officials) {
		Map<String, List<Official>> bySurname = new HashMap<>();
		for (Official official : officials) {
			entries.put(official.name(), new Entry(official.code(), AliasKind.PERSON, List.of(), List.of()));
			String plain = Normalizer.normalize(official.name(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
			entries.putIfAbsent(plain, new Entry(official.code(), AliasKind.PERSON, List.of(), List.of()));
			bySurname.computeIfAbsent(official.surname(), (k) -> new ArrayList<>()).add(official);
		}
		bySurname.forEach((surname, list) -> {
			Entry existing = entries.get(surname);
			if (existing == null || existing.kind() == AliasKind.PERSON) {
				entries.put(surname, new Entry("?", AliasKind.PERSON, List.copyOf(list), List.of()));
			}
		});
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
		if (alias.indexOf('’') >= 0) {
			variants.add(alias.replace('’', '\''));
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

	/**
	 * Whether a city stands in a list of examples ("trials in cities such as Shenzhen and
	 * Suzhou", "several cities, including ..."): such a list says where something happens
	 * elsewhere, not which place the item is about. Looks for the words of
	 * {@code city-list-markers.tsv}, as whole words, in the few characters before the
	 * city and within its sentence.
	 */
	private boolean listedExample(String text, int start) {
		String before = text.substring(Math.max(0, start - LIST_LOOKBACK), start).toLowerCase(Locale.ROOT);
		int sentenceEnd = Math.max(Math.max(before.lastIndexOf(". "), before.lastIndexOf("! ")),
				Math.max(before.lastIndexOf("? "), before.lastIndexOf('\n')));
		String sentence = (sentenceEnd >= 0) ? before.substring(sentenceEnd + 1) : before;
		for (String marker : this.listMarkers) {
			for (int at = sentence.indexOf(marker); at >= 0; at = sentence.indexOf(marker, at + 1)) {
				int end = at + marker.length();
				if ((at == 0 || !Character.isLetterOrDigit(sentence.charAt(at - 1)))
						&& (end == sentence.length() || !Character.isLetterOrDigit(sentence.charAt(end)))) {
					return true;
				}
			}
		}
		return false;
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
	 * The names in an item's title and body, without overlaps, blockers and the body's
	 * dateline (before {@code skipBefore}). Generic institution names take their owner
	 * from the text around them or from another mention of the same institution.
	 * @param date the item's publication date, {@code null} if unknown
	 */
	List<Mention> find(String title, String body, int skipBefore, LocalDate date) {
		List<Mention> mentions = new ArrayList<>();
		List<Entry> fallbacks = new ArrayList<>();
		scan("title", title, 0, date, mentions, fallbacks);
		int titleCount = mentions.size();
		scan("body", body, skipBefore, date, mentions, fallbacks);
		return attachGenericInstitutions(mentions, fallbacks, titleCount, title, body);
	}

	private void scan(String field, String text, int skipBefore, LocalDate date, List<Mention> out,
			List<Entry> fallbacks) {
		if (text == null || text.isEmpty()) {
			return;
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
		int taken = -1;
		for (Emit emit : candidates) {
			if (emit.getStart() <= taken) {
				continue;
			}
			taken = emit.getEnd();
			Entry entry = this.entries.get(emit.getKeyword());
			if (entry.kind() == AliasKind.BLOCKER
					|| (entry.kind() == AliasKind.CITY && listedExample(text, emit.getStart()))) {
				continue;
			}
			String code = entry.code();
			if (!entry.officials().isEmpty()) {
				code = surnameOwner(entry.officials(), text, emit.getStart(), emit.getEnd() + 1, date);
				if (code == null) {
					continue;
				}
			}
			out.add(new Mention(code, entry.kind(), field, emit.getStart(), emit.getEnd() + 1,
					text.substring(emit.getStart(), emit.getEnd() + 1)));
			fallbacks.add(entry);
		}
	}

	/**
	 * The country of a bare surname: none when a first name other than a title precedes
	 * it or a capitalised word follows it (another person), or when the officials bearing
	 * it in office at {@code date} (any date if unknown) belong to several countries.
	 */
	private static String surnameOwner(List<Official> officials, String text, int start, int end, LocalDate date) {
		String before = previousWord(text, start);
		if (!before.isEmpty() && Character.isUpperCase(before.charAt(0)) && !TITLES.contains(before)) {
			return null;
		}
		if (end < text.length() && (text.charAt(end) == '-' || (end + 1 < text.length() && text.charAt(end) == ' '
				&& Character.isUpperCase(text.charAt(end + 1))))) {
			return null;
		}
		Set<String> codes = new LinkedHashSet<>();
		for (Official official : officials) {
			if (official.inOffice(date)) {
				codes.add(official.code());
			}
		}
		if (codes.isEmpty()) {
			// Nobody of that name in office then: a former official is still their
			// country's.
			officials.forEach((official) -> codes.add(official.code()));
		}
		return (codes.size() == 1) ? codes.iterator().next() : null;
	}

	private static String previousWord(String text, int start) {
		int end = start;
		while (end > 0 && text.charAt(end - 1) == ' ') {
			end--;
		}
		int begin = end;
		while (begin > 0 && !Character.isWhitespace(text.charAt(begin - 1))) {
			begin--;
		}
		return text.substring(begin, end);
	}

	private static boolean isBoundary(String text, int index) {
		if (index < 0 || index >= text.length()) {
			return true;
		}
		return !Character.isLetterOrDigit(text.charAt(index));
	}

	/**
	 * A generic institution ("SEC") belongs to a jurisdiction named right before it
	 * ("Nigeria's SEC") or right after it ("SEC of Pakistan"); otherwise to the owner of
	 * another generic with the same default in the item ("Nigeria's SEC ... the
	 * Securities and Exchange Commission said"); otherwise to its default, if any.
	 */
	private static List<Mention> attachGenericInstitutions(List<Mention> mentions, List<Entry> fallbacks,
			int titleCount, String title, String body) {
		String[] owners = new String[mentions.size()];
		Map<String, String> ownerByDefault = new HashMap<>();
		for (int i = 0; i < mentions.size(); i++) {
			Mention mention = mentions.get(i);
			if (mention.kind() == AliasKind.GENERIC) {
				String text = mention.inTitle() ? title : body;
				int from = mention.inTitle() ? 0 : titleCount;
				int to = mention.inTitle() ? titleCount : mentions.size();
				owners[i] = owner(mentions, i, from, to, text);
				if (owners[i] != null) {
					ownerByDefault.putIfAbsent(fallbacks.get(i).code(), owners[i]);
				}
			}
		}
		Set<String> named = new HashSet<>();
		for (Mention mention : mentions) {
			if (mention.kind() != AliasKind.GENERIC && !mention.isOrganisation()) {
				named.add(mention.code());
				named.add(ClassificationEngine.country(mention.code()));
			}
		}
		List<Mention> out = new ArrayList<>(mentions.size());
		for (int i = 0; i < mentions.size(); i++) {
			Mention mention = mentions.get(i);
			if (mention.kind() == AliasKind.GENERIC) {
				String owner = (owners[i] != null) ? owners[i] : ownerByDefault.get(fallbacks.get(i).code());
				if (owner == null) {
					owner = alternative(fallbacks.get(i), named);
				}
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

	/**
	 * The one alternative owner of an unattached generic that the item names, unless it
	 * names the default's country too.
	 */
	private static String alternative(Entry entry, Set<String> named) {
		if (entry.alternatives().isEmpty() || named.contains(ClassificationEngine.country(entry.code()))) {
			return null;
		}
		String found = null;
		for (String alternative : entry.alternatives()) {
			if (named.contains(alternative) || named.contains(ClassificationEngine.country(alternative))) {
				if (found != null) {
					return null;
				}
				found = alternative;
			}
		}
		return found;
	}

	private static String owner(List<Mention> mentions, int index, int from, int to, String text) {
		Mention mention = mentions.get(index);
		if (index > from) {
			Mention before = mentions.get(index - 1);
			if (!before.isOrganisation() && before.kind() != AliasKind.GENERIC
					&& OWNER_GAP.matcher(text.substring(before.end(), mention.start())).matches()) {
				return before.code();
			}
		}
		if (index + 1 < to) {
			Mention after = mentions.get(index + 1);
			if (!after.isOrganisation() && (after.kind() == AliasKind.NAME || after.kind() == AliasKind.CAPITAL)
					&& OF_GAP.matcher(text.substring(mention.end(), after.start())).matches()) {
				return after.code();
			}
		}
		return null;
	}

	/**
	 * What a surface form stands for: a code (or '?' for a surname that needs the item's
	 * date), its kind, the officials bearing a surname and, for a generic institution,
	 * other jurisdictions that have one of that name.
	 */
	private record Entry(String code, AliasKind kind, List<Official> officials, List<String> alternatives) {
	}

}
