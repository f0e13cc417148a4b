package dev.topgun.statemachines;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a condition, never for a time: polled a twentieth of a second apart. */
final class Conditions {

  private Conditions() {}

  /** Returns once {@code condition} holds; fails with {@code what} at the deadline. */
  static void await(String what, Duration within, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + within + " for " + what);
      }
      Thread.sleep(50);
    }
  }
}
