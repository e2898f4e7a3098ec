package dev.policypulse.classifier.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.TopicTag;

/**
 * Trains the learned topic model ({@code topic-model.tsv}) on labelled JSON Lines files:
 * one L2-regularised logistic regression per topic over {@link TopicFeatures}, fitted
 * with L-BFGS from zero, so the same files always give the same table.
 * <p>
 * Usage: {@code TopicModelTrainer OUTPUT.tsv LABELLED.jsonl...}. The bundled table is
 * trained on {@code labelled-items.jsonl} with the default settings; the system
 * properties {@code tm.lambda}, {@code tm.ruleLambda} and {@code tm.minItems} change them
 * for experiments with {@link TopicModelEvaluation}.
 */
public final class TopicModelTrainer {

	/** Strength of the L2 penalty on word features. */
	static final double LAMBDA = Double.parseDouble(System.getProperty("tm.lambda", "1.0"));

	/** Strength of the L2 penalty on the rules' own evidence, relative to words. */
	static final double RULE_LAMBDA = Double.parseDouble(System.getProperty("tm.ruleLambda", "0.1"));

	/** Word features seen in fewer training items than this are left out. */
	static final int MIN_ITEMS = Integer.getInteger("tm.minItems", 2);

	private static final int ITERATIONS = 300;

	private TopicModelTrainer() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: TopicModelTrainer OUTPUT.tsv LABELLED.jsonl...");
			System.exit(2);
		}
		ClassificationEngine engine = ClassificationEngine.create(TopicModel.NONE);
		List<Example> examples = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			examples.addAll(read(engine, Path.of(args[i])));
		}
		List<String[]> rows = train(examples);
		Files.writeString(Path.of(args[0]), render(rows, examples.size()), StandardCharsets.UTF_8);
		System.err.printf("%d items, %d features%n", examples.size(), rows.size() - 2);
	}

	/** A labelled item as the rules see it. */
	record Example(String id, String title, String body, Set<String> gold, boolean goldMove, Classification rules,
			TopicFeatures features) {

		List<String> ruleTopics() {
			return this.rules.topics().stream().map(TopicTag::code).toList();
		}

	}

	static List<Example> read(ClassificationEngine engine, Path file) throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		List<Example> examples = new ArrayList<>();
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode item = mapper.readTree(line);
				TopicFeatures[] features = new TopicFeatures[1];
				String title = text(item, "title");
				String body = text(item, "body");
				Classification rules = engine.classify(title, body, null, (f) -> features[0] = f);
				JsonNode labels = item.get("labels");
				Set<String> gold = new LinkedHashSet<>();
				if (labels != null) {
					labels.get("topics").forEach((node) -> gold.add(node.asString()));
				}
				boolean goldMove = labels != null && labels.get("is_policy_move").asBoolean();
				examples.add(new Example(item.get("id").asString(), title, body, gold, goldMove, rules, features[0]));
			}
		}
		return examples;
	}

	private static String text(JsonNode item, String field) {
		JsonNode node = item.get(field);
		return (node == null || node.isNull()) ? null : node.asString();
	}

	/**
	 * Whether an example teaches the topic models: the rules or the labels see a move.
	 */
	static boolean teaches(Example example) {
		return example.rules().policyMove() || example.goldMove();
	}

	/**
	 * Fits every topic's model.
	 * @param all the labelled items
	 * @return the model's table: a header row naming the topics, then per feature its
	 * weight for each topic
	 */
	static List<String[]> train(List<Example> all) {
		List<Example> examples = all.stream().filter(TopicModelTrainer::teaches).toList();
		// The vocabulary: word features of enough training items, in a fixed order.
		Map<String, Integer> counts = new HashMap<>();
		for (Example example : examples) {
			example.features()
				.forEachWord(
						(tag, word, first, last) -> counts.merge(TopicFeatures.TAGS.get(tag) + word, 1, Integer::sum));
		}
		Map<String, Integer> index = new LinkedHashMap<>();
		TopicFeatures.RULE_FEATURES.forEach((rule) -> index.put(rule, index.size()));
		counts.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() >= MIN_ITEMS)
			.map(Map.Entry::getKey)
			.sorted()
			.forEach((word) -> index.put(word, index.size()));
		int n = index.size();
		double[] penalty = new double[n + 1];
		for (int j = 0; j < n; j++) {
			penalty[j] = (j < TopicFeatures.RULE_FEATURES.size()) ? LAMBDA * RULE_LAMBDA : LAMBDA;
		}
		// The intercept, last, is not penalised.
		penalty[n] = 0;
		double[][] weights = new double[TopicModel.TOPICS.size()][];
		for (int t = 0; t < weights.length; t++) {
			String topic = TopicModel.TOPICS.get(t);
			int[][] columns = new int[examples.size()][];
			double[][] values = new double[examples.size()][];
			double[] labels = new double[examples.size()];
			for (int i = 0; i < examples.size(); i++) {
				Example example = examples.get(i);
				List<TopicFeatures.Feature> features = example.features().all(t);
				int[] cols = new int[features.size() + 1];
				double[] vals = new double[features.size() + 1];
				int k = 0;
				for (TopicFeatures.Feature feature : features) {
					Integer column = index.get(feature.name());
					if (column != null) {
						cols[k] = column;
						vals[k] = feature.value();
						k++;
					}
				}
				cols[k] = n;
				vals[k] = 1.0;
				k++;
				columns[i] = Arrays.copyOf(cols, k);
				values[i] = Arrays.copyOf(vals, k);
				labels[i] = example.gold().contains(topic) ? 1 : 0;
			}
			weights[t] = new LogisticRegression(columns, values, labels, penalty).fit(ITERATIONS);
		}
		List<String[]> rows = new ArrayList<>();
		List<String> header = new ArrayList<>();
		header.add(TopicModel.HEADER);
		header.addAll(TopicModel.TOPICS);
		rows.add(header.toArray(new String[0]));
		rows.add(row(TopicModel.BIAS, weights, n));
		index.forEach((name, j) -> {
			String[] row = row(name, weights, j);
			if (j < TopicFeatures.RULE_FEATURES.size() || Arrays.stream(row).skip(1).anyMatch((w) -> !w.equals("0"))) {
				rows.add(row);
			}
		});
		return rows;
	}

	private static String[] row(String feature, double[][] weights, int column) {
		String[] row = new String[weights.length + 1];
		row[0] = feature;
		for (int t = 0; t < weights.length; t++) {
			row[t + 1] = format(weights[t][column]);
		}
		return row;
	}

	/**
	 * A weight to three decimals, without trailing zeros: finer steps change no verdict.
	 */
	private static String format(double weight) {
		String text = new BigDecimal(weight).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
		return text.equals("-0") ? "0" : text;
	}

	/**
	 * The model's table as the resource file holds it.
	 * @param rows the rows {@link #train} gives
	 * @param items how many labelled items it learnt from
	 * @return the file's text
	 */
	static String render(List<String[]> rows, int items) {
		StringBuilder out = new StringBuilder();
		out.append("# Learned topic model: one logistic regression per topic (see TopicModel and TopicFeatures).\n");
		out.append("# Per feature its weight for each topic; _bias is the intercept, r: the topic's own rule\n");
		out.append("# evidence, t: headline, l: lead and b: body words, o: other topics the rules report.\n");
		out.append("# Written by TopicModelTrainer from ")
			.append(items)
			.append(" labelled items; retrain, do not edit.\n");
		for (String[] row : rows) {
			out.append(String.join("\t", row)).append('\n');
		}
		return out.toString();
	}

	/**
	 * L2-regularised logistic regression on sparse rows, minimising the summed log loss
	 * plus half the penalty-weighted squared weights with L-BFGS.
	 */
	static final class LogisticRegression {

		private static final int MEMORY = 10;

		private final int[][] columns;

		private final double[][] values;

		private final double[] labels;

		private final double[] penalty;

		LogisticRegression(int[][] columns, double[][] values, double[] labels, double[] penalty) {
			this.columns = columns;
			this.values = values;
			this.labels = labels;
			this.penalty = penalty;
		}

		double[] fit(int iterations) {
			int d = this.penalty.length;
			double[] w = new double[d];
			double[] g = new double[d];
			double f = evaluate(w, g);
			double[][] s = new double[MEMORY][];
			double[][] y = new double[MEMORY][];
			double[] rho = new double[MEMORY];
			int stored = 0;
			for (int iteration = 0; iteration < iterations; iteration++) {
				double[] direction = direction(g, s, y, rho, stored);
				double slope = dot(direction, g);
				if (slope >= 0) {
					direction = negate(g);
					slope = dot(direction, g);
				}
				double step = (iteration == 0) ? 1.0 / Math.max(1.0, StrictMath.sqrt(dot(g, g))) : 1.0;
				double[] next = new double[d];
				double[] nextG = new double[d];
				double nextF;
				while (true) {
					for (int j = 0; j < d; j++) {
						next[j] = w[j] + step * direction[j];
					}
					nextF = evaluate(next, nextG);
					if (nextF <= f + 1e-4 * step * slope || step < 1e-10) {
						break;
					}
					step *= 0.5;
				}
				double[] sk = new double[d];
				double[] yk = new double[d];
				for (int j = 0; j < d; j++) {
					sk[j] = next[j] - w[j];
					yk[j] = nextG[j] - g[j];
				}
				double sy = dot(sk, yk);
				if (sy > 1e-12) {
					int slot = stored % MEMORY;
					s[slot] = sk;
					y[slot] = yk;
					rho[slot] = 1.0 / sy;
					stored++;
				}
				boolean converged = Math.abs(f - nextF) < 1e-9 * Math.max(1.0, Math.abs(f));
				w = next;
				g = nextG;
				f = nextF;
				if (converged) {
					break;
				}
			}
			return w;
		}

		private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored) {
			double[] q = g.clone();
			int m = Math.min(stored, MEMORY);
			double[] alpha = new double[MEMORY];
			for (int k = stored - 1; k >= stored - m; k--) {
				int slot = k % MEMORY;
				alpha[slot] = rho[slot] * dot(s[slot], q);
				for (int j = 0; j < q.length; j++) {
					q[j] -= alpha[slot] * y[slot][j];
				}
			}
			if (m > 0) {
				int last = (stored - 1) % MEMORY;
				double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
				for (int j = 0; j < q.length; j++) {
					q[j] *= gamma;
				}
			}
			for (int k = stored - m; k < stored; k++) {
				int slot = k % MEMORY;
				double beta = rho[slot] * dot(y[slot], q);
				for (int j = 0; j < q.length; j++) {
					q[j] += s[slot][j] * (alpha[slot] - beta);
				}
			}
			return negate(q);
		}

		/** The objective at {@code w}, with its gradient written to {@code gradient}. */
		private double evaluate(double[] w, double[] gradient) {
			double loss = 0;
			for (int j = 0; j < w.length; j++) {
				loss += 0.5 * this.penalty[j] * w[j] * w[j];
				gradient[j] = this.penalty[j] * w[j];
			}
			for (int i = 0; i < this.labels.length; i++) {
				double z = 0;
				int[] cols = this.columns[i];
				double[] vals = this.values[i];
				for (int k = 0; k < cols.length; k++) {
					z += w[cols[k]] * vals[k];
				}
				// log(1 + exp(-z)) for a positive, log(1 + exp(z)) for a negative,
				// stably.
				double margin = (this.labels[i] > 0) ? z : -z;
				loss += (margin > 0) ? StrictMath.log1p(StrictMath.exp(-margin))
						: -margin + StrictMath.log1p(StrictMath.exp(margin));
				double p = 1.0 / (1.0 + StrictMath.exp(-z));
				double residual = p - this.labels[i];
				for (int k = 0; k < cols.length; k++) {
					gradient[cols[k]] += residual * vals[k];
				}
			}
			return loss;
		}

		private static double dot(double[] a, double[] b) {
			double sum = 0;
			for (int j = 0; j < a.length; j++) {
				sum += a[j] * b[j];
			}
			return sum;
		}

		private static double[] negate(double[] a) {
			double[] out = new double[a.length];
			for (int j = 0; j < a.length; j++) {
				out[j] = -a[j];
			}
			return out;
		}

	}

}
