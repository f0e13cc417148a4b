package dev.topgun.shared.http.problem;

import io.micronaut.core.annotation.Nullable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** An error's causes, as the resolvers look through them. */
final class Causes {

  private Causes() {}

  /** The error itself, unwrapped from the executors' and reflection's wrappers. */
  @Nullable
  static Throwable unwrap(@Nullable Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof UndeclaredThrowableException
            || t instanceof InvocationTargetException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The error and its causes, outermost first (at most 32, and each once). */
  static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = error;
        t != null && seen.put(t, true) == null && chain.size() < 32;
        t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  static boolean anyNamed(Throwable error, String simpleName) {
    return chain(error).stream().anyMatch(t -> t.getClass().getSimpleName().equals(simpleName));
  }
}
