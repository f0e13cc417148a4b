package dev.topgun.organizations;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.topgun.shared.testing.LayerRules;

@AnalyzeClasses(
    packages = "dev.topgun.organizations",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest static final ArchRule domainIsPlainJava = LayerRules.domainIsPlainJava("organizations");

  @ArchTest
  static final ArchRule domainKnowsNoItems = LayerRules.domainKnowsNoItems("organizations");

  @ArchTest static final ArchRule domainKnowsNoHttp = LayerRules.domainKnowsNoHttp("organizations");

  @ArchTest static final ArchRule apiKnowsNoItems = LayerRules.apiKnowsNoItems("organizations");

  @ArchTest
  static final ArchRule apiDoesNotReachTheSdk = LayerRules.apiDoesNotReachTheSdk("organizations");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi =
      LayerRules.storeDoesNotReachTheApi("organizations");

  /** The adapters beside the HTTP layer (events in, mail out) serve the domain, never the api. */
  @ArchTest
  static final ArchRule adaptersDoNotReachTheApi =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.topgun.organizations.consumers..", "dev.topgun.organizations.mail..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.topgun.organizations.api..", "dev.topgun.organizations.store..");

  /**
   * The published contracts stand alone: a consumer's test, or another domain, reads them without
   * the module's rules or adapters.
   */
  @ArchTest
  static final ArchRule eventContractsStandAlone =
      noClasses()
          .that()
          .resideInAPackage("dev.topgun.organizations.events..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.topgun.organizations.domain..",
              "dev.topgun.organizations.api..",
              "dev.topgun.organizations.store..");
}
