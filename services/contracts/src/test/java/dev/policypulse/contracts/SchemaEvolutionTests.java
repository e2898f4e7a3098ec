package dev.policypulse.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A published schema may only evolve compatibly: no property removed or retyped, no new
 * required property, no constraint (pattern, format, length, range) changed, no enum
 * value removed. {@code schema-baselines/} holds each schema as first released; a
 * breaking change needs a new {@code v2} topic and schema instead.
 */
class SchemaEvolutionTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { Schemas.INGESTED, Schemas.CLASSIFIED, Schemas.DISPATCHED })
	void schemaEvolvesCompatiblyWithItsBaseline(String name) throws IOException {
		JsonNode baseline = read("/schema-baselines/" + name + ".schema.json");
		JsonNode current = read("/schemas/" + name + ".schema.json");
		assertThat(current.get("$id")).isEqualTo(baseline.get("$id"));
		assertCompatible("", baseline, current);
		if (baseline.has("$defs")) {
			for (Map.Entry<String, JsonNode> def : baseline.get("$defs").properties()) {
				JsonNode now = current.at("/$defs/" + def.getKey());
				assertThat(now.isMissingNode()).as("$defs/" + def.getKey() + " removed").isFalse();
				assertCompatible("$defs/" + def.getKey(), def.getValue(), now);
			}
		}
	}

	private void assertCompatible(String path, JsonNode baseline, JsonNode current) {
		Set<String> baselineRequired = strings(baseline.get("required"));
		Set<String> currentRequired = strings(current.get("required"));
		assertThat(baselineRequired).as(path + ": required properties may not be added").containsAll(currentRequired);
		Map<String, JsonNode> baselineProperties = properties(baseline);
		Map<String, JsonNode> currentProperties = properties(current);
		assertThat(currentProperties.keySet()).as(path + ": properties may not be removed")
			.containsAll(baselineProperties.keySet());
		baselineProperties.forEach((property, was) -> {
			JsonNode now = currentProperties.get(property);
			assertThat(now.get("type")).as(path + "/" + property + ": type may not change").isEqualTo(was.get("type"));
			assertThat(now.get("$ref")).as(path + "/" + property + ": $ref may not change").isEqualTo(was.get("$ref"));
			for (String constraint : List.of("pattern", "format", "minLength", "maxLength", "minimum", "maximum",
					"minItems", "maxItems")) {
				assertThat(now.get(constraint)).as(path + "/" + property + ": " + constraint + " may not change")
					.isEqualTo(was.get(constraint));
			}
			if (was.has("enum")) {
				assertThat(strings(now.get("enum"))).as(path + "/" + property + ": enum values may not be removed")
					.containsAll(strings(was.get("enum")));
			}
		});
	}

	private static Map<String, JsonNode> properties(JsonNode schema) {
		Map<String, JsonNode> properties = new TreeMap<>();
		if (schema.has("properties")) {
			schema.get("properties").properties().forEach((entry) -> properties.put(entry.getKey(), entry.getValue()));
		}
		return properties;
	}

	private static Set<String> strings(JsonNode array) {
		Set<String> values = new HashSet<>();
		if (array != null) {
			array.forEach((value) -> values.add(value.asString()));
		}
		return values;
	}

	private JsonNode read(String resource) throws IOException {
		try (InputStream in = getClass().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return this.mapper.readTree(in);
		}
	}

}
