package dev.topgun.shared.http.problem;

import io.micronaut.core.order.Ordered;

/**
 * The order of shared-lib's own resolvers: after a function's resolvers (order 0 by default), so a
 * domain can answer more precisely; tenancy's and the store's refusals next; then one per family of
 * errors Micronaut and its codecs raise, in the order they were decided in when one mapper held
 * them all (validation, a body that does not decode, bindings, size, routing), because some errors
 * carry another family's cause.
 */
final class BuiltInProblems {

  /**
   * The store's refusals ({@link StoreProblemResolver}), after tenancy's, before the framework's.
   */
  static final int STORE = Ordered.LOWEST_PRECEDENCE - 200;

  static final int VALIDATION = Ordered.LOWEST_PRECEDENCE - 100;
  static final int BODY = VALIDATION + 1;
  static final int PARAMETERS = VALIDATION + 2;
  static final int BODY_SIZE = VALIDATION + 3;
  static final int ROUTING = VALIDATION + 4;

  private BuiltInProblems() {}
}
