package dev.topgun.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.topgun.emulators.Json;
import dev.topgun.shared.branding.HiddenOrigins;
import dev.topgun.shared.http.problem.ProblemType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Writing answers, including RFC 9457 problem documents for what the gateway itself refuses. */
final class Responses {

  static final String PROBLEM_JSON = "application/problem+json";

  private Responses() {}

  static void send(
      HttpExchange exchange,
      int status,
      String contentType,
      byte[] body,
      Map<String, List<String>> headers)
      throws IOException {
    headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, List.copyOf(values)));
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    boolean noBody =
        body.length == 0
            || status == 204
            || status == 304
            || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  static void problem(
      HttpExchange exchange,
      int status,
      String title,
      String detail,
      Map<String, List<String>> headers)
      throws IOException {
    // The same problem types the functions answer with, so a client handles both alike.
    String type = ProblemType.forStatus(status).map(t -> t.uri().toString()).orElse("about:blank");
    problem(exchange, type, status, title, detail, Map.of(), headers);
  }

  /**
   * The type as the functions answer it through a custom hostname (shared-lib's ProblemMapper:
   * {@code https://<host>/problems/<slug>}, so a brand that hides its origin never shows the
   * platform's). The runtime does not read brands: every hostname other than its own loopback names
   * is taken as such a hostname.
   */
  static String hostedType(HttpExchange exchange, String type) {
    if (!type.startsWith(ProblemType.BASE)) {
      return type;
    }
    String name =
        HiddenOrigins.hostname(
            HiddenOrigins.requestHost(
                exchange.getRequestHeaders().getFirst("X-Forwarded-Host"),
                exchange.getRequestHeaders().getFirst("Host")));
    if (name == null || name.equals("localhost") || name.endsWith(".localhost")) {
      return type;
    }
    return ProblemType.onHost(URI.create(type), name).toString();
  }

  /**
   * @param extensions extra members of the problem document
   */
  static void problem(
      HttpExchange exchange,
      String type,
      int status,
      String title,
      String detail,
      Map<String, String> extensions,
      Map<String, List<String>> headers)
      throws IOException {
    ObjectNode problem = Json.MAPPER.createObjectNode();
    problem.put("type", hostedType(exchange, type));
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", exchange.getRequestURI().getRawPath());
    extensions.forEach(problem::put);
    send(exchange, status, PROBLEM_JSON, Json.bytes(problem), headers);
  }
}
