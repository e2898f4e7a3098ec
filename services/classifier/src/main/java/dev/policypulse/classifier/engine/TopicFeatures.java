package dev.policypulse.classifier.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the learned topic model sees of one item: the words and word pairs of the headline
 * and of the lead, the words of the whole body (each tagged by where they occur, each
 * counted once), the other topics the phrase rules report, and for every topic what the
 * rules made of it.
 * <p>
 * Words are the lower-cased runs of letters and digits the phrase rules split a text
 * into; a word that starts with a digit stands for any number. Without a title the body's
 * first sentence is the headline, as it is for the rules. Pairs do not span brackets,
 * quotes, colons or semicolons.
 */
final class TopicFeatures {

	/** The headline's words ({@code t:word}) and pairs ({@code t:word word}). */
	static final String TITLE = "t:";

	/** The lead's words and pairs. */
	static final String LEAD = "l:";

	/** The body's words. */
	static final String BODY = "b:";

	/** Another topic the rules report ({@code o:code}). */
	static final String OTHER = "o:";

	/** The tags of the word features, in the order they are visited. */
	static final List<String> TAGS = List.of(TITLE, LEAD, BODY, OTHER);

	/** Sentences of the body that make the lead. */
	static final int LEAD_SENTENCES = 2;

	/**
	 * A topic's own rule evidence, one value each: its confidence, whether the rules
	 * report it, whether an act of it was seen (not only context words), a phrase of it
	 * in the headline, the rules rank it first, its damped score, the rules rank it
	 * second or lower, a phrase of it in the lead.
	 */
	static final List<String> RULE_FEATURES = List.of("r:confidence", "r:reported", "r:anchored", "r:title", "r:first",
			"r:score", "r:later", "r:lead");

	private final PhraseRules.Words title;

	private final int titleEnd;

	private final boolean titleInBody;

	private final PhraseRules.Words body;

	private final int leadEnd;

	private final List<String> reported;

	private final double[][] rules;

	private TopicFeatures(PhraseRules.Words title, int titleEnd, boolean titleInBody, PhraseRules.Words body,
			int leadEnd, List<String> reported, double[][] rules) {
		this.title = title;
		this.titleEnd = titleEnd;
		this.titleInBody = titleInBody;
		this.body = body;
		this.leadEnd = leadEnd;
		this.reported = reported;
		this.rules = rules;
	}

	/**
	 * The features of one item.
	 * @param title the headline's words
	 * @param body the body's words
	 * @param firstEnd offset in the body where its first sentence ends
	 * @param leadEnd offset in the body where the lead ends
	 * @param rules per topic (in {@link TopicModel#TOPICS} order) its own rule evidence,
	 * in {@link #RULE_FEATURES} order
	 * @param reported the topics the rules report
	 * @return the features
	 */
	static TopicFeatures of(PhraseRules.Words title, PhraseRules.Words body, int firstEnd, int leadEnd,
			double[][] rules, List<String> reported) {
		boolean titleInBody = title.size() == 0;
		PhraseRules.Words headline = titleInBody ? body : title;
		int titleEnd = titleInBody ? wordsBefore(body, firstEnd) : title.size();
		return new TopicFeatures(headline, titleEnd, titleInBody, body, wordsBefore(body, leadEnd), reported, rules);
	}

	private static int wordsBefore(PhraseRules.Words words, int offset) {
		int n = 0;
		while (n < words.size() && words.start[n] < offset) {
			n++;
		}
		return n;
	}

	/**
	 * Hands every distinct word feature to a sink, by tag in {@link #TAGS} order.
	 * @param sink receives the tag and the word, pair or topic code
	 */
	void forEachWord(Sink sink) {
		forEachHeadlineWord(sink);
		visit(1, this.body, this.leadEnd, true, sink);
		visit(2, this.body, this.body.size(), false, sink);
		for (String code : this.reported) {
			sink.accept(3, code, -1, -1);
		}
	}

	/**
	 * Hands the headline's distinct words and pairs to a sink.
	 * @param sink receives them, with tag 0
	 */
	void forEachHeadlineWord(Sink sink) {
		visit(0, this.title, this.titleEnd, true, sink);
	}

	private static void visit(int tag, PhraseRules.Words words, int end, boolean pairs, Sink sink) {
		Map<String, int[]> distinct = new LinkedHashMap<>();
		String previous = null;
		for (int i = 0; i < end; i++) {
			String word = normal(words.lower[i]);
			distinct.putIfAbsent(word, new int[] { i, i });
			if (pairs && previous != null && words.separator[i] != PhraseRules.Separator.HARD) {
				distinct.putIfAbsent(previous + " " + word, new int[] { i - 1, i });
			}
			previous = word;
		}
		distinct.forEach((word, span) -> sink.accept(tag, word, span[0], span[1]));
	}

	private static String normal(String word) {
		return Character.isDigit(word.charAt(0)) ? "#" : word;
	}

	/**
	 * A topic's own rule evidence.
	 * @param topic the topic's index in {@link TopicModel#TOPICS}
	 * @return values in {@link #RULE_FEATURES} order
	 */
	double[] rules(int topic) {
		return this.rules[topic];
	}

	/** The words of the headline, or of the body's first sentence without a title. */
	PhraseRules.Words headline() {
		return this.title;
	}

	/** Whether the headline is the body's first sentence. */
	boolean headlineInBody() {
		return this.titleInBody;
	}

	/** The body's words. */
	PhraseRules.Words body() {
		return this.body;
	}

	/** Every feature for one topic as {@code name, value}, for training. */
	List<Feature> all(int topic) {
		List<Feature> all = new ArrayList<>();
		forEachWord((tag, word, first, last) -> all.add(new Feature(TAGS.get(tag) + word, 1.0)));
		double[] own = this.rules[topic];
		for (int i = 0; i < own.length; i++) {
			if (own[i] != 0) {
				all.add(new Feature(RULE_FEATURES.get(i), own[i]));
			}
		}
		return all;
	}

	/** Receives word features. */
	@FunctionalInterface
	interface Sink {

		/**
		 * One distinct feature.
		 * @param tag where it occurs, as an index into {@link #TAGS}
		 * @param word the word, the two words of a pair separated by a space, or a topic
		 * code
		 * @param first index of its first word in its text, -1 for a topic code
		 * @param last index of its last word
		 */
		void accept(int tag, String word, int first, int last);

	}

	/** A named feature's value. */
	record Feature(String name, double value) {
	}

}
