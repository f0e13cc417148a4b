package dev.topgun.branding.theme;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The theme generator is a pure function of its input (ARCHITECTURE.md: generators are domain
 * code): no framework, no AWS, no HTTP, nothing from the module's other layers.
 */
@AnalyzeClasses(
    packages = "dev.topgun.branding.theme",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ThemeArchitectureTest {

  @ArchTest
  static final ArchRule themeIsPlainJava =
      noClasses()
          .that()
          .resideInAPackage("dev.topgun.branding.theme..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.micronaut..",
              "software.amazon.awssdk..",
              "com.amazonaws..",
              "jakarta.inject..",
              "dev.topgun.shared.http..",
              "dev.topgun.branding.api..",
              "dev.topgun.branding.store..");
}
