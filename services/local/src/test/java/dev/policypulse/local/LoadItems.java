package dev.policypulse.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the items the load harness pushes: mostly market chatter, company news and
 * unrelated stories, with a share of policy moves by many jurisdictions. Each story is
 * reported by one to four outlets, worded differently, so that several items share a
 * story. Every item has a URL of its own.
 */
final class LoadItems {

	/**
	 * A jurisdiction code, its name in text and its weight among subscribers and news.
	 */
	record Jurisdiction(String code, String name, int weight) {
	}

	static final List<Jurisdiction> JURISDICTIONS = List.of(new Jurisdiction("US", "the United States", 30),
			new Jurisdiction("GB", "the United Kingdom", 14), new Jurisdiction("EU", "the European Union", 14),
			new Jurisdiction("DE", "Germany", 8), new Jurisdiction("FR", "France", 7),
			new Jurisdiction("JP", "Japan", 9), new Jurisdiction("KR", "South Korea", 8),
			new Jurisdiction("SG", "Singapore", 8), new Jurisdiction("HK", "Hong Kong", 7),
			new Jurisdiction("IN", "India", 9), new Jurisdiction("PK", "Pakistan", 4),
			new Jurisdiction("NG", "Nigeria", 5), new Jurisdiction("BR", "Brazil", 6),
			new Jurisdiction("AR", "Argentina", 4), new Jurisdiction("SV", "El Salvador", 4),
			new Jurisdiction("AU", "Australia", 6), new Jurisdiction("CA", "Canada", 6),
			new Jurisdiction("CH", "Switzerland", 5), new Jurisdiction("AE", "the United Arab Emirates", 6),
			new Jurisdiction("TR", "Turkey", 4), new Jurisdiction("ZA", "South Africa", 3),
			new Jurisdiction("KE", "Kenya", 3), new Jurisdiction("TH", "Thailand", 3),
			new Jurisdiction("VN", "Vietnam", 3), new Jurisdiction("ID", "Indonesia", 3),
			new Jurisdiction("PH", "the Philippines", 3), new Jurisdiction("MX", "Mexico", 3),
			new Jurisdiction("CN", "China", 6), new Jurisdiction("RU", "Russia", 4),
			new Jurisdiction("UA", "Ukraine", 2), new Jurisdiction("ES", "Spain", 3),
			new Jurisdiction("IT", "Italy", 3), new Jurisdiction("PL", "Poland", 2),
			new Jurisdiction("EG", "Egypt", 2));

	/** Topic codes with their weight among subscribers. */
	static final Map<String, Integer> TOPICS = Map.ofEntries(Map.entry("legislation", 10),
			Map.entry("ban_restriction", 9), Map.entry("enforcement", 8), Map.entry("licensing", 7),
			Map.entry("taxation", 7), Map.entry("stablecoin", 8), Map.entry("cbdc", 6), Map.entry("legal_tender", 3),
			Map.entry("reserve_holdings", 3), Map.entry("mining_energy", 3), Map.entry("regulator_formation", 2),
			Map.entry("international_cooperation", 2), Map.entry("intl_org", 2));

	/** Ways a policy move is reported: title and body, {0} the jurisdiction's name. */
	private static final List<String[]> MOVES = List.of(new String[] {
			"{0} securities regulator bans crypto lending products",
			"The securities regulator of {0} banned crypto lending products for retail investors on {d}, citing losses at collapsed lenders." },
			new String[] { "{0} parliament passes law to regulate digital asset exchanges",
					"Lawmakers in {0} passed a bill on {d} that requires digital asset exchanges to register and hold client funds apart." },
			new String[] { "{0} central bank starts pilot of a retail digital currency",
					"The central bank of {0} started a pilot of a retail central bank digital currency with several commercial banks on {d}." },
			new String[] { "{0} financial regulator grants first licence to a crypto exchange",
					"The financial regulator in {0} granted a licence to operate a crypto exchange on {d}, the first under its new regime." },
			new String[] { "{0} announces 15% tax on crypto gains",
					"The finance ministry of {0} announced on {d} that gains from crypto assets will be taxed at 15% from next year." },
			new String[] { "{0} regulator fines crypto exchange over money laundering controls",
					"The financial regulator of {0} fined a crypto exchange on {d} for failing to apply anti-money laundering checks." },
			new String[] { "{0} publishes reserve rules for stablecoin issuers",
					"The central bank of {0} published rules on {d} that require stablecoin issuers to hold reserves in cash and short-term bonds." },
			new String[] { "{0} restricts bitcoin mining amid power shortages",
					"The government of {0} restricted bitcoin mining on {d} after grid operators warned of electricity shortages." });

	/** Ways an item that is no policy move is worded; {0} a jurisdiction's name. */
	private static final List<String[]> CHATTER = List.of(new String[] {
			"Bitcoin climbs as traders weigh interest rate outlook",
			"Bitcoin rose about {n}% on {d} while traders weighed comments from central bankers about interest rates." },
			new String[] { "Ether slips after a week of gains",
					"The price of ether fell {n}% on {d}, giving back part of the gains of the past week as volumes thinned." },
			new String[] { "Crypto exchange opens office in {0}",
					"A crypto exchange said on {d} that it opened an office in {0} and plans to hire {n} staff this year." },
			new String[] { "Fund flows into crypto products rise for third week",
					"Investment products tied to crypto assets took in {n} million dollars in the week to {d}, a data provider said." },
			new String[] { "Wallet maker launches new hardware device",
					"A wallet maker launched a hardware device on {d} that supports {n} networks and costs less than its predecessor." },
			new String[] { "Local club wins cup final in {0}",
					"The home side won the cup final in {0} on {d} after a late goal in front of {n} thousand fans." },
			new String[] { "Heavy rain disrupts trains in {0}",
					"Rail services in parts of {0} were suspended on {d} after heavy rain flooded {n} stations." },
			new String[] { "Analysts see quiet trading in stablecoin markets",
					"Stablecoin volumes were flat on {d}; analysts expect quiet trading until the end of the month, with {n} billion in daily volume." },
			new String[] { "Tech company reports record quarterly earnings",
					"A technology company reported record earnings for the quarter on {d}, with revenue up {n}% on a year earlier." },
			new String[] { "Mining firm posts higher output in {0}",
					"A listed bitcoin mining firm said its output in {0} rose {n}% in the month to {d} as new machines came online." });

	private static final List<String> OUTLETS = List.of("wire.example.net", "markets.example.org", "daily.example.com",
			"policy.example.info", "ledger.example.news", "asia.example.net");

	private final SplittableRandom random;

	private final double moveShare;

	private final Deque<Item> pending = new ArrayDeque<>();

	private final String runId;

	private long stories;

	private long items;

	/** An item as the webhook takes it; {@code move}: written as a policy move. */
	record Item(String title, String body, String url, boolean move, String jurisdiction, String story) {

		String json() {
			return "{\"title\":" + quote(this.title) + ",\"body\":" + quote(this.body) + ",\"url\":" + quote(this.url)
					+ ",\"source\":\"load\"}";
		}

	}

	LoadItems(long seed, double moveShare, String runId) {
		this.random = new SplittableRandom(seed);
		this.moveShare = moveShare;
		this.runId = runId;
	}

	/** The next item; consecutive items often belong to the same story. */
	synchronized Item next() {
		if (this.pending.isEmpty()) {
			newStory();
		}
		return this.pending.poll();
	}

	private void newStory() {
		long story = ++this.stories;
		boolean move = this.random.nextDouble() < this.moveShare;
		Jurisdiction place = pickJurisdiction(this.random);
		String[] template = (move ? MOVES : CHATTER).get(this.random.nextInt((move ? MOVES : CHATTER).size()));
		int outlets = 1 + this.random.nextInt(4);
		String day = (1 + this.random.nextInt(28)) + " November";
		String number = Integer.toString(2 + this.random.nextInt(40));
		for (int i = 0; i < outlets; i++) {
			String name = place.name();
			String title = fill(template[0], capitalised(name), day, number);
			String body = fill(template[1], name, day, number);
			if (i % 2 == 1) {
				title = title + ", officials say";
				body = "Reports on " + day + ": " + body;
			}
			if (i >= 2) {
				body = body + " Further details were expected later in the week.";
			}
			// no two stories read alike, so that ingestion takes none for a repeat
			body = body + " (Report " + this.runId + "-" + story + ".)";
			String outlet = OUTLETS.get((int) ((story + i) % OUTLETS.size()));
			String url = "https://" + outlet + "/" + this.runId + "/" + story + "-" + (++this.items);
			this.pending.add(new Item(title, body, url, move, place.code(), this.runId + "-" + story));
		}
	}

	static Jurisdiction pickJurisdiction(SplittableRandom random) {
		int total = JURISDICTIONS.stream().mapToInt(Jurisdiction::weight).sum();
		int pick = random.nextInt(total);
		for (Jurisdiction each : JURISDICTIONS) {
			pick -= each.weight();
			if (pick < 0) {
				return each;
			}
		}
		throw new IllegalStateException();
	}

	static String pickTopic(SplittableRandom random) {
		List<Map.Entry<String, Integer>> entries = new ArrayList<>(TOPICS.entrySet());
		entries.sort(Map.Entry.comparingByKey());
		int total = entries.stream().mapToInt(Map.Entry::getValue).sum();
		int pick = random.nextInt(total);
		for (Map.Entry<String, Integer> each : entries) {
			pick -= each.getValue();
			if (pick < 0) {
				return each.getKey();
			}
		}
		throw new IllegalStateException();
	}

	private static String fill(String template, String name, String day, String number) {
		return template.replace("{0}", name).replace("{d}", day).replace("{n}", number);
	}

	private static String capitalised(String name) {
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
