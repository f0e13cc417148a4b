package dev.topgun.licensing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.topgun.shared.testing.LayerRules;

@AnalyzeClasses(
    packages = "dev.topgun.licensing",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = LayerRules.domainIsPlainJava("licensing");

  @ArchTest static final ArchRule domainKnowsNoItems = LayerRules.domainKnowsNoItems("licensing");

  @ArchTest static final ArchRule domainKnowsNoHttp = LayerRules.domainKnowsNoHttp("licensing");

  @ArchTest static final ArchRule apiKnowsNoItems = LayerRules.apiKnowsNoItems("licensing");

  @ArchTest
  static final ArchRule apiDoesNotReachTheSdk = LayerRules.apiDoesNotReachTheSdk("licensing");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi = LayerRules.storeDoesNotReachTheApi("licensing");

  /** The adapters beside the HTTP layer (the schedule in, documents out) serve the domain only. */
  @ArchTest
  static final ArchRule adaptersDoNotReachTheApi =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.topgun.licensing.consumers..", "dev.topgun.licensing.documents..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.topgun.licensing.api..", "dev.topgun.licensing.store..");

  /**
   * The published contracts stand alone: a consumer's test, or another domain, reads them without
   * the module's rules or adapters.
   */
  @ArchTest
  static final ArchRule eventContractsStandAlone =
      noClasses()
          .that()
          .resideInAPackage("dev.topgun.licensing.events..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.topgun.licensing.domain..",
              "dev.topgun.licensing.api..",
              "dev.topgun.licensing.store..");
}
