package dev.policypulse.notifier;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The notifier's features: {@code subscription} owns subscribers and their signed links,
 * {@code email} renders and sends mail, {@code delivery} ties them together (matching,
 * outbox, dispatch). Dependencies point towards subscription and email only.
 */
@AnalyzeClasses(packages = "dev.policypulse.notifier", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.policypulse.notifier.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule subscriptionKnowsNothingOfDeliveryOrEmail = noClasses().that()
		.resideInAPackage("..notifier.subscription..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..notifier.delivery..", "..notifier.email..");

	@ArchTest
	static final ArchRule emailKnowsNothingOfSubscribersOrTheOutbox = noClasses().that()
		.resideInAPackage("..notifier.email..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..notifier.delivery..", "..notifier.subscription..");

	@ArchTest
	static final ArchRule onlySharedSupportStartsPostgres = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("io.zonky..");

	@ArchTest
	static final ArchRule onlyDeliveryConsumesKafka = noClasses().that()
		.resideOutsideOfPackage("..notifier.delivery..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.kafka..");

}
