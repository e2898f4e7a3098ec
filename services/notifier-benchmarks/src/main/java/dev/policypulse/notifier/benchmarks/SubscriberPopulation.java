package dev.policypulse.notifier.benchmarks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.PolicyItemClassified;
import dev.policypulse.contracts.PolicyItemIngested;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicCodes;
import dev.policypulse.contracts.TopicTag;
import dev.policypulse.notifier.subscription.Preferences;
import dev.policypulse.notifier.subscription.Subscription;
import dev.policypulse.notifier.subscription.SubscriptionStatus;

/**
 * Deterministic subscribers and classified items with a realistic spread. Jurisdictions
 * are followed and tagged with a heavy head (a few, such as the US, the EU or the UK, are
 * followed by many; most by few), one subscriber in six names a state or province. Most
 * subscribers follow one to five jurisdictions; a few follow none and rely on topics or
 * keywords. About half follow some topics, one in ten has keywords, a few raise the
 * severity threshold or want items that are no policy move, and some of the EU's
 * followers include its member states. Most items are policy moves with an actor, often a
 * counterparty and jurisdictions merely mentioned, and one or two topics; the others only
 * mention jurisdictions. Every item has a body of about 1.5 KB in which common keywords
 * occur now and then. The same seed always gives the same population.
 */
public final class SubscriberPopulation {

	/** Jurisdictions by popularity, most followed first. */
	static final List<String> JURISDICTIONS = List.of("US", "EU", "GB", "SG", "AE", "HK", "JP", "DE", "CH", "IN", "KR",
			"AU", "CA", "BR", "FR", "NG", "ZA", "PK", "SV", "TR", "AR", "MX", "ID", "PH", "TH", "VN", "MY", "NZ", "IE",
			"NL", "LU", "MT", "CY", "EE", "LT", "PL", "IT", "ES", "PT", "SE", "NO", "DK", "FI", "AT", "BE", "CZ", "IL",
			"SA", "QA", "BH", "KE", "GH", "UA", "RU", "CN", "TW", "KZ", "GE", "CL", "CO", "PE", "UY", "PA", "BM", "KY",
			"BS", "LI", "MC", "EG", "MA", "TN", "BD", "LK", "NP", "KH", "MN", "UZ", "AM", "RS", "RO", "BG", "HR", "SI",
			"SK", "HU", "GR", "IS", "JO", "KW", "OM", "ET", "TZ", "UG", "RW", "ZM", "BW", "NA", "ZW");

	/** States and provinces where crypto policy is made. */
	static final List<String> SUBDIVISIONS = List.of("US-NY", "US-TX", "US-CA", "US-WY", "US-FL", "US-IL", "US-NH",
			"US-AZ", "US-UT", "US-MT", "CA-ON", "CA-QC", "CA-BC", "CA-AB", "AU-NSW", "AU-VIC", "AE-DU", "AE-AZ",
			"CN-HK", "DE-BY", "IN-MH", "IN-KA", "BR-SP", "CH-ZG", "MY-13");

	/** Words subscribers look for, and that news often contains, most common first. */
	static final List<String> COMMON_KEYWORDS = List.of("stablecoin", "bitcoin", "exchange", "MiCA", "CBDC", "Binance",
			"Tether", "ETF", "tax", "custody", "DeFi", "ether", "mining", "sanctions", "travel rule",
			"money laundering", "Coinbase", "Ripple", "XRP", "tokenisation", "NFT", "staking", "licence", "sandbox",
			"central bank", "digital euro", "e-CNY", "USDT", "USDC", "self-custody", "privacy coins", "Monero",
			"Kraken", "OKX", "Bybit", "FTX", "Terra", "Circle", "BlackRock", "spot ETF", "securities law", "Howey",
			"token offering", "ICO", "airdrop", "wallet", "KYC", "AML", "FATF", "grey list", "capital gains", "reserve",
			"gold", "remittances", "payments", "lightning", "layer 2", "smart contracts", "DAO", "tokenised deposits");

	private static final String[] SENTENCES = { "Officials said the rules on {kw} would be published within weeks.",
			"The regulator met industry groups to discuss {kw} and consumer protection.",
			"Market participants welcomed the clarity on {kw}, a lawyer in the capital said.",
			"Critics argued the plan does little to address {kw} or fraud.",
			"The ministry will review the effect on {kw} after six months.",
			"Analysts expect the decision to weigh on {kw} in the short term.",
			"The move follows a consultation that drew more than two hundred responses.",
			"Lawmakers from the opposition called for a parliamentary debate before any vote.",
			"A spokesperson declined to comment on individual firms or pending cases.",
			"The central bank has warned repeatedly about the risks of speculative assets." };

	private static final List<String> TOPICS = List.copyOf(TopicCodes.all());

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private SubscriberPopulation() {
	}

	/** {@code count} confirmed subscriptions, some paused. */
	public static List<Subscription> subscriptions(long seed, int count) {
		SplittableRandom random = new SplittableRandom(seed);
		List<Subscription> subscriptions = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			subscriptions.add(subscription(random, i));
		}
		return subscriptions;
	}

	/** {@code count} classified items. */
	public static List<PolicyItemClassified> items(long seed, int count) {
		SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
		List<PolicyItemClassified> items = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			items.add(item(random, i));
		}
		return items;
	}

	private static Subscription subscription(SplittableRandom random, int n) {
		List<String> jurisdictions = (random.nextInt(100) < 5) ? List.of()
				: jurisdictions(random, followedCount(random));
		List<String> topics = (random.nextInt(100) < 55) ? List.of()
				: distinct(1 + random.nextInt(3), () -> TOPICS.get(skewed(random, TOPICS.size())));
		List<String> keywords = (random.nextInt(100) < 10)
				? distinct(1 + random.nextInt(3), () -> COMMON_KEYWORDS.get(skewed(random, COMMON_KEYWORDS.size())))
				: List.of();
		if (jurisdictions.isEmpty() && topics.isEmpty() && keywords.isEmpty()) {
			topics = List.of(TOPICS.get(random.nextInt(TOPICS.size())));
		}
		int severity = random.nextInt(100);
		Severity minSeverity = (severity < 60) ? Severity.LOW
				: (severity < 85) ? Severity.MEDIUM : (severity < 97) ? Severity.HIGH : Severity.CRITICAL;
		Preferences preferences = new Preferences(jurisdictions, random.nextInt(100) < 40, topics, minSeverity,
				random.nextInt(100) >= 8, keywords, Subscription.IMMEDIATE, ZoneId.of("UTC"), 8, false,
				random.nextInt(100) < 3);
		return new Subscription(new UUID(seedBits(n), n), "subscriber" + n + "@example.org", preferences,
				SubscriptionStatus.CONFIRMED, START.plusSeconds(n * 37L));
	}

	/** 1 (35 %), 2 (25 %), 3 (18 %), 4 (12 %) or 5 (10 %). */
	private static int followedCount(SplittableRandom random) {
		int roll = random.nextInt(100);
		return (roll < 35) ? 1 : (roll < 60) ? 2 : (roll < 78) ? 3 : (roll < 90) ? 4 : 5;
	}

	private static List<String> jurisdictions(SplittableRandom random, int count) {
		return distinct(count, () -> jurisdiction(random));
	}

	private static String jurisdiction(SplittableRandom random) {
		return (random.nextInt(6) == 0) ? SUBDIVISIONS.get(skewed(random, SUBDIVISIONS.size()))
				: JURISDICTIONS.get(skewed(random, JURISDICTIONS.size()));
	}

	private static PolicyItemClassified item(SplittableRandom random, int n) {
		// what is no policy move has neither actor nor counterparty, only jurisdictions
		// mentioned, and no topic
		boolean policyMove = random.nextInt(100) < 85;
		Set<String> codes = new LinkedHashSet<>();
		List<JurisdictionTag> tags = new ArrayList<>();
		String actor = jurisdiction(random);
		Role acting = policyMove ? Role.ACTOR : Role.MENTIONED;
		addTag(tags, codes, actor, acting);
		if (actor.length() > 3) {
			// a subdivision brings its country, which acts too
			addTag(tags, codes, actor.substring(0, 2), acting);
		}
		if (policyMove && random.nextInt(100) < 35) {
			addTag(tags, codes, jurisdiction(random), Role.COUNTERPARTY);
		}
		for (int i = random.nextInt(4); i > 0; i--) {
			addTag(tags, codes, jurisdiction(random), Role.MENTIONED);
		}
		List<TopicTag> topics = policyMove
				? distinct(1 + random.nextInt(2), () -> TOPICS.get(skewed(random, TOPICS.size()))).stream()
					.map((code) -> new TopicTag(code, 0.8, List.of()))
					.toList()
				: List.of();
		int roll = random.nextInt(100);
		Severity severity = !policyMove ? Severity.LOW : (roll < 30) ? Severity.LOW
				: (roll < 70) ? Severity.MEDIUM : (roll < 93) ? Severity.HIGH : Severity.CRITICAL;
		String keyword = COMMON_KEYWORDS.get(skewed(random, COMMON_KEYWORDS.size()));
		String title = "Regulators in " + actor + " act on " + keyword + " as markets watch";
		StringBuilder body = new StringBuilder();
		while (body.length() < 1500) {
			String sentence = SENTENCES[random.nextInt(SENTENCES.length)];
			String word = (random.nextInt(4) == 0) ? COMMON_KEYWORDS.get(skewed(random, COMMON_KEYWORDS.size()))
					: "the market";
			body.append(sentence.replace("{kw}", word)).append(' ');
		}
		String id = String.format("item-%08d", n);
		Instant at = START.plusSeconds(n * 60L);
		return new PolicyItemClassified(
				new PolicyItemIngested(id, id, "benchmark", "https://news.example.org/" + id, title,
						body.toString().strip(), "en", at, at),
				tags, policyMove ? actor : null, topics, policyMove, severity, "benchmark", at);
	}

	private static void addTag(List<JurisdictionTag> tags, Set<String> codes, String code, Role role) {
		if (codes.add(code)) {
			tags.add(new JurisdictionTag(code, role, 0.9, List.of(new Evidence("title", 0, 1, code))));
		}
	}

	/**
	 * An index below {@code size}, small ones far likelier: roughly Zipf-distributed
	 * (exponent 1).
	 */
	private static int skewed(SplittableRandom random, int size) {
		double harmonic = Math.log(size) + 0.5772;
		double target = random.nextDouble() * harmonic;
		double sum = 0;
		for (int i = 0; i < size; i++) {
			sum += 1.0 / (i + 1);
			if (sum >= target) {
				return i;
			}
		}
		return size - 1;
	}

	private static List<String> distinct(int count, Supplier<String> next) {
		Set<String> values = new LinkedHashSet<>();
		for (int attempts = 0; values.size() < count && attempts < count * 20; attempts++) {
			values.add(next.get());
		}
		return List.copyOf(values);
	}

	private static long seedBits(int n) {
		return 0x706f6c6963790000L | (n >>> 16);
	}

}
