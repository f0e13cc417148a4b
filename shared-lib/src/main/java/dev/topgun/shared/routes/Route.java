package dev.topgun.shared.routes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One line of the API route table: a method and a path template, answered by one function.
 *
 * @param method HTTP method, upper case
 * @param path path template as API Gateway writes it: literal segments, {@code {name}}, or a final
 *     {@code {name+}}
 * @param function the function module that answers it
 * @param auth {@code public} (no authorizer) or {@code user} (a Cognito user token)
 * @param throttle this method's own rate limit, below the stage's (API Gateway method throttling;
 *     the local runtime enforces the same); null for the stage's
 */
@Serdeable
public record Route(
    String method, String path, String function, String auth, @Nullable Throttle throttle) {

  /** A token bucket: {@code rate} requests per second refill, {@code burst} at most at once. */
  @Serdeable
  public record Throttle(int rate, int burst) {
    public Throttle {
      if (rate < 1 || burst < rate) {
        throw new IllegalArgumentException("throttle needs rate >= 1 and burst >= rate");
      }
    }
  }

  public Route(String method, String path, String function, String auth) {
    this(method, path, function, auth, null);
  }

  static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  static final Set<String> AUTH = Set.of("public", "user");

  public Route {
    if (method == null || !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("route method must be one of " + METHODS + ": " + method);
    }
    method = method.toUpperCase(Locale.ROOT);
    if (function == null || !function.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("route function must be a module name: " + function);
    }
    if (auth == null || !AUTH.contains(auth)) {
      throw new IllegalArgumentException("route auth must be one of " + AUTH + ": " + auth);
    }
    PathTemplate.parse(path);
  }

  public List<PathTemplate.Segment> segments() {
    return PathTemplate.parse(path);
  }

  public boolean isPublic() {
    return "public".equals(auth);
  }
}
