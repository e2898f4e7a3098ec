package dev.policypulse.notifier.email;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.email.MatchedRules.MatchedJurisdiction;

/**
 * What an email says about one classified item for one subscriber, every value ready to
 * print: the templates only lay it out. Text from the feed is put on one line and
 * shortened here; the HTML templates escape it.
 *
 * @param title the item's title on one line
 * @param headline where and what, such as {@code Pakistan · new crypto regulator};
 * {@code ""} when neither is known
 * @param headlineJurisdiction the code the headline names, or {@code null}
 * @param headlineTopic the topic code the headline names, or {@code null}
 * @param places the item's jurisdictions in words, with their roles
 * @param moves the item's kinds of move in words, strongest first
 * @param severity the severity in words
 * @param summary the first sentences of the body, shortened; may be empty
 * @param sourceUrl the item's link
 * @param sourceLinked whether the link is a web link the HTML may point to (anything else
 * is only shown)
 * @param published when the source published it, in UTC
 * @param reasons why the subscriber gets it, one sentence each
 * @param evidence the passages that the classification rests on
 * @param classifierVersion the rules that classified it
 */
record ItemView(String title, String headline, String headlineJurisdiction, String headlineTopic, List<Place> places,
		List<String> moves, String severity, String summary, String sourceUrl, boolean sourceLinked, String published,
		List<String> reasons, List<Snippet> evidence, String classifierVersion) {

	static final int TITLE_LENGTH = 300;

	static final int SUMMARY_LENGTH = 320;

	static final int MAX_SNIPPETS = 3;

	/** Characters of context shown on either side of an evidence span. */
	static final int SNIPPET_CONTEXT = 60;

	private static final DateTimeFormatter PUBLISHED = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm 'UTC'",
			Locale.ENGLISH);

	/**
	 * A jurisdiction in words.
	 *
	 * @param name its name
	 * @param role actor, counterparty or mentioned
	 */
	record Place(String name, String role) {
	}

	/**
	 * A passage the classification rests on.
	 *
	 * @param label what it points at: a kind of move or a jurisdiction, in words
	 * @param before text before the span, with an ellipsis if cut
	 * @param match the span itself
	 * @param after text after the span, with an ellipsis if cut
	 */
	record Snippet(String label, String before, String match, String after) {
	}

	/** The item as an alert shows it. */
	static ItemView of(PolicyItemClassified item, MatchedRules rules) {
		return of(item, rules, SUMMARY_LENGTH);
	}

	/**
	 * The item with a summary of at most {@code summaryLength} characters.
	 */
	static ItemView of(PolicyItemClassified item, MatchedRules rules, int summaryLength) {
		String jurisdiction = headlineJurisdiction(item, rules);
		String topic = !rules.topics().isEmpty() ? rules.topics().get(0)
				: item.topics().stream().map(TopicTag::code).findFirst().orElse(null);
		List<String> headline = new ArrayList<>(2);
		if (jurisdiction != null) {
			headline.add(Names.jurisdiction(jurisdiction));
		}
		if (topic != null) {
			headline.add(Names.move(topic));
		}
		String url = Texts.oneLine(item.item().url());
		return new ItemView(Texts.shorten(Texts.oneLine(item.item().title()), TITLE_LENGTH),
				String.join(" · ", headline), jurisdiction, topic,
				item.jurisdictions()
					.stream()
					.map((tag) -> new Place(Names.jurisdiction(tag.code()), role(tag.role())))
					.toList(),
				item.topics().stream().map((tag) -> Names.move(tag.code())).distinct().toList(),
				item.severity().name().toLowerCase(Locale.ROOT), Texts.summary(item.item().body(), summaryLength), url,
				isWebLink(url), PUBLISHED.format(item.item().publishedAt().atOffset(ZoneOffset.UTC)),
				reasons(item, rules), evidence(item), Texts.oneLine(item.classifierVersion()));
	}

	/**
	 * The item's primary jurisdiction; without one, the first followed jurisdiction it
	 * hit, else its first actor.
	 */
	private static String headlineJurisdiction(PolicyItemClassified item, MatchedRules rules) {
		if (item.primaryJurisdiction() != null) {
			return item.primaryJurisdiction();
		}
		if (!rules.jurisdictions().isEmpty()) {
			return rules.jurisdictions().get(0).tagged();
		}
		return item.jurisdictions()
			.stream()
			.filter((tag) -> tag.role() == Role.ACTOR)
			.map(JurisdictionTag::code)
			.findFirst()
			.orElse(null);
	}

	private static List<String> reasons(PolicyItemClassified item, MatchedRules rules) {
		List<String> reasons = new ArrayList<>();
		if (rules.followedJurisdictions().isEmpty()) {
			reasons.add("You follow every jurisdiction.");
		}
		else if (rules.jurisdictions().isEmpty()) {
			reasons.add("You follow " + jurisdictions(rules.followedJurisdictions()) + ".");
		}
		else {
			for (MatchedJurisdiction match : rules.jurisdictions()) {
				// only a subscriber who follows the EU with its member states hears of
				// them
				String followed = ("EU".equals(match.subscribed()) && !"EU".equals(match.tagged()))
						? "European Union with its member states" : Names.jurisdiction(match.subscribed());
				reasons.add("You follow " + followed + ": " + Names.jurisdiction(match.tagged()) + " is "
						+ article(match.role()) + " here.");
			}
		}
		if (rules.followedTopics().isEmpty()) {
			reasons.add("You follow every kind of policy move.");
		}
		else if (rules.topics().isEmpty()) {
			reasons.add("You follow " + moves(rules.followedTopics()) + ".");
		}
		else {
			reasons.add("It is about " + moves(rules.topics()) + ", which you follow.");
		}
		if (!rules.keywords().isEmpty()) {
			reasons.add(((rules.keywords().size() == 1) ? "Your keyword " : "Your keywords ")
					+ rules.keywords()
						.stream()
						.map((keyword) -> "“" + Texts.oneLine(keyword) + "”")
						.collect(Collectors.joining(", "))
					+ ((rules.keywords().size() == 1) ? " occurs" : " occur") + " in it.");
		}
		if (rules.minSeverity() != Severity.LOW && item.severity().isAtLeast(rules.minSeverity())) {
			reasons.add("Its severity, " + item.severity().name().toLowerCase(Locale.ROOT)
					+ ", meets your threshold of " + rules.minSeverity().name().toLowerCase(Locale.ROOT) + ".");
		}
		if (!rules.policyMovesOnly() && !item.policyMove()) {
			reasons.add("You also follow items that report no policy move, such as this one.");
		}
		return reasons;
	}

	/**
	 * Up to {@link #MAX_SNIPPETS} passages: those of the kinds of move first, then those
	 * of the acting and counterparty jurisdictions; passages of the body before those of
	 * the title, which the email shows anyway.
	 */
	private static List<Snippet> evidence(PolicyItemClassified item) {
		record Labelled(String label, Evidence evidence) {
		}
		List<Labelled> candidates = new ArrayList<>();
		for (TopicTag topic : item.topics()) {
			topic.evidence().forEach((evidence) -> candidates.add(new Labelled(Names.move(topic.code()), evidence)));
		}
		for (JurisdictionTag tag : item.jurisdictions()) {
			if (tag.role() != Role.MENTIONED) {
				tag.evidence()
					.forEach((evidence) -> candidates.add(new Labelled(Names.jurisdiction(tag.code()), evidence)));
			}
		}
		candidates.sort(Comparator.comparing((Labelled labelled) -> "title".equals(labelled.evidence().field())));
		Set<String> seen = new LinkedHashSet<>();
		List<Snippet> snippets = new ArrayList<>();
		for (Labelled candidate : candidates) {
			Snippet snippet = snippet(candidate.label(), candidate.evidence(), item);
			if (snippet.match().isEmpty()
					|| !seen.add(snippet.before() + "\u0000" + snippet.match() + "\u0000" + snippet.after())) {
				continue;
			}
			snippets.add(snippet);
			if (snippets.size() == MAX_SNIPPETS) {
				break;
			}
		}
		return snippets;
	}

	/**
	 * The span with some context from the text it was found in; just the span's own text
	 * when its offsets do not fit that text.
	 */
	private static Snippet snippet(String label, Evidence evidence, PolicyItemClassified item) {
		String source = "title".equals(evidence.field()) ? item.item().title() : item.item().body();
		int start = evidence.start();
		int end = evidence.end();
		if (end > source.length() || start >= end || !source.substring(start, end).equals(evidence.text())) {
			return new Snippet(label, "", Texts.shorten(Texts.oneLine(evidence.text()), SNIPPET_CONTEXT * 2), "");
		}
		int from = Math.max(0, start - SNIPPET_CONTEXT);
		int to = Math.min(source.length(), end + SNIPPET_CONTEXT);
		// whole words only, unless a word is longer than the context
		if (from > 0) {
			int space = source.indexOf(' ', from);
			from = (space >= 0 && space < start) ? space + 1 : from;
		}
		if (to < source.length()) {
			int space = source.lastIndexOf(' ', to);
			to = (space >= end) ? space : to;
		}
		if (from > 0 && Character.isLowSurrogate(source.charAt(from))) {
			from++;
		}
		if (to < source.length() && Character.isLowSurrogate(source.charAt(to))) {
			to--;
		}
		String before = Texts.oneLine(source.substring(from, start));
		String after = Texts.oneLine(source.substring(end, to));
		String match = Texts.shorten(Texts.oneLine(evidence.text()), SNIPPET_CONTEXT * 2);
		// the context lost the white space at its edges to oneLine: give it back
		boolean gapBefore = !before.isEmpty() && Character.isWhitespace(source.charAt(start - 1));
		boolean gapAfter = !after.isEmpty() && Character.isWhitespace(source.charAt(end));
		return new Snippet(label, ((from > 0) ? "…" : "") + before + (gapBefore ? " " : ""), match,
				(gapAfter ? " " : "") + after + ((to < source.length()) ? "…" : ""));
	}

	private static String jurisdictions(List<String> codes) {
		return codes.stream().map(Names::jurisdiction).collect(Collectors.joining(", "));
	}

	private static String moves(List<String> topics) {
		return topics.stream().map(Names::move).collect(Collectors.joining(", "));
	}

	private static String role(Role role) {
		return role.name().toLowerCase(Locale.ROOT);
	}

	private static String article(Role role) {
		return switch (role) {
			case ACTOR -> "the actor";
			case COUNTERPARTY -> "a counterparty";
			case MENTIONED -> "mentioned";
		};
	}

	private static boolean isWebLink(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		return lower.startsWith("https://") || lower.startsWith("http://");
	}

}
