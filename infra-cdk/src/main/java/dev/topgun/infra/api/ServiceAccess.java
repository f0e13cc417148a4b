package dev.topgun.infra.api;

import dev.topgun.infra.events.TopgunEvents;
import java.util.Map;
import software.amazon.awscdk.services.iam.IGrantable;

/**
 * What a function may do beyond what every function gets (its table's items, reading the cursor
 * key, publishing its own domain's events). A domain that calls another AWS service adds its one
 * entry here; a domain that needs nothing more adds nothing, and gets its Lambda all the same.
 */
final class ServiceAccess {

  /** The shared resources an entry may grant on. */
  record Shared(TopgunEvents events) {}

  interface Grant {
    void apply(IGrantable function, Shared shared);
  }

  private static final Map<String, Grant> EXTRA =
      Map.of(
          // GET /v1/health checks that the bus exists.
          "platform", (function, shared) -> shared.events().grantDescribe(function));

  private ServiceAccess() {}

  static void grantExtra(String functionName, IGrantable function, Shared shared) {
    Grant grant = EXTRA.get(functionName);
    if (grant != null) {
      grant.apply(function, shared);
    }
  }
}
