package dev.policypulse.notifier;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The notifier's features: {@code subscription} owns subscribers and their signed links,
 * {@code matching} finds the subscriptions an item concerns, {@code email} renders and
 * sends mail, {@code digest} keeps what daily and weekly subscribers are due and composes
 * their digests, {@code delivery} ties them together (outbox, dispatch). Dependencies
 * point towards subscription and email only.
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
		.resideInAnyPackage("..notifier.delivery..", "..notifier.email..", "..notifier.matching..");

	/** Delivery records digest items and stores composed digests, not the other way. */
	@ArchTest
	static final ArchRule digestKnowsNothingOfDeliveryOrMatching = noClasses().that()
		.resideInAPackage("..notifier.digest..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..notifier.delivery..", "..notifier.matching..");

	@ArchTest
	static final ArchRule matchingKnowsNothingOfDeliveryOrEmail = noClasses().that()
		.resideInAPackage("..notifier.matching..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..notifier.delivery..", "..notifier.email..");

	/** The benchmarks run the index on its own, without Spring on the class path. */
	@ArchTest
	static final ArchRule subscriptionIndexNeedsNoSpring = noClasses().that()
		.haveNameMatching("dev\\.policypulse\\.notifier\\.(matching\\.(SubscriptionIndex|LinearScan|Rules|Keywords"
				+ "|SlotList|EuMemberStates|Match|JurisdictionMatch)|subscription\\.(Preferences|Subscription"
				+ "|SubscriptionStatus))(\\$.*)?")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..");

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
