package com.gonitro.spring;

import java.net.URISyntaxException;
import java.nio.file.Path;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Condition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundary the module's description promises, checked on its compiled classes: only
 * {@code com.gonitro.spring.boot..} uses Spring Boot, so that {@code NitroClient.builder()} works without it; no two
 * packages depend on each other; and Spring Boot's own rules for auto-configuration hold.
 */
class ArchitectureTests {

	/** The module's main classes, read from where they were compiled, whatever the build's output layout. */
	private static final JavaClasses classes = new ClassFileImporter().importPath(mainClasses());

	@Test
	void onlyTheBootPackagesUseSpringBoot() {
		noClasses().that()
			.resideOutsideOfPackage("com.gonitro.spring.boot..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.because("the clients must work without Spring Boot, through NitroClient.builder()")
			.check(classes);
	}

	@Test
	void packagesFormNoCycle() {
		slices().matching("com.gonitro.spring.(**)").should().beFreeOfCycles().check(classes);
	}

	@Test
	void autoConfigurationClassesArePublicAndFinal() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(classes);
	}

	@Test
	void autoConfigurationClassesHaveNoPublicMembers() {
		members().that()
			.areDeclaredInClassesThat()
			.areAnnotatedWith(AutoConfiguration.class)
			.and(areNotDefaultConstructors())
			.should()
			.notBePublic()
			.check(classes);
	}

	@Test
	void conditionsAreNotPublic() {
		classes().that()
			.implement(Condition.class)
			.should()
			.notBePublic()
			.because("a condition is used through its @Conditional… annotation, not on its own")
			.check(classes);
	}

	@Test
	void theCheckedClassesIncludeBothSidesOfTheBoundary() {
		assertThat(classes.stream().map(JavaClass::getPackageName))
			.contains("com.gonitro.spring", "com.gonitro.spring.web", "com.gonitro.spring.boot.autoconfigure");
	}

	private static Path mainClasses() {
		try {
			return Path.of(NitroClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static DescribedPredicate<JavaMember> areNotDefaultConstructors() {
		return DescribedPredicate.describe("are not default constructors",
				(member) -> !(member instanceof JavaConstructor constructor && constructor.getRawParameterTypes().isEmpty()));
	}

}
