package dev.topgun.organizations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.topgun.organizations",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("..organizations.domain..")
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
          .resideInAPackage("..organizations.api..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("software.amazon.awssdk..");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi =
      noClasses()
          .that()
          .resideInAPackage("..organizations.store..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..organizations.api..");
}
