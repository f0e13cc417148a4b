package dev.topgun.organizations.domain;

import dev.topgun.shared.store.VersionConflictException;
import java.util.function.Supplier;

/**
 * Reruns a read-decide-write when another request changed what it read (a version conflict): the
 * rerun reads again and decides again, so it can still be refused. After {@link #ATTEMPTS} the
 * conflict goes on (409 {@code version-conflict}).
 */
final class Conflicts {

  static final int ATTEMPTS = 4;

  private Conflicts() {}

  static <T> T retry(Supplier<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (VersionConflictException e) {
        if (n == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
