package dev.policypulse.classifier.engine;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.TopicTag;

/**
 * Measures the learned topic model against the rules alone on labelled sets written by
 * different people.
 * <p>
 * {@code loso SET.jsonl...}: leave one set out: for each set, trains on the others and
 * reports topic micro-F1 on it for the rules alone and for rules and model combined.
 * {@code heldout TRAIN.jsonl... -- TEST.jsonl...}: trains on the first files and reports
 * on each of the others. Verdicts come from an engine with the trained model, so the
 * figures are those of the engine as it ships. With the system property {@code tm.out}
 * set to a path prefix, predictions are written to {@code PREFIX-SET.jsonl} for
 * {@code score.py}-style scorers; with {@code tm.verbose}, items whose topics the model
 * changes are listed.
 */
public final class TopicModelEvaluation {

	private TopicModelEvaluation() {
	}

	public static void main(String[] args) throws IOException {
		boolean loso = args.length > 1 && args[0].equals("loso");
		boolean heldout = args.length > 3 && args[0].equals("heldout") && List.of(args).indexOf("--") > 1;
		if (!loso && !heldout) {
			System.err.println("usage: TopicModelEvaluation loso SET.jsonl...");
			System.err.println("       TopicModelEvaluation heldout TRAIN.jsonl... -- TEST.jsonl...");
			System.exit(2);
		}
		ClassificationEngine engine = ClassificationEngine.create(TopicModel.NONE);
		if (loso) {
			Map<String, List<TopicModelTrainer.Example>> sets = new LinkedHashMap<>();
			for (int i = 1; i < args.length; i++) {
				sets.put(name(args[i]), TopicModelTrainer.read(engine, Path.of(args[i])));
			}
			Counts pooledRules = new Counts();
			Counts pooledModel = new Counts();
			for (String held : sets.keySet()) {
				List<TopicModelTrainer.Example> training = new ArrayList<>();
				sets.forEach((name, examples) -> {
					if (!name.equals(held)) {
						training.addAll(examples);
					}
				});
				TopicModel model = TopicModel.of(TopicModelTrainer.train(training));
				String out = System.getProperty("tm.out");
				report(held, sets.get(held), model, pooledRules, pooledModel,
						(out != null) ? Path.of(out + "-" + held + ".jsonl") : null);
			}
			System.out.printf("%-8s rules %.3f  combined %.3f  gain %+.3f%n", "pooled", pooledRules.f1(),
					pooledModel.f1(), pooledModel.f1() - pooledRules.f1());
		}
		else {
			int split = List.of(args).indexOf("--");
			List<TopicModelTrainer.Example> training = new ArrayList<>();
			for (int i = 1; i < split; i++) {
				training.addAll(TopicModelTrainer.read(engine, Path.of(args[i])));
			}
			TopicModel model = TopicModel.of(TopicModelTrainer.train(training));
			Counts pooledRules = new Counts();
			Counts pooledModel = new Counts();
			String out = System.getProperty("tm.out");
			for (int i = split + 1; i < args.length; i++) {
				String name = name(args[i]);
				report(name, TopicModelTrainer.read(engine, Path.of(args[i])), model, pooledRules, pooledModel,
						(out != null) ? Path.of(out + "-" + name + ".jsonl") : null);
			}
			System.out.printf("%-8s rules %.3f  combined %.3f  gain %+.3f%n", "pooled", pooledRules.f1(),
					pooledModel.f1(), pooledModel.f1() - pooledRules.f1());
		}
	}

	private static String name(String file) {
		String name = Path.of(file).getFileName().toString();
		return name.substring(0, name.indexOf('.'));
	}

	private static void report(String name, List<TopicModelTrainer.Example> examples, TopicModel model,
			Counts pooledRules, Counts pooledModel, Path predictions) throws IOException {
		Counts rules = new Counts();
		Counts combined = new Counts();
		ClassificationEngine engine = ClassificationEngine.create(model);
		List<String> lines = new ArrayList<>();
		JsonMapper mapper = JsonMapper.builder().build();
		for (TopicModelTrainer.Example example : examples) {
			Set<String> ruleTopics = Set.copyOf(example.ruleTopics());
			Classification verdict = engine.classify(example.title(), example.body());
			List<String> chosen = verdict.topics().stream().map(TopicTag::code).toList();
			if (!verdict.policyMove() == example.rules().policyMove()
					|| !verdict.jurisdictions().equals(example.rules().jurisdictions())) {
				throw new IllegalStateException("The topic model changed more than topics for " + example.id());
			}
			rules.add(example.gold(), ruleTopics);
			combined.add(example.gold(), Set.copyOf(chosen));
			if (System.getProperty("tm.verbose") != null && !Set.copyOf(chosen).equals(ruleTopics)) {
				System.out.printf("  %s gold %s rules %s combined %s%n", example.id(), example.gold(), ruleTopics,
						chosen);
			}
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("id", example.id());
			line.put("jurisdictions", example.rules().jurisdictions().stream().map(JurisdictionTag::code).toList());
			line.put("primary", example.rules().primaryJurisdiction());
			line.put("is_policy_move", example.rules().policyMove());
			line.put("topics", chosen);
			lines.add(mapper.writeValueAsString(line));
		}
		pooledRules.add(rules);
		pooledModel.add(combined);
		System.out.printf("%-8s rules %.3f  combined %.3f  gain %+.3f   (n=%d, rules tp/fp/fn %s, combined %s)%n", name,
				rules.f1(), combined.f1(), combined.f1() - rules.f1(), examples.size(), rules, combined);
		if (predictions != null) {
			try (BufferedWriter out = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
				for (String line : lines) {
					out.write(line);
					out.newLine();
				}
			}
		}
	}

	/** Micro-averaged counts. */
	static final class Counts {

		int tp;

		int fp;

		int fn;

		void add(Set<String> gold, Set<String> predicted) {
			for (String code : predicted) {
				if (gold.contains(code)) {
					this.tp++;
				}
				else {
					this.fp++;
				}
			}
			for (String code : gold) {
				if (!predicted.contains(code)) {
					this.fn++;
				}
			}
		}

		void add(Counts other) {
			this.tp += other.tp;
			this.fp += other.fp;
			this.fn += other.fn;
		}

		double f1() {
			return (2.0 * this.tp) / Math.max(1, 2 * this.tp + this.fp + this.fn);
		}

		@Override
		public String toString() {
			return this.tp + "/" + this.fp + "/" + this.fn;
		}

	}

}
