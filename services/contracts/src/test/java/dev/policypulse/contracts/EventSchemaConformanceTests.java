package dev.policypulse.contracts;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventSchemaConformanceTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void ingestedRecordSerialisesToSchemaValidJson() {
		JsonNode json = this.mapper.valueToTree(SampleEvents.partnershipItem());
		assertThat(Schemas.load(Schemas.INGESTED).validate(json)).isEmpty();
		assertThat(json.get("publishedAt").asString()).isEqualTo("2025-07-16T09:00:00Z");
	}

	@Test
	void classifiedRecordSerialisesToSchemaValidJson() {
		JsonNode json = this.mapper.valueToTree(SampleEvents.partnershipClassified());
		assertThat(Schemas.load(Schemas.CLASSIFIED).validate(json)).isEmpty();
		assertThat(json.at("/jurisdictions/1/role").asString()).isEqualTo("counterparty");
		assertThat(json.get("severity").asString()).isEqualTo("medium");
	}

	@Test
	void itemWithoutLanguageOmitsTheFieldAndStaysValid() {
		PolicyItemIngested sample = SampleEvents.partnershipItem();
		PolicyItemIngested noLanguage = new PolicyItemIngested(sample.id(), sample.storyId(), sample.source(),
				sample.url(), sample.title(), sample.body(), null, sample.publishedAt(), sample.ingestedAt());
		JsonNode json = this.mapper.valueToTree(noLanguage);
		assertThat(json.has("language")).isFalse();
		assertThat(Schemas.load(Schemas.INGESTED).validate(json)).isEmpty();
	}

	@Test
	void estimatedPublicationTimeIsFlaggedAndStaysValid() {
		JsonNode json = this.mapper.valueToTree(SampleEvents.estimatedDateItem());
		assertThat(json.get("publishedAtEstimated").asBoolean()).isTrue();
		assertThat(Schemas.load(Schemas.INGESTED).validate(json)).isEmpty();
		assertThat(this.mapper.treeToValue(json, PolicyItemIngested.class)).isEqualTo(SampleEvents.estimatedDateItem());
	}

	@Test
	void itemFromBeforeTheEstimateFlagReadsAsStatedByTheSource() {
		ObjectNode json = this.mapper.valueToTree(SampleEvents.partnershipItem());
		json.remove("publishedAtEstimated");
		PolicyItemIngested parsed = this.mapper.treeToValue(json, PolicyItemIngested.class);
		assertThat(parsed.publishedAtEstimated()).isFalse();
		assertThat(parsed).isEqualTo(SampleEvents.partnershipItem());
	}

	@Test
	void dispatchedRecordSerialisesToSchemaValidJsonWithoutAddresses() {
		JsonNode json = this.mapper.valueToTree(SampleEvents.sentAlert());
		assertThat(Schemas.load(Schemas.DISPATCHED).validate(json)).isEmpty();
		assertThat(json.get("outcome").asString()).isEqualTo("sent");
		assertThat(json.get("occurredAt").asString()).isEqualTo("2025-07-16T09:01:45.120Z");
		assertThat(json.toString()).doesNotContain("@example");
		assertThat(this.mapper.treeToValue(json, AlertDispatched.class)).isEqualTo(SampleEvents.sentAlert());
	}

	@Test
	void suppressedAlertOmitsTheEmailFieldsAndStaysValid() {
		JsonNode json = this.mapper.valueToTree(SampleEvents.suppressedAlert());
		assertThat(json.has("messageId")).isFalse();
		assertThat(json.has("enqueuedAt")).isFalse();
		assertThat(Schemas.load(Schemas.DISPATCHED).validate(json)).isEmpty();
		assertThat(this.mapper.treeToValue(json, AlertDispatched.class)).isEqualTo(SampleEvents.suppressedAlert());
	}

	@Test
	void digestLineNamesItsChannelAndPeriod() {
		JsonNode json = this.mapper.valueToTree(SampleEvents.sentDigestLine());
		assertThat(Schemas.load(Schemas.DISPATCHED).validate(json)).isEmpty();
		assertThat(json.get("channel").asString()).isEqualTo("digest");
		assertThat(json.get("digestPeriod").asString()).isEqualTo("daily:2025-07-17");
		assertThat(this.mapper.treeToValue(json, AlertDispatched.class)).isEqualTo(SampleEvents.sentDigestLine());
		// events written before digests reported outcomes name no channel: alerts
		assertThat(this.mapper.valueToTree(SampleEvents.sentAlert()).has("channel")).isFalse();
		AlertDispatched sample = SampleEvents.sentDigestLine();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AlertDispatched(sample.eventId(), sample.subscriptionId(), sample.itemId(),
					sample.storyId(), sample.outcome(), 1, sample.classifierVersion(), sample.messageId(),
					sample.enqueuedAt(), sample.occurredAt(), DispatchChannel.ALERT, "daily:2025-07-17"));
		ObjectNode wrong = this.mapper.valueToTree(sample);
		wrong.put("channel", "sms");
		wrong.put("digestPeriod", "yesterday");
		assertThat(Schemas.load(Schemas.DISPATCHED).validate(wrong)).hasSizeGreaterThanOrEqualTo(2);
		// a period belongs to digests only, in the schema as in the record
		ObjectNode alertWithPeriod = this.mapper.valueToTree(sample);
		alertWithPeriod.put("channel", "alert");
		assertThat(Schemas.load(Schemas.DISPATCHED).validate(alertWithPeriod)).isNotEmpty();
		alertWithPeriod.remove("channel");
		assertThat(Schemas.load(Schemas.DISPATCHED).validate(alertWithPeriod)).isNotEmpty();
	}

	@Test
	void dispatchedSchemaRejectsWhatTheRecordWouldRefuse() {
		ObjectNode json = this.mapper.valueToTree(SampleEvents.sentAlert());
		json.put("outcome", "bounced");
		json.put("attempts", -1);
		json.put("subscriptionId", "subscriber@example.org");
		json.remove("occurredAt");
		assertThat(Schemas.load(Schemas.DISPATCHED).validate(json)).hasSizeGreaterThanOrEqualTo(4);
		AlertDispatched sample = SampleEvents.sentAlert();
		assertThatIllegalArgumentException().isThrownBy(
				() -> new AlertDispatched(sample.eventId(), sample.subscriptionId(), "item id", sample.storyId(),
						sample.outcome(), 1, sample.classifierVersion(), null, null, sample.occurredAt()));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new AlertDispatched(sample.eventId(), sample.subscriptionId(), sample.itemId(), sample.storyId(),
						sample.outcome(), -1, sample.classifierVersion(), null, null, sample.occurredAt()));
	}

	@Test
	void schemaRejectsWhatTheRecordsWouldRefuse() {
		ObjectNode json = this.mapper.valueToTree(SampleEvents.partnershipClassified());
		((ObjectNode) json.at("/jurisdictions/0")).put("code", "Pakistan");
		json.remove("classifierVersion");
		assertThat(Schemas.load(Schemas.CLASSIFIED).validate(json)).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void jsonRoundTripKeepsEveryField() {
		PolicyItemClassified sample = SampleEvents.partnershipClassified();
		String json = this.mapper.writeValueAsString(sample);
		assertThat(this.mapper.readValue(json, PolicyItemClassified.class)).isEqualTo(sample);
	}

	@Test
	void recordsRefuseInvalidCodes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JurisdictionTag("pk", Role.ACTOR, 0.5, List.of()))
			.withMessageContaining("ISO 3166");
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicTag("Regulator Formation", 0.5, List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new JurisdictionTag("PK", Role.ACTOR, 1.5, List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> new Evidence("summary", 0, 1, "x"));
	}

	@Test
	void recordsAcceptSubdivisionsAndTheEu() {
		assertThat(new JurisdictionTag("US-TX", Role.ACTOR, 1.0, null).evidence()).isEmpty();
		assertThat(new JurisdictionTag("AE-DU", Role.MENTIONED, 0.2, List.of()).code()).isEqualTo("AE-DU");
		assertThat(new JurisdictionTag("EU", Role.COUNTERPARTY, 0.0, List.of()).code()).isEqualTo("EU");
	}

	@Test
	void primaryJurisdictionMustBeTagged() {
		PolicyItemClassified sample = SampleEvents.partnershipClassified();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyItemClassified(sample.item(), sample.jurisdictions(), "JP", sample.topics(),
					true, Severity.HIGH, "rules-1", Instant.now()))
			.withMessageContaining("JP");
	}

	@Test
	void itemIdMustBeUrlSafe() {
		PolicyItemIngested sample = SampleEvents.partnershipItem();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PolicyItemIngested("id with spaces", sample.storyId(), sample.source(), sample.url(),
					sample.title(), sample.body(), null, sample.publishedAt(), sample.ingestedAt()));
	}

	@Test
	void topicCodesListTheWholeTaxonomy() {
		assertThat(TopicCodes.all()).hasSize(13)
			.contains("regulator_formation", "international_cooperation", "intl_org")
			.first()
			.isEqualTo("regulator_formation");
		assertThat(TopicCodes.isKnown("weather")).isFalse();
	}

}
