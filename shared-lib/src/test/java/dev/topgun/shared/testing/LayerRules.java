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

  /**
   * {@code api} speaks domain records, never table items ({@code *Item}): a controller maps what a
   * domain service returns, so an item's attributes cannot leak into an answer by accident.
   */
  public static ArchRule apiKnowsNoItems(String function) {
    return noClasses()
        .that()
        .resideInAPackage("dev.topgun." + function + ".api..")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Item")
        .because("items stay in the store; a mapper turns them into domain records");
  }

  /** {@code domain} works on its own records: items are the store adapter's business. */
  public static ArchRule domainKnowsNoItems(String function) {
    return noClasses()
        .that()
        .resideInAPackage("dev.topgun." + function + ".domain..")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Item");
  }

  /**
   * {@code domain} raises its own exceptions (a stable {@code reason()}), never HTTP problems: only
   * the module's {@code ProblemResolver} knows what a refusal answers.
   */
  public static ArchRule domainKnowsNoHttp(String function) {
    return noClasses()
        .that()
        .resideInAPackage("dev.topgun." + function + ".domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.topgun.shared.http..", "io.micronaut.http..");
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
