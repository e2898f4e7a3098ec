package dev.policypulse.ingestion.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.policypulse.ingestion.publishing.IncomingItem;

/**
 * A deterministic corpus of near-identical items, the worst case for story clustering:
 * every item is one of a few dozen sentence templates with a country, a company, a day
 * and a number filled in, as a load generator would write them. Each story (one filling
 * of a template) is reported by one to four outlets one after the other, the later ones
 * with a few words added, so the items of a story share nearly all their words, and the
 * items of one template share most of theirs with hundreds of other stories. Items are
 * published in the order given, evenly over the {@value #HOURS} hours before
 * {@link FeedCorpus#NOW}, across midnight.
 */
public final class TemplateCorpus {

	/** Hours the items are published over, ending at {@link FeedCorpus#NOW}. */
	static final int HOURS = 20;

	private static final String[] COUNTRIES = { "the United States", "the United Kingdom", "Germany", "France", "Japan",
			"South Korea", "Singapore", "Hong Kong", "India", "Pakistan", "Nigeria", "Brazil", "Argentina",
			"El Salvador", "Australia", "Canada", "Switzerland", "the United Arab Emirates", "Turkey", "South Africa",
			"Kenya", "Thailand", "Vietnam", "Indonesia", "the Philippines", "Mexico", "China", "Spain", "Italy",
			"Poland" };

	private static final String[] COMPANIES = { "Coinvale", "Ledgerline", "Bitstrand", "Tokenhaus", "Chainmark",
			"Satoshiworks", "Blockfield", "Hashport", "Cryptora", "Walletra", "Minetide", "Stablevia" };

	/**
	 * Title and body; {c} a country, {f} a company, {d} a day, {n} a number. Market news
	 * names no country, so it never conflicts by place.
	 */
	private static final String[][] TEMPLATES = { { "{c} securities regulator bans crypto lending products",
			"The securities regulator of {c} banned crypto lending products offered by {f} and others to retail investors on {d}, citing losses of {n} million." },
			{ "{c} parliament passes law to regulate digital asset exchanges",
					"Lawmakers in {c} passed a bill on {d} that requires digital asset exchanges such as {f} to register within {n} months and hold client funds apart." },
			{ "{c} central bank starts pilot of a retail digital currency",
					"The central bank of {c} started a pilot of a retail central bank digital currency with {n} commercial banks and {f} on {d}." },
			{ "{c} financial regulator grants licence to crypto exchange {f}",
					"The financial regulator in {c} granted {f} a licence to operate a crypto exchange on {d}, the {n}th under its new regime." },
			{ "{c} announces {n}% tax on crypto gains",
					"The finance ministry of {c} announced on {d} that gains from crypto assets will be taxed at {n}% from next year, {f} said in a note." },
			{ "{c} regulator fines {f} over money laundering controls",
					"The financial regulator of {c} fined the crypto exchange {f} {n} million on {d} for failing to apply anti-money laundering checks." },
			{ "{c} publishes reserve rules for stablecoin issuers",
					"The central bank of {c} published rules on {d} that require stablecoin issuers such as {f} to hold {n}% of reserves in cash and short-term bonds." },
			{ "{c} restricts bitcoin mining amid power shortages",
					"The government of {c} restricted bitcoin mining by {f} and others on {d} after grid operators warned of shortages of {n} megawatts." },
			{ "{c} tax office demands records from {f}",
					"The tax authority of {c} ordered {f} on {d} to hand over records of {n} thousand customers who traded crypto assets." },
			{ "{c} court freezes assets of {f}",
					"A court in {c} froze {n} million of assets held by {f} on {d} while prosecutors investigate the collapse of its lending unit." },
			{ "{c} police arrest {f} executives",
					"Police in {c} arrested {n} executives of {f} on {d} over claims that the exchange misused customer deposits." },
			{ "{c} consults on rules for crypto advertising",
					"The financial regulator of {c} opened a consultation on {d} on rules for crypto advertising, after {f} ran {n} campaigns aimed at students." },
			{ "{c} adds {f} to investor warning list",
					"The markets watchdog of {c} added {f} to its list of unauthorised firms on {d}, its {n}th warning this year." },
			{ "{c} sets capital rules for crypto custodians",
					"Custodians of crypto assets in {c}, among them {f}, must hold at least {n} million in capital under rules issued on {d}." },
			{ "{c} joins cross-border payments trial with {f}",
					"The central bank of {c} joined a trial of cross-border payments in tokenised deposits with {f} and {n} other banks on {d}." },
			{ "Bitcoin climbs as traders weigh interest rate outlook",
					"Bitcoin rose about {n}% on {d} while traders weighed comments from central bankers, {f} analysts wrote." },
			{ "Ether slips after a week of gains",
					"The price of ether fell {n}% on {d} on exchanges including {f}, giving back part of the gains of the past week." },
			{ "{f} opens office in {c}",
					"The crypto exchange {f} said on {d} that it opened an office in {c} and plans to hire {n} staff this year." },
			{ "Fund flows into crypto products rise for third week",
					"Investment products tied to crypto assets took in {n} million dollars in the week to {d}, {f} said." },
			{ "{f} launches new hardware wallet",
					"The wallet maker {f} launched a hardware device on {d} that supports {n} networks and costs less than its predecessor." },
			{ "{f} reports record quarterly earnings",
					"{f} reported record earnings for the quarter on {d}, with revenue up {n}% on a year earlier." },
			{ "{f} posts higher mining output in {c}",
					"The listed bitcoin mining firm {f} said its output in {c} rose {n}% in the month to {d} as new machines came online." },
			{ "{f} hacked, losing {n} million",
					"Attackers drained {n} million from hot wallets of {f} on {d}; the exchange suspended withdrawals." },
			{ "{c} exchange {f} delists privacy coins",
					"{f}, an exchange in {c}, said on {d} that it will delist {n} privacy coins to meet the rules of local regulators." } };

	private TemplateCorpus() {
	}

	/**
	 * Generates the items.
	 * @param seed the seed; the same seed gives the same items
	 * @param items how many items
	 * @return the items in the order they are ingested, with their stories
	 */
	public static List<Labelled> generate(long seed, int items) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Labelled> result = new ArrayList<>(items);
		Instant start = FeedCorpus.NOW.minus(Duration.ofHours(HOURS));
		long step = Duration.ofHours(HOURS).toMillis() / items;
		int story = 0;
		while (result.size() < items) {
			story++;
			String[] template = TEMPLATES[random.nextInt(TEMPLATES.length)];
			// A few countries have most of the news, as in real feeds.
			String country = COUNTRIES[random.nextInt(random.nextBoolean() ? 4 : COUNTRIES.length)];
			String company = COMPANIES[random.nextInt(COMPANIES.length)];
			String day = (1 + random.nextInt(28)) + " February";
			String number = Integer.toString(2 + random.nextInt(90));
			int outlets = 1 + random.nextInt(4);
			for (int i = 0; i < outlets && result.size() < items; i++) {
				String title = fill(template[0], country, company, day, number);
				String body = fill(template[1], country, company, day, number);
				if (i % 2 == 1) {
					title = title + ", officials say";
					body = "Reports on " + day + ": " + body;
				}
				if (i >= 2) {
					body = body + " Further details were expected later in the week.";
				}
				int position = result.size();
				String outlet = "outlet-" + ((story + i) % 6);
				Instant publishedAt = start.plusMillis(step * position);
				IncomingItem item = new IncomingItem(outlet, outlet, null,
						"https://" + outlet + ".example/news/" + story + "-" + position, null, title, null, body,
						publishedAt, "en");
				result.add(new Labelled(item, "story-" + story));
			}
		}
		return result;
	}

	private static String fill(String template, String country, String company, String day, String number) {
		String text = template.replace("{c}", country)
			.replace("{f}", company)
			.replace("{d}", day)
			.replace("{n}", number);
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/**
	 * An item and the story it reports.
	 *
	 * @param item the item
	 * @param story the story's label
	 */
	public record Labelled(IncomingItem item, String story) {

	}

}
