package dev.topgun.platform.domain;

/** One dependency the platform can reach (the table, the identity provider, the event bus). */
public interface DependencyCheck {

  /** The name this dependency is reported under, e.g. {@code table}. */
  String name();

  /**
   * Reaches the dependency once. Returns normally when it answered as expected; throws with a
   * short, secret-free reason when it did not.
   */
  void probe() throws Exception;
}
