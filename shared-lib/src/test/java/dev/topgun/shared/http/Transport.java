package dev.topgun.shared.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One way of delivering a request to the test application: the HTTP server, or the Lambda handler
 * with an API Gateway proxy event. The tests run every case through both, because a function is
 * served by the second in AWS and by the first in tests and locally.
 */
public interface Transport {

  String name();

  ApplicationContext context();

  Reply send(Call call);

  /** Not AutoCloseable: JUnit would close parameterized-test arguments after each invocation. */
  void close();

  /** A request: {@code target} is the path with its query string. */
  record Call(String method, String target, Map<String, String> headers, @Nullable String body) {

    public static Call of(String method, String target) {
      return new Call(method, target, Map.of(), null);
    }

    public static Call json(String method, String target, String body) {
      return new Call(method, target, Map.of("Content-Type", "application/json"), body);
    }

    public Call header(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Call(method, target, more, body);
    }
  }

  /** A response, headers by lower-case name. */
  record Reply(int status, Map<String, List<String>> headers, @Nullable String body) {

    public Reply {
      Map<String, List<String>> lower = new TreeMap<>();
      headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      headers = lower;
    }

    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> contentType() {
      return header("Content-Type");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> json(JsonMapper mapper) {
      try {
        return mapper.readValue(body, Map.class);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }
}
