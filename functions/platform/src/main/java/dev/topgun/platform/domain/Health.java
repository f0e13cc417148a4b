package dev.topgun.platform.domain;

import java.util.Map;

/**
 * The platform's view of its dependencies.
 *
 * @param status {@code UP} when every dependency answered, else {@code DOWN}
 * @param checks each dependency by name
 */
public record Health(Status status, Map<String, Check> checks) {

  public enum Status {
    UP,
    DOWN
  }

  /**
   * @param status whether it answered in time
   * @param latencyMs how long it took, or the deadline when it did not answer
   * @param error why it is down; {@code null} when up
   */
  public record Check(Status status, long latencyMs, String error) {}

  public boolean isUp() {
    return status == Status.UP;
  }
}
