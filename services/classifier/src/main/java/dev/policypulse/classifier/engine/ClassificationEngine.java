package dev.policypulse.classifier.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.policypulse.contracts.Evidence;
import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.Role;
import dev.policypulse.contracts.Severity;
import dev.policypulse.contracts.TopicCodes;
import dev.policypulse.contracts.TopicTag;

/**
 * Rule-based classifier for crypto-policy news: which jurisdictions a text names and
 * which of them acts, which policy topics it covers, and whether it reports a policy move
 * at all. A small learned model ({@link TopicModel}) settles the topics of an article's
 * move. Pure Java and thread-safe; build one with {@link #create()} and share it.
 */
public final class ClassificationEngine {

	private static final String KNOWLEDGE_VERSION = Tsv.read("knowledge-version.txt", 1).get(0)[0];

	/**
	 * The version of the knowledge tables this engine loads (the
	 * {@code classifierVersion} of its verdicts unless a deployment overrides it).
	 * @return the version, such as {@code rules-2}
	 */
	public static String knowledgeVersion() {
		return KNOWLEDGE_VERSION;
	}

	/** Topics below this confidence are not reported. */
	static final double TOPIC_THRESHOLD = 0.65;

	/** A policy move needs a topic at least this confident. */
	static final double POLICY_THRESHOLD = 0.7;

	private static final double TITLE_FACTOR = 3.0;

	private static final int MAX_EVIDENCE = 3;

	/**
	 * "LONDON, May 3 (Reuters) -" and similar openings name the reporter's location only.
	 */
	private static final Pattern DATELINE = Pattern
		.compile("^\\s*[A-Z][A-Z.'’ -]{2,40}(?:,\\s*[A-Za-z0-9 .,]{0,30})?\\s*(?:\\([^)]{1,30}\\))?\\s*[-–—:]\\s");

	/**
	 * Words that place an ambiguous name such as Georgia in the United States: "the
	 * state", "statewide", a state legislature or governor.
	 */
	private static final Pattern US_STATE_CUE = Pattern.compile(
			"(?i)\\b(?:the|this|that) state\\b(?!-)|\\bstatewide\\b|\\bstate (?:legislature|lawmakers|senate|house|governor|treasurer)\\b|\\bGov\\.");

	/**
	 * Topics whose words also describe what an international body's standards ask of
	 * countries ("license or register VASPs"): when such a body acts, they count only
	 * from the headline.
	 */
	private static final Set<String> STANDARDS_VOCABULARY = Set.of("legislation", "licensing", "enforcement");

	private final Gazetteer gazetteer;

	private final PhraseRules topicRules;

	private final PhraseRules cueRules;

	private final Map<String, Severity> severities;

	/** Organisations (as {@code @id}) whose crypto-policy acts are the intl_org topic. */
	private final Set<String> intlOrgTopic;

	private final TopicModel topicModel;

	private ClassificationEngine(Gazetteer gazetteer, PhraseRules topicRules, PhraseRules cueRules,
			Map<String, Severity> severities, Set<String> intlOrgTopic, TopicModel topicModel) {
		this.topicModel = topicModel;
		this.gazetteer = gazetteer;
		this.topicRules = topicRules;
		this.cueRules = cueRules;
		this.severities = severities;
		this.intlOrgTopic = intlOrgTopic;
	}

	/**
	 * An engine with the rules and the learned topic model bundled in this package's
	 * resources.
	 */
	public static ClassificationEngine create() {
		return create(TopicModel.load("topic-model.tsv"));
	}

	/**
	 * An engine with the rules bundled in this package's resources and a given topic
	 * model.
	 * @param topicModel the learned topic model, {@link TopicModel#NONE} for rules alone
	 * @return the engine
	 */
	static ClassificationEngine create(TopicModel topicModel) {
		Map<String, Severity> severities = new HashMap<>();
		for (String[] row : Tsv.read("topic-severity.tsv", 2)) {
			if (!TopicCodes.isKnown(row[0])) {
				throw new IllegalStateException("topic-severity.tsv names unknown topic " + row[0]);
			}
			severities.put(row[0], Severity.valueOf(row[1]));
		}
		PhraseRules topics = PhraseRules.load("topic-rules.tsv");
		Set<String> intlOrgTopic = new java.util.HashSet<>();
		for (String[] row : Tsv.read("organisations.tsv", 2)) {
			if (row.length < 3 || !"no-topic".equals(row[2])) {
				intlOrgTopic.add("@" + row[0]);
			}
		}
		return new ClassificationEngine(Gazetteer.load(), topics, PhraseRules.load("cue-rules.tsv"), severities,
				Set.copyOf(intlOrgTopic), topicModel);
	}

	/**
	 * Classifies one item.
	 * @param title the headline, may be {@code null} or empty
	 * @param body the plain-text body, may be {@code null} or empty
	 * @return the verdict
	 */
	public Classification classify(String title, String body) {
		return classify(title, body, null);
	}

	/**
	 * Classifies one item published on a known date, which settles officials' surnames
	 * that several countries' leaders share at different times.
	 * @param title the headline, may be {@code null} or empty
	 * @param body the plain-text body, may be {@code null} or empty
	 * @param published the publication date, {@code null} if unknown
	 * @return the verdict
	 */
	public Classification classify(String title, String body, LocalDate published) {
		return classify(title, body, published, null);
	}

	/**
	 * Classifies one item and hands what the learned topic model sees of it to a sink.
	 * @param title the headline, may be {@code null} or empty
	 * @param body the plain-text body, may be {@code null} or empty
	 * @param published the publication date, {@code null} if unknown
	 * @param featureSink receives the item's topic features, {@code null} for none
	 * @return the verdict
	 */
	Classification classify(String title, String body, LocalDate published, Consumer<TopicFeatures> featureSink) {
		String titleText = (title != null) ? title : "";
		String bodyText = (body != null) ? body : "";
		Text text = new Text(titleText, bodyText);

		List<Mention> mentions = resolveAmbiguous(
				this.gazetteer.find(titleText, bodyText, datelineEnd(bodyText), published), titleText, bodyText);
		List<Mention> organisations = mentions.stream().filter(Mention::isOrganisation).toList();
		List<Mention> places = mentions.stream().filter((m) -> !m.isOrganisation()).toList();

		PhraseRules.Words titleWords = PhraseRules.Words.of(titleText);
		PhraseRules.Words bodyWords = PhraseRules.Words.of(bodyText);
		Map<String, List<PhraseRules.Hit>> cues = new LinkedHashMap<>(
				this.cueRules.match("title", titleText, titleWords));
		this.cueRules.match("body", bodyText, bodyWords).forEach((k, v) -> cues.merge(k, v, (a, b) -> {
			List<PhraseRules.Hit> all = new ArrayList<>(a);
			all.addAll(b);
			return all;
		}));

		Sentences sentences = Sentences.of(bodyText, cues.getOrDefault("background", List.of()));
		boolean organisationActs = organisationActs(organisations, places, titleText, bodyText, sentences.firstEnd());
		boolean jointAct = jointAct(organisations, places, cues.getOrDefault("joint", List.of()), titleText,
				sentences.firstEnd());
		Map<String, TopicScore> topics = scoreTopics(this.topicRules.match("title", titleText, titleWords),
				this.topicRules.match("body", bodyText, bodyWords), sentences, organisations, organisationActs,
				titleText);
		// The headline's own move first: title evidence outranks a body-only topic of
		// similar strength. A topic seen only through context words ("under the new
		// law") is background when another reported topic has an act of its own.
		boolean anchoredTopic = topics.values()
			.stream()
			.anyMatch((t) -> t.anchored() && t.confidence() >= TOPIC_THRESHOLD);
		List<TopicTag> topicTags = topics.values()
			.stream()
			.filter((t) -> t.confidence() >= TOPIC_THRESHOLD)
			.filter((t) -> t.anchored() || !anchoredTopic)
			.filter((t) -> !organisationActs || !STANDARDS_VOCABULARY.contains(t.code) || t.inTitle())
			.sorted(Comparator.comparingDouble(TopicScore::rank).reversed())
			.map(TopicScore::toTag)
			.toList();

		Map<String, Double> scores = scoreJurisdictions(places, text);
		boolean official = places.stream().anyMatch((m) -> m.kind().isOfficial() || text.actsOfficially(m))
				|| !organisations.isEmpty() || officialCue(cues);
		double policyScore = topics.values().stream().mapToDouble((t) -> Math.max(0, t.score())).sum();
		double nonPolicyScore = cueScore(cues.get("nonpolicy"));
		// The strongest topic before context-only topics give way: more evidence for a
		// weaker topic with an act of its own must not undo a move the rest makes.
		double topConfidence = topics.values()
			.stream()
			.filter((t) -> !organisationActs || !STANDARDS_VOCABULARY.contains(t.code) || t.inTitle())
			.mapToDouble(TopicScore::confidence)
			.max()
			.orElse(0);
		boolean notActor = cues.getOrDefault("notactor", List.of())
			.stream()
			.anyMatch((hit) -> hit.inTitle() || hit.start() < sentences.firstEnd());
		boolean policyMove = official && !notActor && topConfidence >= POLICY_THRESHOLD && policyScore > nonPolicyScore;
		// The rules decide whether there is a move at all; which topics an article's
		// move reports is the learned model's call, with the rules' own evidence among
		// its features.
		List<TopicTag> reported = policyMove ? topicTags : List.of();
		boolean learned = policyMove && this.topicModel.isPresent() && bodyWords.size() >= TopicModel.MIN_BODY_WORDS;
		if (featureSink != null || learned) {
			TopicFeatures features = topicFeatures(titleWords, bodyWords, sentences, topics, topicTags);
			if (featureSink != null) {
				featureSink.accept(features);
			}
			if (learned) {
				reported = learnedTopics(features, topics, titleText, bodyText);
			}
		}

		// The BIS running a project with one central bank: the central bank's
		// jurisdiction acts, the BIS is part of the story.
		boolean organisationAlone = organisationActs
				&& !nationalPartner(organisations, places, titleText, sentences.firstEnd());
		String primary = null;
		if (policyMove && !organisationAlone && !jointAct) {
			String subject = headlineSubject(places, text, sentences.firstEnd());
			primary = primaryOf((subject != null) ? only(scores, subject) : scores);
			primary = localActor(primary, places, cues.getOrDefault("local", List.of()), titleText,
					sentences.firstEnd());
			primary = headlineSubdivision(primary, places, titleText, sentences.firstEnd());
		}
		String counterparty = null;
		TopicScore cooperation = topics.get("international_cooperation");
		if (primary != null && cooperation != null && cooperation.confidence() >= TOPIC_THRESHOLD) {
			counterparty = counterpartyOf(scores, primary);
		}
		else if (policyMove && organisationAlone) {
			// An international body acting on a country (a loan condition, a listing):
			// the country is the other side, so its followers hear of it.
			counterparty = counterpartyOf(scores, "@");
		}
		List<JurisdictionTag> tags = jurisdictionTags(places, scores, primary, counterparty);
		// Every topic the model reports is a decided one; of the rules' topics, only the
		// confident ones set the severity.
		double severityConfidence = learned ? 0 : POLICY_THRESHOLD;
		Severity severity = tentative(cues, !titleText.isBlank())
				? stepDown(severity(policyMove, reported, severityConfidence))
				: severity(policyMove, reported, severityConfidence);
		return new Classification(tags, primary, reported, policyMove, severity);
	}

	/**
	 * The topics the learned model reports, likeliest first, each with its probability as
	 * confidence and the rules' evidence for it, or the headline words that speak most
	 * for it when the rules have none.
	 */
	private List<TopicTag> learnedTopics(TopicFeatures features, Map<String, TopicScore> topics, String title,
			String body) {
		double[] probabilities = this.topicModel.probabilities(features);
		List<TopicTag> tags = new ArrayList<>();
		for (int t : TopicModel.choose(probabilities)) {
			String code = TopicModel.TOPICS.get(t);
			TopicScore score = topics.get(code);
			List<Evidence> evidence = (score != null) ? score.evidence() : List.of();
			if (evidence.isEmpty()) {
				int[] span = this.topicModel.strongestInHeadline(features, t);
				if (span != null) {
					PhraseRules.Words words = features.headline();
					boolean inBody = features.headlineInBody();
					int start = words.start[span[0]];
					int end = words.end[span[1]];
					String field = inBody ? body : title;
					evidence = List
						.of(new Evidence(inBody ? "body" : "title", start, end, field.substring(start, end)));
				}
			}
			tags.add(new TopicTag(code, round(Math.min(0.99, probabilities[t])), evidence));
		}
		return tags;
	}

	private static TopicFeatures topicFeatures(PhraseRules.Words titleWords, PhraseRules.Words bodyWords,
			Sentences sentences, Map<String, TopicScore> topics, List<TopicTag> reported) {
		List<String> codes = reported.stream().map(TopicTag::code).toList();
		int leadEnd = sentences.end(TopicFeatures.LEAD_SENTENCES);
		// Per topic, in TopicFeatures.RULE_FEATURES order.
		double[][] rules = new double[TopicModel.TOPICS.size()][];
		for (int t = 0; t < rules.length; t++) {
			String code = TopicModel.TOPICS.get(t);
			TopicScore score = topics.get(code);
			rules[t] = new double[TopicFeatures.RULE_FEATURES.size()];
			if (score != null) {
				rules[t][0] = Math.max(0, score.confidence());
				rules[t][1] = codes.contains(code) ? 1 : 0;
				rules[t][2] = score.anchored() ? 1 : 0;
				rules[t][3] = score.inTitle() ? 1 : 0;
				rules[t][4] = (!codes.isEmpty() && codes.get(0).equals(code)) ? 1 : 0;
				rules[t][5] = StrictMath.log1p(Math.max(0, score.score()));
				rules[t][6] = (codes.indexOf(code) > 0) ? 1 : 0;
				rules[t][7] = score.inBody(leadEnd) ? 1 : 0;
			}
		}
		return TopicFeatures.of(titleWords, bodyWords, sentences.firstEnd(), leadEnd, rules, codes);
	}

	static int datelineEnd(String body) {
		Matcher matcher = DATELINE.matcher(body);
		return matcher.find() ? matcher.end() : 0;
	}

	/**
	 * Codes written {@code GE|US-GA} mean "the first, unless the second's country is
	 * otherwise named".
	 */
	private static List<Mention> resolveAmbiguous(List<Mention> mentions, String title, String body) {
		boolean ambiguous = mentions.stream().anyMatch((mention) -> mention.code().contains("|"));
		boolean usState = ambiguous && (US_STATE_CUE.matcher(title).find() || US_STATE_CUE.matcher(body).find());
		Set<String> countries = new java.util.HashSet<>();
		for (Mention mention : mentions) {
			if (!mention.code().contains("|") && !mention.isOrganisation()) {
				countries.add(country(mention.code()));
			}
		}
		List<Mention> out = new ArrayList<>(mentions.size());
		for (Mention mention : mentions) {
			if (mention.code().contains("|")) {
				String[] options = mention.code().split("\\|");
				String chosen = options[0];
				for (int i = 1; i < options.length; i++) {
					if (countries.contains(country(options[i])) || (usState && options[i].startsWith("US-"))) {
						chosen = options[i];
					}
				}
				mention = mention.withCode(chosen, mention.kind());
			}
			out.add(mention);
		}
		return out;
	}

	static String country(String code) {
		int dash = code.indexOf('-');
		return (dash > 0) ? code.substring(0, dash) : code;
	}

	/**
	 * An international organisation acts when the headline leads with it, or names it and
	 * no jurisdiction.
	 */
	private static boolean organisationActs(List<Mention> organisations, List<Mention> places, String title,
			String body, int leadEnd) {
		List<Mention> inHeadline = organisations.stream().filter((m) -> inHeadline(m, title, leadEnd)).toList();
		if (inHeadline.isEmpty()) {
			return false;
		}
		Mention first = inHeadline.get(0);
		boolean placeInHeadline = places.stream().anyMatch((m) -> inHeadline(m, title, leadEnd));
		String before = (first.inTitle() ? title : body).substring(0, first.start()).strip();
		return !placeInHeadline || before.isEmpty() || before.equalsIgnoreCase("the");
	}

	/**
	 * A joint act of several jurisdictions, which none of them makes alone: the lead (the
	 * title and the body's first sentence) names the BIS together with institutions of at
	 * least two countries (a BIS Innovation Hub project run with several central banks),
	 * or the headline has a {@code joint} cue and names at least three countries.
	 */
	private static boolean jointAct(List<Mention> organisations, List<Mention> places, List<PhraseRules.Hit> joint,
			String title, int leadEnd) {
		boolean bisInLead = organisations.stream()
			.anyMatch((m) -> m.code().equals("@BIS") && (m.inTitle() || m.start() < leadEnd));
		if (bisInLead) {
			long countries = places.stream()
				.filter((m) -> m.kind() == AliasKind.INSTITUTION && (m.inTitle() || m.start() < leadEnd))
				.map((m) -> country(m.code()))
				.distinct()
				.count();
			long inTitle = places.stream().filter(Mention::inTitle).map((m) -> country(m.code())).distinct().count();
			// unless the headline tells it as one of them's act
			if (countries >= 2 && (title.isBlank() || inTitle != 1)) {
				return true;
			}
		}
		boolean jointInHeadline = joint.stream()
			.anyMatch((hit) -> title.isBlank() ? !hit.inTitle() && hit.start() < leadEnd : hit.inTitle());
		if (!jointInHeadline) {
			return false;
		}
		return places.stream()
			.filter((m) -> inHeadline(m, title, leadEnd))
			.map((m) -> country(m.code()))
			.distinct()
			.count() >= 3;
	}

	/**
	 * Whether the headline tells an act of the BIS together with the institutions of one
	 * jurisdiction ("BIS and the Bank of England complete a CBDC project"): that
	 * jurisdiction acts. With institutions of several countries the act is a joint one
	 * (see {@link #jointAct}).
	 */
	private static boolean nationalPartner(List<Mention> organisations, List<Mention> places, String title,
			int leadEnd) {
		boolean bis = organisations.stream().anyMatch((m) -> m.code().equals("@BIS") && inHeadline(m, title, leadEnd));
		if (!bis) {
			return false;
		}
		return places.stream()
			.filter((m) -> m.kind() == AliasKind.INSTITUTION && inHeadline(m, title, leadEnd))
			.map((m) -> country(m.code()))
			.distinct()
			.count() == 1;
	}

	/**
	 * Whether a mention is in the headline: the title, or the body's first sentence when
	 * there is no title.
	 */
	private static boolean inHeadline(Mention mention, String title, int leadEnd) {
		return title.isBlank() ? !mention.inTitle() && mention.start() < leadEnd : mention.inTitle();
	}

	private Map<String, TopicScore> scoreTopics(Map<String, List<PhraseRules.Hit>> titleHits,
			Map<String, List<PhraseRules.Hit>> bodyHits, Sentences sentences, List<Mention> organisations,
			boolean organisationActs, String title) {
		Map<String, TopicScore> topics = new LinkedHashMap<>();
		for (Map<String, List<PhraseRules.Hit>> hits : List.of(titleHits, bodyHits)) {
			hits.forEach((code, list) -> {
				TopicScore score = topics.computeIfAbsent(code, TopicScore::new);
				list.forEach((hit) -> score.add(hit, hit.inTitle() ? 2.0 : sentences.weight(hit.start())));
			});
		}
		List<Mention> standardSetters = organisations.stream()
			.filter((m) -> this.intlOrgTopic.contains(m.code()))
			.toList();
		if (!standardSetters.isEmpty()) {
			boolean setterActs = organisationActs && inHeadline(standardSetters.get(0), title, sentences.firstEnd());
			double weight = setterActs ? 2.0 : 0.0;
			for (Mention organisation : standardSetters) {
				weight += inHeadline(organisation, title, sentences.firstEnd()) ? 1.0 : 0.3;
			}
			TopicScore score = topics.computeIfAbsent("intl_org", TopicScore::new);
			score.add(weight, standardSetters.get(0).evidence(), true);
		}
		return topics;
	}

	/**
	 * Whether an official word occurs outside market and company phrases ("treasury", but
	 * not "corporate treasury"). Phrases that take a market word back ("Revenue Agency")
	 * do not hide the official word in them.
	 */
	private static boolean officialCue(Map<String, List<PhraseRules.Hit>> cues) {
		List<PhraseRules.Hit> nonPolicy = cues.getOrDefault("nonpolicy", List.of());
		for (PhraseRules.Hit hit : cues.getOrDefault("official", List.of())) {
			boolean covered = nonPolicy.stream()
				.anyMatch((n) -> n.rule().weight() > 0 && n.field().equals(hit.field()) && n.start() <= hit.start()
						&& n.end() >= hit.end());
			if (!covered) {
				return true;
			}
		}
		return false;
	}

	private static double cueScore(List<PhraseRules.Hit> hits) {
		if (hits == null) {
			return 0;
		}
		return hits.stream().mapToDouble((h) -> h.rule().weight() * (h.inTitle() ? 2.0 : 1.0)).sum();
	}

	/**
	 * Evidence that a jurisdiction acts: names in the headline count most, the first one
	 * most of all; institutions more than names, demonyms less unless an official word
	 * follows them.
	 */
	private static Map<String, Double> scoreJurisdictions(List<Mention> places, Text text) {
		Map<String, Double> scores = new LinkedHashMap<>();
		boolean firstInTitle = true;
		for (Mention mention : places) {
			double weight = mention.kind().weight();
			if (mention.kind() == AliasKind.DEMONYM || mention.kind() == AliasKind.NAME
					|| mention.kind() == AliasKind.CAPITAL) {
				if (text.officialFollows(mention) || text.actsOfficially(mention)) {
					weight = AliasKind.INSTITUTION.weight();
				}
			}
			if (mention.inTitle()) {
				weight *= TITLE_FACTOR;
				if (firstInTitle) {
					weight += 1.0;
					firstInTitle = false;
				}
			}
			else {
				weight *= (mention.start() < 400) ? 1.0 : 0.7;
			}
			scores.merge(mention.code(), weight, Double::sum);
		}
		return scores;
	}

	/**
	 * The country a two-country headline tells as the one acting: the headline (the
	 * title, or the body's first sentence without one) opens with it, as an institution,
	 * a name, capital or office-holder, or a demonym before an official noun, and names
	 * another country after it ("HKMA teams up with Brazil's central bank", "Montenegro
	 * hands the suspect to US authorities"). The partner, however often the story names
	 * it, is the other side of the act.
	 * @return the subject's country, or {@code null} when the headline does not open with
	 * one or names no other country
	 */
	private static String headlineSubject(List<Mention> places, Text text, int leadEnd) {
		boolean hasTitle = !text.title().isBlank();
		List<Mention> headline = places.stream()
			.filter((m) -> hasTitle ? m.inTitle() : !m.inTitle() && m.start() < leadEnd)
			.toList();
		if (headline.size() < 2) {
			return null;
		}
		Mention first = headline.get(0);
		String field = hasTitle ? text.title() : text.body();
		int from = hasTitle ? 0 : datelineEnd(field);
		String before = field.substring(Math.min(from, first.start()), first.start()).strip();
		if (!before.isEmpty() && !before.equalsIgnoreCase("the")) {
			return null;
		}
		if (first.end() < field.length() && field.charAt(first.end()) == '-') {
			// "Dubai-based", "Russia-linked": a description of a firm, not the actor
			return null;
		}
		boolean acting = switch (first.kind()) {
			case INSTITUTION, GENERIC, PERSON, NAME, CAPITAL -> true;
			case DEMONYM -> text.officialFollows(first);
			default -> false;
		};
		String country = country(first.code());
		boolean other = headline.stream().anyMatch((m) -> !country(m.code()).equals(country));
		return (acting && other) ? country : null;
	}

	/**
	 * A city or provincial government acting ("the city of Suzhou in Jiangsu province ...
	 * the municipal government said"): when the headline or the first sentence has a
	 * {@code local} cue and names a subdivision of the acting country, the subdivision
	 * acts, however often the country's own institutions (its central bank, its currency)
	 * come up.
	 */
	private static String localActor(String primary, List<Mention> places, List<PhraseRules.Hit> local, String title,
			int leadEnd) {
		if (primary == null || !primary.equals(country(primary))) {
			return primary;
		}
		boolean localInLead = local.stream().anyMatch((hit) -> hit.inTitle() || hit.start() < leadEnd);
		if (!localInLead) {
			return primary;
		}
		return places.stream()
			.filter((m) -> m.inTitle() || m.start() < leadEnd)
			.map(Mention::code)
			.filter((code) -> !code.equals(primary) && country(code).equals(primary))
			.findFirst()
			.orElse(primary);
	}

	/**
	 * The state or province the headline tells of: when the acting country's subdivision
	 * is chosen from the whole item but the headline (the title, or the body's first
	 * sentence without one) names exactly one other subdivision of that country and not
	 * the chosen one, the headline's subdivision acts. A story leads with its own state
	 * and compares it with others further down ("South Dakota kills its reserve bill ...
	 * three days after Montana's House rejected its own").
	 */
	private static String headlineSubdivision(String primary, List<Mention> places, String title, int leadEnd) {
		if (primary == null || primary.equals(country(primary))) {
			return primary;
		}
		boolean hasTitle = !title.isBlank();
		List<String> inHeadline = places.stream()
			.filter((m) -> hasTitle ? m.inTitle() : !m.inTitle() && m.start() < leadEnd)
			.map(Mention::code)
			.filter((code) -> !code.equals(country(code)) && country(code).equals(country(primary)))
			.distinct()
			.toList();
		return (inHeadline.size() == 1) ? inHeadline.get(0) : primary;
	}

	private static Map<String, Double> only(Map<String, Double> scores, String country) {
		Map<String, Double> kept = new LinkedHashMap<>();
		scores.forEach((code, score) -> {
			if (country(code).equals(country)) {
				kept.put(code, score);
			}
		});
		return kept;
	}

	/**
	 * The strongest country (with its subdivisions); a subdivision stands for it when the
	 * subdivision has at least as much evidence as the country's own name.
	 */
	private static String primaryOf(Map<String, Double> scores) {
		Map<String, Double> groups = new LinkedHashMap<>();
		scores.forEach((code, score) -> groups.merge(country(code), score, Double::sum));
		String best = groups.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
		if (best == null) {
			return null;
		}
		double own = scores.getOrDefault(best, 0.0);
		String chosen = best;
		double chosenScore = own;
		for (Map.Entry<String, Double> entry : scores.entrySet()) {
			if (entry.getKey().startsWith(best + "-") && entry.getValue() >= chosenScore) {
				chosen = entry.getKey();
				chosenScore = entry.getValue();
			}
		}
		return chosen;
	}

	private static String counterpartyOf(Map<String, Double> scores, String primary) {
		String primaryCountry = country(primary);
		Map<String, Double> groups = new LinkedHashMap<>();
		scores.forEach((code, score) -> {
			if (!country(code).equals(primaryCountry)) {
				groups.merge(country(code), score, Double::sum);
			}
		});
		return groups.entrySet()
			.stream()
			.filter((e) -> e.getValue() >= 2.0)
			.max(Map.Entry.comparingByValue())
			.map(Map.Entry::getKey)
			.orElse(null);
	}

	private static List<JurisdictionTag> jurisdictionTags(List<Mention> places, Map<String, Double> scores,
			String primary, String counterparty) {
		Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
		Map<String, Double> all = new LinkedHashMap<>(scores);
		for (Mention mention : places) {
			evidence.computeIfAbsent(mention.code(), (k) -> new ArrayList<>()).add(mention.evidence());
			String parent = country(mention.code());
			if (!parent.equals(mention.code())) {
				evidence.computeIfAbsent(parent, (k) -> new ArrayList<>()).add(mention.evidence());
				all.putIfAbsent(parent, 0.0);
			}
		}
		// A subdivision's evidence also supports its country.
		scores.forEach((code, score) -> {
			String parent = country(code);
			if (!parent.equals(code)) {
				all.merge(parent, score * 0.5, Double::sum);
			}
		});
		List<JurisdictionTag> tags = new ArrayList<>();
		for (Map.Entry<String, List<Evidence>> entry : evidence.entrySet()) {
			String code = entry.getKey();
			Role role = Role.MENTIONED;
			if (primary != null && (code.equals(primary) || code.equals(country(primary)))) {
				role = Role.ACTOR;
			}
			else if (counterparty != null && country(code).equals(counterparty)) {
				role = Role.COUNTERPARTY;
			}
			double confidence = Math.min(0.99, 1.0 - Math.exp(-all.getOrDefault(code, 0.0) / 2.0));
			List<Evidence> spans = entry.getValue();
			tags.add(new JurisdictionTag(code, role, round(Math.max(confidence, 0.3)),
					spans.subList(0, Math.min(MAX_EVIDENCE, spans.size()))));
		}
		tags.sort(Comparator.comparingInt((JurisdictionTag t) -> t.role().ordinal())
			.thenComparing(Comparator.comparingDouble(JurisdictionTag::confidence).reversed()));
		return tags;
	}

	private Severity severity(boolean policyMove, List<TopicTag> topics, double minConfidence) {
		if (!policyMove) {
			return Severity.LOW;
		}
		Severity severity = Severity.MEDIUM;
		for (TopicTag topic : topics) {
			if (topic.confidence() >= minConfidence) {
				Severity candidate = this.severities.getOrDefault(topic.code(), Severity.MEDIUM);
				if (candidate.isAtLeast(severity)) {
					severity = candidate;
				}
			}
		}
		return severity;
	}

	/**
	 * Whether the move is only proposed so far (a consultation, a draft, a plan), judged
	 * from the headline when there is one: "proposal" cues and no "enacted" cue.
	 */
	private static boolean tentative(Map<String, List<PhraseRules.Hit>> cues, boolean hasTitle) {
		return stageScore(cues.get("proposal"), hasTitle) > 0 && stageScore(cues.get("enacted"), hasTitle) == 0;
	}

	private static double stageScore(List<PhraseRules.Hit> hits, boolean inTitleOnly) {
		if (hits == null) {
			return 0;
		}
		return hits.stream().filter((h) -> !inTitleOnly || h.inTitle()).mapToDouble((h) -> h.rule().weight()).sum();
	}

	/** A proposed move ranks one level below the move itself, but stays a move. */
	private static Severity stepDown(Severity severity) {
		return switch (severity) {
			case CRITICAL -> Severity.HIGH;
			case HIGH -> Severity.MEDIUM;
			default -> severity;
		};
	}

	static double round(double value) {
		return Math.round(value * 100.0) / 100.0;
	}

	/** Running evidence for one topic. */
	private static final class TopicScore {

		private final String code;

		private final Map<String, Integer> perRule = new HashMap<>();

		private final List<Evidence> evidence = new ArrayList<>();

		private double score;

		/**
		 * Evidence of an act of the topic rather than of context, net of phrases that
		 * take it back.
		 */
		private double actScore;

		TopicScore(String code) {
			this.code = code;
		}

		/**
		 * Adds a phrase hit.
		 * @param hit the hit
		 * @param factor how much its place counts: double in the headline, less in the
		 * body's background sentences
		 */
		void add(PhraseRules.Hit hit, double factor) {
			// The same phrase counts at most twice, so that repetition does not dominate.
			int seen = this.perRule.merge(hit.rule().phrase(), 1, Integer::sum);
			if (seen > 2) {
				return;
			}
			double weight = hit.rule().weight() * factor;
			if (!hit.rule().context() && (factor > Sentences.BACKGROUND || weight < 0)) {
				this.actScore += weight;
			}
			add(weight, new Evidence(hit.field(), hit.start(), hit.end(), hit.text()), false);
		}

		void add(double weight, Evidence span, boolean anchor) {
			this.score += weight;
			if (anchor) {
				this.actScore += weight;
			}
			if (weight > 0 && this.evidence.size() < MAX_EVIDENCE) {
				this.evidence.add(span);
			}
		}

		double score() {
			return this.score;
		}

		boolean anchored() {
			return this.actScore > 0;
		}

		double confidence() {
			return round(Math.min(0.99, 1.0 - Math.exp(-this.score)));
		}

		double rank() {
			return this.score + (inTitle() ? 2.0 : 0.0);
		}

		boolean inTitle() {
			return this.evidence.stream().anyMatch((e) -> "title".equals(e.field()));
		}

		boolean inBody(int before) {
			return this.evidence.stream().anyMatch((e) -> "body".equals(e.field()) && e.start() < before);
		}

		List<Evidence> evidence() {
			return this.evidence;
		}

		TopicTag toTag() {
			return new TopicTag(this.code, confidence(), this.evidence);
		}

	}

	/** The item's two fields, for looking around a mention. */
	private record Text(String title, String body) {

		/**
		 * Words that, right after a jurisdiction's name, make it an official actor
		 * ("Pakistan's government").
		 */
		private static final Pattern OFFICIAL_AFTER = officialAfter();

		private static Pattern officialAfter() {
			String nouns = Tsv.read("official-nouns.tsv", 1)
				.stream()
				.map((row) -> row[0])
				.sorted(Comparator.comparingInt(String::length).reversed())
				.map((noun) -> Pattern.quote(noun).replace(" ", "\\E\\s+\\Q"))
				.collect(Collectors.joining("|"));
			return Pattern.compile("^(?:['’]s)?\\s+(?:new\\s+|top\\s+|own\\s+)?(?:" + nouns + ")\\b",
					Pattern.CASE_INSENSITIVE);
		}

		/**
		 * Official action verbs right after a place name make it an acting government
		 * ("Thailand bans", "Pakistan agrees", "South Korea to let").
		 */
		private static final Pattern ACTS_AFTER = actsAfter();

		private static final Pattern SECOND_PARTY = Pattern.compile("(?:\\band|\\bwith|&|,)\\s+$");

		/**
		 * "Pakistan and El Salvador sign": a second party between a name and its verb.
		 */
		private static final Pattern AND_SECOND_PARTY = Pattern
			.compile("^\\s+(?:and|&)\\s+(?:the\\s+)?\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,3}");

		private static Pattern actsAfter() {
			String verbs = Tsv.read("official-verbs.tsv", 1)
				.stream()
				.map((row) -> row[0])
				.sorted(Comparator.comparingInt(String::length).reversed())
				.map((verb) -> Pattern.quote(verb).replace(" ", "\\E\\s+\\Q"))
				.collect(Collectors.joining("|"));
			return Pattern
				.compile("^\\s+(?:(?:will|to|has|have|is\\s+set\\s+to|moves\\s+to|plans\\s+to|formally|officially|"
						+ "now|also|quietly|finally|again)\\s+)*(?:" + verbs + ")\\b");
		}

		boolean actsOfficially(Mention mention) {
			if (mention.kind() != AliasKind.NAME && mention.kind() != AliasKind.CAPITAL) {
				return false;
			}
			String field = mention.inTitle() ? this.title : this.body;
			if (SECOND_PARTY.matcher(field.substring(Math.max(0, mention.start() - 6), mention.start())).find()) {
				// "Pakistan and El Salvador sign": the verb belongs to the pair; the
				// first acts.
				return false;
			}
			String after = field.substring(mention.end(), Math.min(field.length(), mention.end() + 100));
			Matcher pair = AND_SECOND_PARTY.matcher(after);
			if (pair.find()) {
				after = after.substring(pair.end());
			}
			return ACTS_AFTER.matcher(after).find();
		}

		boolean officialFollows(Mention mention) {
			String field = mention.inTitle() ? this.title : this.body;
			String after = field.substring(mention.end(), Math.min(field.length(), mention.end() + 40));
			return OFFICIAL_AFTER.matcher(after).find();
		}

	}

}
