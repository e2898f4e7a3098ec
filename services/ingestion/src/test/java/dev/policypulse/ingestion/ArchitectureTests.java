package dev.policypulse.ingestion;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
		.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "dev.policypulse.support..");

	@ArchTest
	static final ArchRule onlyPublishingBuildsEvents = noClasses().that()
		.resideOutsideOfPackage("..ingestion.publishing..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.policypulse.contracts..");

	@ArchTest
	static final ArchRule onlyFeedsParseXml = noClasses().that()
		.resideOutsideOfPackage("..ingestion.feed..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("com.rometools..");

}
