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
  static final ArchRule apiDoesNotReachTheSdk = LayerRules.apiDoesNotReachTheSdk("organizations");

  @ArchTest
  static final ArchRule storeDoesNotReachTheApi =
      LayerRules.storeDoesNotReachTheApi("organizations");

  /** Events in and notices out are adapters beside the HTTP layer, never behind it. */
  @ArchTest
  static final ArchRule eventsAndNoticesDoNotReachTheApi =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.topgun.organizations.events..", "dev.topgun.organizations.notices..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.topgun.organizations.api..");

  /** Notices are sent from requests and from events alike: they know neither. */
  @ArchTest
  static final ArchRule noticesDoNotReachTheEvents =
      noClasses()
          .that()
          .resideInAPackage("dev.topgun.organizations.notices..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.topgun.organizations.events..");
}
