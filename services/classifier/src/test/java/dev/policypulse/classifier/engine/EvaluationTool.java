package dev.policypulse.classifier.engine;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.policypulse.contracts.JurisdictionTag;
import dev.policypulse.contracts.TopicTag;

/**
 * Writes the engine's predictions for a labelled JSON Lines file, one line per item with
 * {@code id, jurisdictions, primary, is_policy_move, topics}, for scoring against the
 * labels. Usage: {@code EvaluationTool INPUT.jsonl OUTPUT.jsonl}.
 */
public final class EvaluationTool {

	private EvaluationTool() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: EvaluationTool INPUT.jsonl OUTPUT.jsonl");
			System.exit(2);
		}
		JsonMapper mapper = JsonMapper.builder().build();
		ClassificationEngine engine = ClassificationEngine.create();
		int items = 0;
		long nanos = 0;
		try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
				BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode item = mapper.readTree(line);
				long start = System.nanoTime();
				Classification result = engine.classify(text(item, "title"), text(item, "body"));
				nanos += System.nanoTime() - start;
				items++;
				Map<String, Object> prediction = new LinkedHashMap<>();
				prediction.put("id", item.get("id").asString());
				prediction.put("jurisdictions", result.jurisdictions().stream().map(JurisdictionTag::code).toList());
				prediction.put("primary", result.primaryJurisdiction());
				prediction.put("is_policy_move", result.policyMove());
				prediction.put("topics", result.topics().stream().map(TopicTag::code).toList());
				prediction.put("detail", result);
				out.write(mapper.writeValueAsString(prediction));
				out.newLine();
			}
		}
		System.err.printf("%d items, %.2f ms per item%n", items, (items > 0) ? nanos / 1e6 / items : 0.0);
	}

	private static String text(JsonNode item, String field) {
		JsonNode node = item.get(field);
		return (node == null || node.isNull()) ? null : node.asString();
	}

}
