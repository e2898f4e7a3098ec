package dev.policypulse.contracts;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Loads the published JSON Schemas from the classpath, resolving their $ids there too.
 */
final class Schemas {

	static final String BASE = "https://policypulse.dev/schemas/";

	static final String INGESTED = "policy-item-ingested.v1";

	static final String CLASSIFIED = "policy-item-classified.v1";

	static final String DISPATCHED = "alert-dispatched.v1";

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(builder) -> builder.schemaIdResolvers((resolvers) -> resolvers.mapPrefix(BASE, "classpath:schemas/")));

	private Schemas() {
	}

	static Schema load(String name) {
		return REGISTRY.getSchema(SchemaLocation.of(BASE + name + ".schema.json"));
	}

}
