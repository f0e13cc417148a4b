package dev.topgun.branding.images;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.topgun.branding.images",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ImagesArchitectureTest {

  /** Image checks are plain Java: callable from a controller, a consumer or a test alike. */
  @ArchTest
  static final ArchRule imagesArePlainJava =
      noClasses()
          .that()
          .resideInAPackage("dev.topgun.branding.images..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "software.amazon.awssdk..",
              "io.micronaut..",
              "com.amazonaws..",
              "jakarta.inject..",
              "dev.topgun.shared.http..");
}
