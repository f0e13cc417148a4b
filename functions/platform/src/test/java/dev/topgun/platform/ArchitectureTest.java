package dev.topgun.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.topgun.platform",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("..platform.domain..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "software.amazon.awssdk..",
              "io.micronaut..",
              "com.amazonaws.services.lambda..",
              "jakarta.inject..");

  @ArchTest
  static final ArchRule apiDoesNotReachTheSdk =
      noClasses()
          .that()
          .resideInAPackage("..platform.api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("software.amazon.awssdk..");
}
