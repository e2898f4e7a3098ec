package dev.policypulse.notifier.email;

import java.text.Collator;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.TopicCodes;

import org.springframework.stereotype.Component;

/**
 * Renders a daily or weekly digest from the templates {@code digest.txt} and
 * {@code digest.html}: the items grouped by jurisdiction (the item's primary one, in
 * alphabetical order) and then by kind of move (in taxonomy order), the most severe item
 * first within a group. The same content always gives the same email.
 */
@Component
public class DigestEmails {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

	private static final String OTHER_JURISDICTIONS = "Other jurisdictions";

	private static final String OTHER_MOVES = "Other news";

	private static final List<String> TAXONOMY = List.copyOf(TopicCodes.all());

	/** Digests list many items: each gets a shorter summary than an alert's. */
	static final int SUMMARY_LENGTH = 200;

	private final EmailTemplates templates;

	DigestEmails(EmailTemplates templates) {
		this.templates = templates;
	}

	/**
	 * The digest's subject, plain text and HTML.
	 * @param digest what it holds
	 * @return the rendered email
	 */
	public RenderedEmail render(DigestContent digest) {
		List<JurisdictionGroup> groups = groups(digest.entries());
		int count = digest.entries().size() + digest.omitted();
		String cadence = digest.weekly() ? "weekly" : "daily";
		String period = digest.weekly() ? "week of " + DAY.format(digest.period()) : DAY.format(digest.period());
		String schedule = (digest.weekly()
				? "every " + digest.period().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
				: "every day") + " at " + "%02d:00".formatted(digest.digestHour()) + " (" + digest.timezone().getId()
				+ ")";
		DigestView view = new DigestView(cadence, period, count, (count == 1) ? "1 item" : count + " items",
				digest.omitted(), groups, schedule);
		Map<String, Object> variables = Map.of("digest", view, "links", digest.links());
		return new RenderedEmail(subject(view), this.templates.render("digest.txt", variables),
				this.templates.render("digest.html", variables));
	}

	/**
	 * {@code [PolicyPulse] Daily digest, 4 May 2026: 3 items — Pakistan, European Union},
	 * the list of jurisdictions shortened to keep the whole near
	 * {@link AlertEmails#SUBJECT_LENGTH} characters.
	 */
	private static String subject(DigestView view) {
		String lead = AlertEmails.SUBJECT_PREFIX + (view.weekly() ? "Weekly digest, " : "Daily digest, ")
				+ view.period() + ": " + view.countInWords();
		String places = String.join(", ",
				view.jurisdictions()
					.stream()
					.map(JurisdictionGroup::name)
					.filter((name) -> !name.equals(OTHER_JURISDICTIONS))
					.toList());
		if (places.isEmpty()) {
			return lead;
		}
		return lead + " — " + Texts.shorten(places,
				Math.max(AlertEmails.SUBJECT_LENGTH - lead.length() - 3, AlertEmails.MIN_SUBJECT_TITLE_LENGTH));
	}

	private static List<JurisdictionGroup> groups(List<DigestEntry> entries) {
		Collator collator = Collator.getInstance(Locale.ENGLISH);
		Comparator<String> byName = (a, b) -> {
			if (a.equals(b)) {
				return 0;
			}
			// the catch-all group goes last
			if (a.equals(OTHER_JURISDICTIONS) || b.equals(OTHER_JURISDICTIONS)) {
				return a.equals(OTHER_JURISDICTIONS) ? 1 : -1;
			}
			int compared = collator.compare(a, b);
			return (compared != 0) ? compared : a.compareTo(b);
		};
		Map<String, Map<String, List<Entry>>> grouped = new TreeMap<>(byName);
		for (DigestEntry entry : entries) {
			ItemView view = ItemView.of(entry.item(), entry.rules(), SUMMARY_LENGTH);
			String jurisdiction = (view.headlineJurisdiction() != null)
					? Names.jurisdiction(view.headlineJurisdiction()) : OTHER_JURISDICTIONS;
			grouped.computeIfAbsent(jurisdiction, (key) -> new TreeMap<>())
				.computeIfAbsent(topicKey(view.headlineTopic()), (key) -> new ArrayList<>())
				.add(new Entry(entry.item(), view));
		}
		List<JurisdictionGroup> groups = new ArrayList<>();
		grouped.forEach((jurisdiction, topics) -> {
			List<TopicGroup> topicGroups = new ArrayList<>();
			topics.values().forEach((items) -> {
				items.sort(Entry.ORDER);
				String topic = items.get(0).view().headlineTopic();
				topicGroups.add(new TopicGroup((topic != null) ? Names.move(topic) : OTHER_MOVES,
						items.stream().map(Entry::view).toList()));
			});
			groups.add(new JurisdictionGroup(jurisdiction, topicGroups));
		});
		return groups;
	}

	/**
	 * A key that sorts topics in taxonomy order, codes outside this contracts version's
	 * taxonomy after those (by code), and items without a topic last.
	 */
	private static String topicKey(String topic) {
		if (topic == null) {
			return "\uffff";
		}
		int rank = TAXONOMY.indexOf(topic);
		return (rank >= 0) ? "%04d".formatted(rank) : "9999:" + topic;
	}

	/**
	 * The digest as the templates show it.
	 *
	 * @param cadence {@code daily} or {@code weekly}
	 * @param period the day, or the week, in words
	 * @param count how many items matched
	 * @param countInWords {@code 1 item}, {@code 3 items}
	 * @param omitted how many of them are left out
	 * @param jurisdictions the items by jurisdiction and kind of move
	 * @param schedule when digests go out, in words
	 */
	record DigestView(String cadence, String period, int count, String countInWords, int omitted,
			List<JurisdictionGroup> jurisdictions, String schedule) {

		boolean weekly() {
			return "weekly".equals(this.cadence);
		}

	}

	/**
	 * The items of one jurisdiction.
	 *
	 * @param name the jurisdiction in words
	 * @param topics its items by kind of move
	 */
	record JurisdictionGroup(String name, List<TopicGroup> topics) {
	}

	/**
	 * The items of one jurisdiction and kind of move.
	 *
	 * @param move the kind of move in words
	 * @param items its items, the most severe first
	 */
	record TopicGroup(String move, List<ItemView> items) {
	}

	/** An item with its view, ordered by severity, then publication, then id. */
	private record Entry(PolicyItemClassified item, ItemView view) {

		static final Comparator<Entry> ORDER = Comparator
			.comparing((Entry entry) -> entry.item().severity(), Comparator.reverseOrder())
			.thenComparing((Entry entry) -> entry.item().item().publishedAt(), Comparator.reverseOrder())
			.thenComparing((Entry entry) -> entry.item().id());

	}

}
