package dev.policypulse.classifier.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.policypulse.contracts.TopicCodes;

/**
 * The learned topic model: a logistic regression per topic over {@link TopicFeatures},
 * read from a table with a row per feature and a column per topic (the feature
 * {@code _bias} is the intercept; a feature the table does not name weighs nothing). It
 * is trained on the labelled items by the test-scope {@code TopicModelTrainer} and
 * decides which topics a policy move with a body of at least {@link #MIN_BODY_WORDS}
 * words reports: those at least {@link #THRESHOLD} likely, or the likeliest one when none
 * is.
 */
final class TopicModel {

	/** The topics, in taxonomy order; weights and rule evidence are indexed by it. */
	static final List<String> TOPICS = List.copyOf(TopicCodes.all());

	/** The intercept's feature name. */
	static final String BIAS = "_bias";

	/** The first cell of the table's header row, which names the topics. */
	static final String HEADER = "_feature";

	/**
	 * The fewest body words the model judges: it learns from article-length items (their
	 * bodies have 43 words and more), so a headline alone, or with a line of summary,
	 * stays with the rules.
	 */
	static final int MIN_BODY_WORDS = 40;

	/**
	 * A topic at least this likely is reported. Below one half: an article's second and
	 * third topics are the ones the model tends to miss, and leaving each labelled set
	 * out in turn scores better at 0.4 than at 0.5.
	 */
	static final double THRESHOLD = 0.4;

	/** A model that knows nothing: the rules decide alone. */
	static final TopicModel NONE = new TopicModel(List.of(), new double[TOPICS.size()],
			new double[TOPICS.size()][TopicFeatures.RULE_FEATURES.size()], false);

	/**
	 * Weights of word features per tag (in {@link TopicFeatures#TAGS} order), by word.
	 */
	private final List<Map<String, double[]>> weights;

	private final double[] bias;

	/** Weights of each topic's own rule evidence. */
	private final double[][] ruleWeights;

	private final boolean present;

	private TopicModel(List<Map<String, double[]>> weights, double[] bias, double[][] ruleWeights, boolean present) {
		this.weights = weights;
		this.bias = bias;
		this.ruleWeights = ruleWeights;
		this.present = present;
	}

	/**
	 * Reads a model table from this package's resources. The table is large, so it is
	 * parsed by hand rather than through {@link Tsv}: start-up time matters.
	 * @param resource the table's name
	 * @return the model
	 */
	static TopicModel load(String resource) {
		String text;
		try (InputStream in = TopicModel.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Classifier resource " + resource + " is missing");
			}
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Builder builder = null;
		int length = text.length();
		for (int start = 0; start < length;) {
			int end = text.indexOf('\n', start);
			end = (end < 0) ? length : end;
			int stop = (end > start && text.charAt(end - 1) == '\r') ? end - 1 : end;
			if (stop > start && text.charAt(start) != '#') {
				int tab = text.indexOf('\t', start);
				if (tab < 0 || tab > stop) {
					throw new IllegalStateException(
							resource + ": expected tab-separated columns, got '" + text.substring(start, stop) + "'");
				}
				if (builder == null) {
					builder = new Builder(text.substring(start, stop).split("\t"));
				}
				else {
					builder.row(text.substring(start, tab), weights(text, tab + 1, stop));
				}
			}
			start = end + 1;
		}
		if (builder == null) {
			throw new IllegalStateException("Topic model must start with a " + HEADER + " row naming its topics");
		}
		return builder.build();
	}

	/** The tab-separated numbers of {@code text[from, to)}. */
	private static double[] weights(String text, int from, int to) {
		double[] weights = new double[TOPICS.size() + 1];
		int n = 0;
		for (int start = from; start <= to;) {
			int tab = text.indexOf('\t', start);
			int end = (tab < 0 || tab > to) ? to : tab;
			if (n == weights.length) {
				weights = Arrays.copyOf(weights, n * 2);
			}
			weights[n++] = parseWeight(text, start, end);
			start = end + 1;
		}
		return Arrays.copyOf(weights, n);
	}

	/**
	 * A plain decimal such as {@code -0.125} as the nearest double (one correctly rounded
	 * division of exact integers, as {@link Double#parseDouble} gives); anything else
	 * through {@link Double#parseDouble}.
	 */
	static double parseWeight(String text, int from, int to) {
		int i = from;
		boolean negative = i < to && text.charAt(i) == '-';
		if (negative) {
			i++;
		}
		long digits = 0;
		long scale = 1;
		boolean point = false;
		int count = 0;
		for (; i < to; i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9' && count < 15) {
				digits = digits * 10 + (c - '0');
				count++;
				if (point) {
					scale *= 10;
				}
			}
			else if (c == '.' && !point) {
				point = true;
			}
			else {
				return Double.parseDouble(text.substring(from, to).strip());
			}
		}
		if (count == 0) {
			return Double.parseDouble(text.substring(from, to).strip());
		}
		double value = digits / (double) scale;
		return negative ? -value : value;
	}

	/**
	 * A model from its table: a header row {@code _feature} and the topic codes, then per
	 * feature its weight for each of those topics.
	 * @param rows the table's rows
	 * @return the model
	 */
	static TopicModel of(List<String[]> rows) {
		if (rows.isEmpty()) {
			throw new IllegalStateException("Topic model must start with a " + HEADER + " row naming its topics");
		}
		Builder builder = new Builder(rows.get(0));
		for (String[] row : rows.subList(1, rows.size())) {
			double[] weights = new double[row.length - 1];
			for (int c = 1; c < row.length; c++) {
				weights[c - 1] = Double.parseDouble(row[c]);
			}
			builder.row(row[0], weights);
		}
		return builder.build();
	}

	/** Whether this model has been trained, rather than {@link #NONE}. */
	boolean isPresent() {
		return this.present;
	}

	/**
	 * Each topic's probability for an item.
	 * @param features the item's features
	 * @return probabilities in {@link #TOPICS} order
	 */
	double[] probabilities(TopicFeatures features) {
		double[] logits = this.bias.clone();
		features.forEachWord((tag, word, first, last) -> {
			double[] w = this.weights.get(tag).get(word);
			if (w != null) {
				for (int t = 0; t < logits.length; t++) {
					logits[t] += w[t];
				}
			}
		});
		for (int t = 0; t < logits.length; t++) {
			double[] own = features.rules(t);
			for (int i = 0; i < own.length; i++) {
				logits[t] += this.ruleWeights[t][i] * own[i];
			}
			// StrictMath: the same verdict on every platform.
			logits[t] = 1.0 / (1.0 + StrictMath.exp(-logits[t]));
		}
		return logits;
	}

	/**
	 * The topics to report, likeliest first: those at least {@link #THRESHOLD} likely, or
	 * the likeliest alone when none is.
	 * @param probabilities in {@link #TOPICS} order
	 * @return indexes into {@link #TOPICS}
	 */
	static List<Integer> choose(double[] probabilities) {
		List<Integer> order = new ArrayList<>();
		for (int t = 0; t < probabilities.length; t++) {
			order.add(t);
		}
		// Stable: equally likely topics keep taxonomy order.
		order.sort((a, b) -> Double.compare(probabilities[b], probabilities[a]));
		List<Integer> chosen = new ArrayList<>();
		for (int t : order) {
			if (probabilities[t] >= THRESHOLD) {
				chosen.add(t);
			}
		}
		if (chosen.isEmpty() && !order.isEmpty()) {
			chosen.add(order.get(0));
		}
		return chosen;
	}

	/**
	 * The headline word or pair that speaks most for a topic, for evidence when the rules
	 * have none.
	 * @param features the item's features
	 * @param topic index into {@link #TOPICS}
	 * @return the first and last word index into {@link TopicFeatures#headline()}, or
	 * {@code null} when no headline word speaks for it
	 */
	int[] strongestInHeadline(TopicFeatures features, int topic) {
		Map<String, double[]> title = this.weights.get(0);
		double[] best = { 0 };
		int[][] span = { null };
		features.forEachHeadlineWord((tag, word, first, last) -> {
			double[] w = title.get(word);
			if (w != null && w[topic] > best[0]) {
				best[0] = w[topic];
				span[0] = new int[] { first, last };
			}
		});
		return span[0];
	}

	/** Collects a table's rows into a model. */
	private static final class Builder {

		private final int[] topics;

		private final List<Map<String, double[]>> weights = new ArrayList<>();

		private final double[] bias = new double[TOPICS.size()];

		private final double[][] ruleWeights = new double[TOPICS.size()][TopicFeatures.RULE_FEATURES.size()];

		Builder(String[] header) {
			if (header.length < 2 || !header[0].equals(HEADER)) {
				throw new IllegalStateException("Topic model must start with a " + HEADER + " row naming its topics");
			}
			this.topics = new int[header.length - 1];
			for (int c = 1; c < header.length; c++) {
				this.topics[c - 1] = TOPICS.indexOf(header[c]);
				if (this.topics[c - 1] < 0) {
					throw new IllegalStateException("Topic model names unknown topic " + header[c]);
				}
			}
			for (int i = 0; i < TopicFeatures.TAGS.size(); i++) {
				this.weights.add(new HashMap<>(8192));
			}
		}

		void row(String feature, double[] values) {
			if (values.length != this.topics.length) {
				throw new IllegalStateException("Topic model row for " + feature + " has " + values.length
						+ " weights, expected " + this.topics.length);
			}
			int rule = TopicFeatures.RULE_FEATURES.indexOf(feature);
			int tag = TopicFeatures.TAGS.indexOf(feature.substring(0, Math.min(2, feature.length())));
			if (feature.equals(BIAS)) {
				for (int c = 0; c < values.length; c++) {
					this.bias[this.topics[c]] = values[c];
				}
			}
			else if (rule >= 0) {
				for (int c = 0; c < values.length; c++) {
					this.ruleWeights[this.topics[c]][rule] = values[c];
				}
			}
			else if (tag >= 0) {
				double[] target = new double[TOPICS.size()];
				for (int c = 0; c < values.length; c++) {
					target[this.topics[c]] = values[c];
				}
				this.weights.get(tag).put(feature.substring(2), target);
			}
			else {
				throw new IllegalStateException("Topic model names unknown feature " + feature);
			}
		}

		TopicModel build() {
			return new TopicModel(List.copyOf(this.weights), this.bias, this.ruleWeights, true);
		}

	}

}
