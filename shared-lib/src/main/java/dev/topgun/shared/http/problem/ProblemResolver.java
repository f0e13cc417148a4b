package dev.topgun.shared.http.problem;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import java.util.Optional;

/**
 * Maps an exception a function's code raises (a domain error such as {@code SlugTaken}) to the
 * problem it answers. Declare one as a bean in the function's {@code api} package; resolvers are
 * asked in {@link Ordered} order before the built-in mappings, and the first answer wins.
 */
@FunctionalInterface
public interface ProblemResolver extends Ordered {

  /**
   * @return the problem for this error, or empty when this resolver does not know it
   */
  Optional<Problem> resolve(Throwable error, HttpRequest<?> request);
}
