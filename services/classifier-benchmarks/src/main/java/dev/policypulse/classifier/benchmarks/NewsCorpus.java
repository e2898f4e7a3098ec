package dev.policypulse.classifier.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic corpus of news-length items (1 to 5 KB of UTF-8 each) for measuring the
 * classifier: sentences filled in from templates, some reporting policy moves with
 * jurisdiction, regulator and capital mentions, the rest market, company and technology
 * chatter. The same seed always gives the same items.
 */
public final class NewsCorpus {

	/** The smallest item, in UTF-8 bytes of title and body together. */
	public static final int MIN_BYTES = 1024;

	/** The largest item, in UTF-8 bytes of title and body together. */
	public static final int MAX_BYTES = 5 * 1024;

	private static final String[][] PLACES = {
			// name, demonym, seat of government, a financial authority
			{ "Pakistan", "Pakistani", "Islamabad", "the State Bank of Pakistan" },
			{ "Brazil", "Brazilian", "Brasília", "the Central Bank of Brazil" },
			{ "Germany", "German", "Berlin", "BaFin" },
			{ "Japan", "Japanese", "Tokyo", "the Financial Services Agency" },
			{ "Nigeria", "Nigerian", "Abuja", "the Central Bank of Nigeria" },
			{ "South Korea", "South Korean", "Seoul", "the Financial Services Commission" },
			{ "the United Kingdom", "British", "London", "the Financial Conduct Authority" },
			{ "France", "French", "Paris", "the AMF" }, { "India", "Indian", "New Delhi", "the Reserve Bank of India" },
			{ "Singapore", "Singaporean", "Singapore", "the Monetary Authority of Singapore" },
			{ "El Salvador", "Salvadoran", "San Salvador", "the central reserve bank" },
			{ "the United Arab Emirates", "Emirati", "Abu Dhabi", "VARA" }, { "Switzerland", "Swiss", "Bern", "FINMA" },
			{ "Côte d'Ivoire", "Ivorian", "Abidjan", "the regional central bank" },
			{ "Kenya", "Kenyan", "Nairobi", "the Capital Markets Authority" },
			{ "Argentina", "Argentine", "Buenos Aires", "the securities commission" },
			{ "Thailand", "Thai", "Bangkok", "the Securities and Exchange Commission" },
			{ "the United States", "American", "Washington", "the SEC" },
			{ "Australia", "Australian", "Canberra", "ASIC" },
			{ "Canada", "Canadian", "Ottawa", "the Canadian Securities Administrators" } };

	private static final String[] MOVES = {
			"{authority} said on {day} that it will require every exchange serving {demonym} customers to hold a licence from next year.",
			"Lawmakers in {capital} passed a bill that sets out rules for crypto-asset service providers, sending it to the head of state for signature.",
			"The government of {place} announced a task force to draft a framework for digital assets within six months.",
			"{authority} fined a local trading platform for failing to report suspicious transfers, the regulator said in a statement.",
			"Officials in {capital} confirmed a ban on advertising crypto products to retail investors, effective immediately.",
			"The finance ministry of {place} proposed a flat tax on gains from the sale of digital tokens in its budget.",
			"{authority} opened a consultation on a central bank digital currency pilot with two commercial banks.",
			"A court in {capital} ordered the seizure of wallets linked to an unlicensed lending scheme.",
			"The parliament of {place} approved amendments that bring stablecoin issuers under the supervision of {authority}.",
			"{demonym} authorities signed a memorandum of understanding with a neighbouring regulator to share information on crypto fraud.",
			"The cabinet in {capital} allocated surplus electricity to licensed mining operators under a new power tariff.",
			"{authority} revoked the registration of an exchange that had missed several capital deadlines." };

	private static final String[] CHATTER = {
			"Token prices drifted lower on {day} as traders locked in profits after a strong week.",
			"Analysts at a regional brokerage expect volatility to stay high until the end of the quarter.",
			"A wallet provider based in {place} launched a new app with support for more than forty networks.",
			"The company reported higher trading volumes and said it had hired two hundred engineers this year.",
			"Hackers drained a decentralised lending pool of tokens worth several million dollars, the developers said.",
			"Several {demonym} fintech start-ups raised fresh funding from venture investors in {capital}.",
			"On-chain data showed that long-term holders moved a growing share of their coins to cold storage.",
			"A payments firm in {capital} added stablecoin settlement for merchants in a limited trial.",
			"Conference organisers in {capital} said attendance had doubled compared with last year.",
			"Miners upgraded their machines ahead of the next halving, according to an industry survey.",
			"Derivatives open interest climbed to a three-month high, while funding rates stayed neutral.",
			"The exchange said its proof-of-reserves report would now be published every month." };

	private static final String[] TITLES = { "{place} tightens rules for crypto exchanges",
			"{authority} weighs new limits on digital-asset trading", "Markets steady as tokens hold their gains",
			"{demonym} start-up launches self-custody wallet", "Lawmakers in {capital} debate a crypto tax",
			"Weekly market wrap: volumes rise, prices flat" };

	private static final String[] DAYS = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" };

	private NewsCorpus() {
	}

	/**
	 * Generates a corpus.
	 * @param seed the random seed; equal seeds give equal corpora
	 * @param size the number of items
	 * @return the items, each between {@link #MIN_BYTES} and {@link #MAX_BYTES}
	 */
	public static List<Item> generate(long seed, int size) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Item> items = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			items.add(item(random));
		}
		return List.copyOf(items);
	}

	/** The total UTF-8 size of the items, in bytes. */
	public static long bytes(List<Item> items) {
		return items.stream().mapToLong(Item::bytes).sum();
	}

	private static Item item(SplittableRandom random) {
		String[] place = PLACES[random.nextInt(PLACES.length)];
		String title = fill(TITLES[random.nextInt(TITLES.length)], place, random);
		int target = random.nextInt(MIN_BYTES + 200, MAX_BYTES - 400);
		// about half the items are mostly policy, the rest mostly market news
		double policyShare = random.nextBoolean() ? 0.6 : 0.1;
		StringBuilder body = new StringBuilder();
		int bytes = utf8Length(title);
		while (bytes < target) {
			if (random.nextInt(5) == 0) {
				place = PLACES[random.nextInt(PLACES.length)];
			}
			String[] pool = (random.nextDouble() < policyShare) ? MOVES : CHATTER;
			String sentence = fill(pool[random.nextInt(pool.length)], place, random);
			if (body.length() > 0) {
				boolean paragraph = random.nextInt(4) == 0;
				body.append(paragraph ? "\n\n" : " ");
				bytes += paragraph ? 2 : 1;
			}
			body.append(sentence);
			bytes += utf8Length(sentence);
		}
		return new Item(title, body.toString());
	}

	private static String fill(String template, String[] place, SplittableRandom random) {
		String text = template.replace("{place}", place[0])
			.replace("{demonym}", place[1])
			.replace("{capital}", place[2])
			.replace("{authority}", place[3])
			.replace("{day}", DAYS[random.nextInt(DAYS.length)]);
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * One news item.
	 *
	 * @param title the headline
	 * @param body the plain-text body
	 */
	public record Item(String title, String body) {

		/** The UTF-8 size of title and body together. */
		public int bytes() {
			return utf8Length(this.title) + utf8Length(this.body);
		}

	}

}
