package dev.policypulse.ingestion;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import dev.policypulse.support.SignedRequests;
import dev.policypulse.support.WebSupportAutoConfiguration;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "dev.policypulse.ingestion", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.policypulse.ingestion.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule feedsDoNotKnowTheWebhook = noClasses().that()
		.resideInAPackage("..ingestion.feed..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..ingestion.item..");

	@ArchTest
	static final ArchRule webhookDoesNotKnowFeeds = noClasses().that()
		.resideInAPackage("..ingestion.item..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..ingestion.feed..");

	@ArchTest
	static final ArchRule publishingServesBothChannelsWithoutKnowingThem = noClasses().that()
		.resideInAPackage("..ingestion.publishing..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..ingestion.feed..", "..ingestion.item..");

	@ArchTest
	static final ArchRule onlyPublishingTalksToKafka = noClasses().that()
		.resideOutsideOfPackage("..ingestion.publishing..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

	@ArchTest
	static final ArchRule onlyPublishingAndTheWebhookUseSharedSupport = noClasses().that()
		.resideOutsideOfPackages("..ingestion.publishing..", "..ingestion.item..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.policypulse.support..");

	@ArchTest
	static final ArchRule theWebhookUsesSharedSupportOnlyToStandInForTheApiKey = noClasses().that()
		.resideInAPackage("..ingestion.item..")
		.should()
		.dependOnClassesThat(resideInAPackage("dev.policypulse.support..")
			.and(not(belongToAnyOf(SignedRequests.class, WebSupportAutoConfiguration.class))));

	@ArchTest
	static final ArchRule onlyPublishingBuildsEvents = noClasses().that()
		.resideOutsideOfPackage("..ingestion.publishing..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.policypulse.contracts..");

	@ArchTest
	static final ArchRule sourcesKnowNothingOfPollingOrPublishing = noClasses().that()
		.resideInAPackage("..ingestion.source..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..ingestion.feed..", "..ingestion.publishing..", "..ingestion.item..");

	@ArchTest
	static final ArchRule healthKnowsNoOtherFeature = noClasses().that()
		.resideInAPackage("..ingestion.health..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..ingestion.feed..", "..ingestion.publishing..", "..ingestion.item..",
				"..ingestion.source..");

	@ArchTest
	static final ArchRule theTargetPolicyStandsAlone = noClasses().that()
		.resideInAPackage("..ingestion.net..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..ingestion.feed..", "..ingestion.health..", "..ingestion.publishing..",
				"..ingestion.item..", "..ingestion.source..", "org.springframework..");

	@ArchTest
	static final ArchRule onlyTheCheckedFetcherMakesHttpRequests = noClasses().that()
		.resideOutsideOfPackage("..ingestion.feed..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("java.net.http..");

	@ArchTest
	static final ArchRule onlyFeedsParseXml = noClasses().that()
		.resideOutsideOfPackage("..ingestion.feed..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("com.rometools..");

	@ArchTest
	static final ArchRule publishingKnowsNoOtherFeature = noClasses().that()
		.resideInAPackage("..ingestion.publishing..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..ingestion.source..", "..ingestion.health..", "..ingestion.net..");

	/**
	 * Normalisation, deduplication memory and story clustering run without Spring, Kafka
	 * or a database, so that they can be tested and measured
	 * (services/ingestion-benchmarks) on their own.
	 */
	@ArchTest
	static final ArchRule theItemPipelineIsPlainJava = noClasses().that()
		.resideInAPackage("..ingestion.publishing..")
		.and()
		.haveNameMatching(".*\\.(PlainText|Titles|Boilerplate|LanguageDetector|ItemNormaliser|ContentHash|SeenIds"
				+ "|CanonicalUrls|ItemIds|StoryAnalyzer|StoryFingerprint|MinHash|StoryIndex)(\\$.*)?")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..",
				"dev.policypulse.support..", "dev.policypulse.contracts..");

}
