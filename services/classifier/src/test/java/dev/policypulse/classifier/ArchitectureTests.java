package dev.policypulse.classifier;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.policypulse.classifier");

	@Test
	void engineIsPlainJava() {
		noClasses().that()
			.resideInAPackage("..classifier.engine..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "jakarta..", "dev.policypulse.support..",
					"dev.policypulse.classifier.api..", "dev.policypulse.classifier.classification..")
			.check(CLASSES);
	}

	@Test
	void batchModeRunsWithoutSpringOrKafka() {
		noClasses().that()
			.resideInAPackage("..classifier.batch..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "jakarta..", "dev.policypulse.support..",
					"dev.policypulse.classifier.api..", "dev.policypulse.classifier.classification..")
			.check(CLASSES);
	}

	@Test
	void httpApiDoesNotDependOnMessaging() {
		noClasses().that()
			.resideInAPackage("..classifier.api..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..classifier.classification..", "org.apache.kafka..", "org.springframework.kafka..")
			.check(CLASSES);
	}

	@Test
	void messagingDoesNotDependOnHttpApi() {
		noClasses().that()
			.resideInAPackage("..classifier.classification..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..classifier.api..", "org.springframework.web..")
			.check(CLASSES);
	}

}
