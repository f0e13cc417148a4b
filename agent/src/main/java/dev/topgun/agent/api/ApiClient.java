package dev.topgun.agent.api;

import dev.topgun.agent.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The agent's side of the {@code /v1/agent/*} protocol, over the JDK's HttpClient. */
public final class ApiClient {

  /** {@code {"accepted", "duplicates"}} of a metrics push. */
  public record PushResult(int accepted, int duplicates) {}

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;
  private final String userAgent;

  public ApiClient(URI base, HttpClient http, Duration timeout, String userAgent) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.http = http;
    this.timeout = timeout;
    this.userAgent = userAgent;
  }

  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * {@code POST /v1/agent/enrol {"token", "facts"}} → 201 {@code {"serverId", "credential",
   * "intervalSeconds"}}.
   */
  public Credentials enrol(String token, Map<String, Object> facts) throws ApiException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("facts", facts);
    Map<String, Object> answer =
        Json.parseObject(send(post("/v1/agent/enrol", null, Json.write(body))));
    BigDecimal interval = Json.number(answer, "intervalSeconds");
    try {
      return new Credentials(
          Json.string(answer, "serverId"),
          Json.string(answer, "credential"),
          interval == null ? 0 : interval.intValue());
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ApiException.Kind.RETRY, 201, "enrolment answer lacks serverId or credential");
    }
  }

  /**
   * {@code POST /v1/agent/metrics {"serverId", "samples": [...]}} → {@code {"accepted",
   * "duplicates"}}.
   */
  public PushResult push(Credentials credentials, List<String> samplesJson) throws ApiException {
    StringBuilder body = new StringBuilder("{\"serverId\":");
    Json.write(credentials.serverId(), body);
    body.append(",\"samples\":[").append(String.join(",", samplesJson)).append("]}");
    Map<String, Object> answer =
        Json.parseObject(send(post("/v1/agent/metrics", credentials, body.toString())));
    BigDecimal accepted = Json.number(answer, "accepted");
    BigDecimal duplicates = Json.number(answer, "duplicates");
    return new PushResult(
        accepted == null ? 0 : accepted.intValue(), duplicates == null ? 0 : duplicates.intValue());
  }

  /** {@code GET /v1/agent/commands?wait=<s>} (long poll) → {@code {"commands": [...]}}. */
  public List<Command> commands(Credentials credentials, int waitSeconds) throws ApiException {
    HttpRequest request =
        request("/v1/agent/commands?wait=" + waitSeconds, credentials)
            .timeout(timeout.plusSeconds(waitSeconds))
            .GET()
            .build();
    String text = send(request);
    List<Command> commands = new ArrayList<>();
    for (Object item : Json.array(Json.parseObject(text.isBlank() ? "{}" : text), "commands")) {
      if (item instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) item;
        commands.add(
            new Command(Json.string(c, "id"), Json.string(c, "type"), Json.object(c, "args")));
      }
    }
    return commands;
  }

  /** {@code POST /v1/agent/facts {"serverId", "facts"}}. */
  public void postFacts(Credentials credentials, Map<String, Object> facts) throws ApiException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serverId", credentials.serverId());
    body.put("facts", facts);
    send(post("/v1/agent/facts", credentials, Json.write(body)));
  }

  /** {@code POST /v1/agent/commands/{id}/result {"status": "succeeded"|"failed", "output"}}. */
  public void postResult(
      Credentials credentials, String commandId, boolean succeeded, String output)
      throws ApiException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", succeeded ? "succeeded" : "failed");
    body.put("output", output);
    String path =
        "/v1/agent/commands/" + URLEncoder.encode(commandId, StandardCharsets.UTF_8) + "/result";
    send(post(path, credentials, Json.write(body)));
  }

  private HttpRequest post(String path, Credentials credentials, String json) {
    return request(path, credentials)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest.Builder request(String path, Credentials credentials) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "application/json")
            .header("User-Agent", userAgent);
    if (credentials != null) {
      b.header("Authorization", "Bearer " + credentials.credential());
    }
    return b;
  }

  private String send(HttpRequest request) throws ApiException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ApiException(ApiException.Kind.RETRY, 0, "no answer: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiException.Kind.RETRY, 0, "interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      String body = response.body();
      return body == null || body.isBlank() ? "{}" : body;
    }
    throw new ApiException(
        ApiException.kindOf(status),
        status,
        request.method()
            + " "
            + request.uri().getPath()
            + " answered "
            + status
            + reason(response));
  }

  /** The problem+json title or detail, for the log; never the request, which may hold secrets. */
  private static String reason(HttpResponse<String> response) {
    try {
      Map<String, Object> problem = Json.parseObject(response.body());
      String detail = Json.string(problem, "detail");
      String title = Json.string(problem, "title");
      String text = detail != null ? detail : title;
      return text == null ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
  }
}
