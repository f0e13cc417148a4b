package dev.topgun.shared.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules every function module keeps (ARCHITECTURE.md, "Domains"), written once: each
 * module's {@code ArchitectureTest} applies them to its own base package.
 */
public final class LayerRules {

  private LayerRules() {}

  /** {@code domain} is plain Java: no AWS SDK, Micronaut, Lambda or injection types. */
  public static ArchRule domainIsPlainJava(String function) {
    return noClasses()
        .that()
        .resideInAPackage("dev.topgun." + function + ".domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "software.amazon.awssdk..",
            "io.micronaut..",
            "com.amazonaws.services.lambda..",
            "jakarta.inject..");
  }

  /** {@code api} is HTTP in and out: it reaches AWS only through the adapters. */
  public static ArchRule apiDoesNotReachTheSdk(String function) {
    return noClasses()
        .that()
        .resideInAPackage("dev.topgun." + function + ".api..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("software.amazon.awssdk..");
  }

  /** Adapters serve the domain, never the HTTP layer. */
  public static ArchRule storeDoesNotReachTheApi(String function) {
    return noClasses()
        .that()
        .resideInAPackage("dev.topgun." + function + ".store..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.topgun." + function + ".api..");
  }
}
