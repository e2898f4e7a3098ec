package dev.policypulse.ingestion.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic corpus of RSS 2.0 documents, as a few dozen news outlets would publish
 * them, for measuring ingestion's item pipeline. Outlets report the same events in their
 * own words (one of three phrasings of the lead, the event's details, then background
 * paragraphs of made-up words with a natural spread of frequent and rare ones), so that
 * stories form; some entries are syndicated copies of another outlet's article under the
 * same address (with tracking parameters) or the same text under an address of their own,
 * so that deduplication has work to do. The same seed always gives the same documents.
 */
public final class FeedCorpus {

	/** When the corpus is "now": entries are dated in the week before. */
	public static final Instant NOW = Instant.parse("2026-03-09T12:00:00Z");

	private static final String[][] PLACES = { { "Pakistan", "Pakistani", "the State Bank of Pakistan" },
			{ "Brazil", "Brazilian", "the Central Bank of Brazil" }, { "Germany", "German", "BaFin" },
			{ "Japan", "Japanese", "the Financial Services Agency" },
			{ "Nigeria", "Nigerian", "the Central Bank of Nigeria" },
			{ "South Korea", "Korean", "the Financial Services Commission" },
			{ "the United Kingdom", "British", "the Financial Conduct Authority" }, { "France", "French", "the AMF" },
			{ "India", "Indian", "the Reserve Bank of India" },
			{ "Singapore", "Singaporean", "the Monetary Authority of Singapore" },
			{ "El Salvador", "Salvadoran", "the central reserve bank" }, { "Switzerland", "Swiss", "FINMA" },
			{ "Kenya", "Kenyan", "the Capital Markets Authority" },
			{ "Thailand", "Thai", "the Securities and Exchange Commission" }, { "Australia", "Australian", "ASIC" },
			{ "Canada", "Canadian", "the Ontario Securities Commission" } };

	private static final String[] SYLLABLES = { "ka", "ro", "mi", "tan", "vel", "sor", "lin", "bra", "do", "nex", "qui",
			"zar", "pel", "mon", "ta", "ri", "ven", "gal", "hu", "or", "sen", "di", "lum", "ber" };

	/** Distinct words of the background vocabulary. */
	private static final int VOCABULARY = 6_000;

	/** Per kind of event, three phrasings of title and lead: {title, lead}. */
	private static final String[][][] EVENTS = { { { "{authority} fines {firm} {amount} million over customer checks",
			"{authority} fined the exchange {firm} {amount} million for failing to verify customers and to report suspicious transfers." },
			{ "{firm} penalised by {demonym} regulator",
					"The {demonym} watchdog ordered {firm} to pay {amount} million after an inspection found gaps in its anti-money laundering controls." },
			{ "{place} hits {firm} with {amount}m penalty",
					"{firm} must pay {amount} million, {authority} said, citing weak customer verification." } },
			{ { "{place} passes law to license crypto exchanges",
					"Lawmakers in {place} approved a bill requiring exchanges and wallet providers to hold a licence from {authority} within {months} months." },
					{ "{demonym} parliament approves crypto licensing bill",
							"Crypto platforms will need a licence from {authority}; firms have {months} months to apply under the new law." },
					{ "New {demonym} law puts exchanges under {authority}",
							"The legislation gives {authority} powers to license and supervise crypto service providers, with a {months}-month transition." } },
			{ { "{authority} opens consultation on stablecoin reserves",
					"{authority} wants comments within {months} months on how issuers of stablecoins should hold reserves and redeem tokens." },
					{ "{demonym} regulator seeks views on stablecoin rules",
							"Issuers would have to back tokens with deposits and short-term debt under proposals from {authority}." },
					{ "{place} drafts stablecoin reserve requirements",
							"A consultation by {authority} sets out reserve and redemption rules for stablecoin issuers, open for {months} months." } },
			{ { "{authority} grants licence to exchange {firm}",
					"{firm} can now serve retail customers in {place} after receiving a full licence from {authority}." },
					{ "{firm} wins {demonym} operating licence",
							"The exchange received final approval and may serve retail clients, {authority} confirmed." },
					{ "{place} licenses {firm} as crypto platform",
							"{authority} approved the application of {firm}, the {amount}th platform licensed in {place}." } } };

	private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private FeedCorpus() {
	}

	/**
	 * Generates the feeds.
	 * @param seed the seed; the same seed gives the same feeds
	 * @param feeds how many outlets
	 * @param itemsPerFeed entries per feed
	 * @return the feeds
	 */
	public static List<Feed> generate(long seed, int feeds, int itemsPerFeed) {
		SplittableRandom random = new SplittableRandom(seed);
		int events = Math.max(1, feeds * itemsPerFeed / 2);
		List<Entry> published = new ArrayList<>();
		List<Feed> result = new ArrayList<>(feeds);
		for (int f = 0; f < feeds; f++) {
			String outlet = "outlet-" + f;
			StringBuilder rss = new StringBuilder(64 * 1024);
			int[] reported = new int[itemsPerFeed];
			rss.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
				.append("<title>Outlet ")
				.append(f)
				.append(" policy news</title><link>https://")
				.append(outlet)
				.append(".example/</link><description>Generated for benchmarks</description><language>en</language>\n");
			for (int i = 0; i < itemsPerFeed; i++) {
				Entry entry;
				double kind = random.nextDouble();
				if (kind < 0.05 && !published.isEmpty()) {
					// syndicated: another outlet's article, same address
					Entry original = published.get(random.nextInt(published.size()));
					entry = new Entry(original.url() + "?utm_source=" + outlet, original.title(), original.html(),
							original.date(), original.event());
				}
				else if (kind < 0.10 && !published.isEmpty()) {
					// copied: another outlet's text, an address of its own
					Entry original = published.get(random.nextInt(published.size()));
					entry = new Entry("https://" + outlet + ".example/copies/" + i, original.title(), original.html(),
							original.date(), original.event());
				}
				else {
					entry = report(random, outlet, i, random.nextInt(events));
				}
				published.add(entry);
				reported[i] = entry.event();
				rss.append("<item><title>")
					.append(escape(entry.title()))
					.append("</title><link>")
					.append(escape(entry.url()))
					.append("</link><guid isPermaLink=\"false\">")
					.append(outlet)
					.append('-')
					.append(i)
					.append("</guid><pubDate>")
					.append(RFC_1123.format(entry.date()))
					.append("</pubDate><description><![CDATA[")
					.append(entry.html())
					.append("]]></description></item>\n");
			}
			rss.append("</channel></rss>\n");
			result.add(new Feed(outlet, rss.toString().getBytes(StandardCharsets.UTF_8), itemsPerFeed, reported));
		}
		return result;
	}

	/** The entries in all feeds. */
	public static int items(List<Feed> feeds) {
		return feeds.stream().mapToInt(Feed::items).sum();
	}

	/** An outlet's report of an event, in one of the event's phrasings. */
	private static Entry report(SplittableRandom random, String outlet, int number, int event) {
		// The event fixes what happened; the outlet picks the words.
		SplittableRandom facts = new SplittableRandom(event * 7919L);
		String[] place = PLACES[facts.nextInt(PLACES.length)];
		String[][] phrasings = EVENTS[facts.nextInt(EVENTS.length)];
		String firm = capitalise(word(facts.nextInt(VOCABULARY)) + word(facts.nextInt(VOCABULARY)));
		String amount = Integer.toString(2 + facts.nextInt(40));
		String months = Integer.toString(3 + facts.nextInt(16));
		Instant date = NOW.minusSeconds(3600L + facts.nextInt(6 * 24 * 3600)).plusSeconds(random.nextInt(7200));
		String[] phrasing = phrasings[random.nextInt(phrasings.length)];
		// Details of the event that every report of it mentions, in its own sentence.
		StringBuilder details = new StringBuilder();
		for (int i = 0; i < 4; i++) {
			details.append(' ').append(word(rare(facts)));
		}
		StringBuilder html = new StringBuilder("<p>").append(fill(phrasing[1], place, firm, amount, months))
			.append(" It concerns")
			.append(details)
			.append(".</p>");
		int paragraphs = 1 + random.nextInt(4);
		for (int i = 0; i < paragraphs; i++) {
			html.append("<p>").append(sentence(random)).append(' ').append(sentence(random)).append("</p>");
		}
		String title = fill(phrasing[0], place, firm, amount, months);
		String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
		return new Entry("https://" + outlet + ".example/news/" + number + "/" + slug, title, html.toString(), date,
				event);
	}

	/**
	 * A sentence of background words, drawn so that a few words are frequent and most are
	 * rare, as in real text.
	 */
	private static String sentence(SplittableRandom random) {
		int length = 8 + random.nextInt(14);
		StringBuilder sentence = new StringBuilder();
		for (int i = 0; i < length; i++) {
			String word = word(zipf(random));
			sentence.append((i == 0) ? capitalise(word) : " " + word);
		}
		return sentence.append('.').toString();
	}

	/** A word rank with a roughly Zipf distribution: rank r has weight 1/r. */
	private static int zipf(SplittableRandom random) {
		return (int) Math.min(VOCABULARY - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(VOCABULARY))) - 1);
	}

	/** A word rank from the rarer half of the vocabulary. */
	private static int rare(SplittableRandom random) {
		return VOCABULARY / 2 + random.nextInt(VOCABULARY / 2);
	}

	/** The word of a rank: two or three syllables, distinct for every rank. */
	private static String word(int rank) {
		int base = SYLLABLES.length;
		StringBuilder word = new StringBuilder();
		int rest = rank;
		do {
			word.append(SYLLABLES[rest % base]);
			rest /= base;
		}
		while (rest > 0);
		if (word.length() < 4) {
			word.append("na");
		}
		return word.toString();
	}

	private static String fill(String template, String[] place, String firm, String amount, String months) {
		String authority = place[2];
		return capitalise(template.replace("{authority}", authority)
			.replace("{place}", place[0])
			.replace("{demonym}", place[1])
			.replace("{firm}", firm)
			.replace("{amount}", amount)
			.replace("{months}", months));
	}

	private static String capitalise(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/**
	 * One outlet's feed document.
	 *
	 * @param id the outlet, used as the feed id
	 * @param rss the RSS 2.0 document, UTF-8
	 * @param items its number of entries
	 * @param events the event each entry reports, in the order of the entries
	 */
	public record Feed(String id, byte[] rss, int items, int[] events) {

	}

	private record Entry(String url, String title, String html, Instant date, int event) {

	}

}
