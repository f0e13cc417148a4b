package dev.topgun.organizations.api;

import dev.topgun.shared.store.VersionConflictException;
import java.util.function.Supplier;

/**
 * Reruns a read-check-write when another request changed what it read (a version conflict): the
 * rerun reads again and decides again, so it can still be refused. After {@link #ATTEMPTS} the
 * conflict answers 409.
 */
final class Conflicts {

  static final int ATTEMPTS = 4;

  private Conflicts() {}

  static <T> T retry(Supplier<T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (VersionConflictException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
