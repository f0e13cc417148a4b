package dev.topgun.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.RouteTable;
import dev.topgun.shared.tenancy.InvalidTokenException;
import dev.topgun.shared.tenancy.KeySourceUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API Gateway (REST API, Lambda proxy integration, payload 1.0) in front of the functions: the
 * route table picks the function, the request becomes an {@code APIGatewayProxyRequestEvent}, and
 * the function's proxy response becomes the HTTP answer.
 */
final class ApiGatewayProxy {

  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayProxy.class);
  static final String STAGE = "local";
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  static final String UNAUTHORIZED = "https://topgun.dev/problems/unauthorized";
  static final String UNAVAILABLE = "https://topgun.dev/problems/authorizer-unavailable";

  private final RouteTable routes;
  private final RouteThrottles throttles;
  private final CognitoAuthorizer authorizer;
  private final Invoker invoker;
  private final String account;

  ApiGatewayProxy(
      RouteTable routes,
      CognitoAuthorizer authorizer,
      Invoker invoker,
      String account,
      InstantSource throttleTime) {
    this.routes = routes;
    this.throttles = new RouteThrottles(throttleTime);
    this.authorizer = authorizer;
    this.invoker = invoker;
    this.account = account;
  }

  void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    var match = routes.match(method, path);
    if (match.isEmpty()) {
      Set<String> allowed = routes.allowedMethods(path);
      if (allowed.isEmpty()) {
        Responses.problem(
            exchange, 404, "Not Found", "No route matches the path " + path + ".", Map.of());
      } else {
        Responses.problem(
            exchange,
            405,
            "Method Not Allowed",
            method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed),
            Map.of("Allow", List.of(String.join(", ", allowed))));
      }
      return;
    }
    RouteTable.Match matched = match.get();
    if (!throttles.tryPass(matched.route())) {
      // API Gateway's own answer to a throttled method, as problem+json like every other refusal.
      Responses.problem(
          exchange,
          429,
          "Too Many Requests",
          method + " " + matched.route().path() + " is rate-limited; retry in a second.",
          Map.of("Retry-After", List.of("1")));
      return;
    }
    String requestId = UUID.randomUUID().toString();
    Map<String, String> claims = Map.of();
    if (!matched.route().isPublic()) {
      Optional<Map<String, String>> authorized = authorize(exchange, requestId);
      if (authorized.isEmpty()) {
        return;
      }
      claims = authorized.get();
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    ObjectNode event = event(exchange, matched, method, path, body, requestId, claims);
    String function = matched.route().function();
    Invocation result = invoker.invoke(function, Json.bytes(event));
    Map<String, List<String>> gatewayHeaders = Map.of("x-amzn-RequestId", List.of(requestId));
    if (result.failed()) {
      LOG.warn("{} {} -> {} failed: {}", method, path, function, result.payloadText());
      Responses.problem(
          exchange,
          502,
          "Bad Gateway",
          "The " + function + " function failed: " + errorSummary(result),
          gatewayHeaders);
      return;
    }
    writeProxyResponse(exchange, function, result, gatewayHeaders);
  }

  /**
   * Runs the authorizer before the function, as API Gateway does: the claims of a valid token, or
   * empty when the refusal has been answered.
   */
  private Optional<Map<String, String>> authorize(HttpExchange exchange, String requestId)
      throws IOException {
    try {
      return Optional.of(
          authorizer.authorize(exchange.getRequestHeaders().getFirst("Authorization")));
    } catch (InvalidTokenException e) {
      boolean missing = InvalidTokenException.MISSING.equals(e.reason());
      Map<String, List<String>> headers = new LinkedHashMap<>();
      headers.put("x-amzn-RequestId", List.of(requestId));
      headers.put("x-amzn-ErrorType", List.of("UnauthorizedException"));
      // RFC 6750: a bare challenge when no token came, the error code when one was refused.
      headers.put(
          "WWW-Authenticate", List.of(missing ? "Bearer" : "Bearer error=\"invalid_token\""));
      Responses.problem(
          exchange,
          UNAUTHORIZED,
          401,
          "Unauthorized",
          missing
              ? "This route needs a Cognito user token: Authorization: Bearer <token>."
              : "The bearer token was refused (" + e.reason() + "): " + e.getMessage() + ".",
          Map.of("reason", e.reason()),
          headers);
      return Optional.empty();
    } catch (KeySourceUnavailableException e) {
      LOG.warn("the user pool's keys cannot be fetched: {}", e.toString());
      Responses.problem(
          exchange,
          UNAVAILABLE,
          503,
          "Service Unavailable",
          "The user pool's signing keys cannot be fetched, so the token cannot be checked; retry.",
          Map.of(),
          Map.of("x-amzn-RequestId", List.of(requestId), "Retry-After", List.of("1")));
      return Optional.empty();
    }
  }

  private ObjectNode event(
      HttpExchange exchange,
      RouteTable.Match matched,
      String method,
      String path,
      byte[] body,
      String requestId,
      Map<String, String> claims) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("resource", matched.route().path());
    event.put("path", path);
    event.put("httpMethod", method);

    ObjectNode headers = event.putObject("headers");
    ObjectNode multiValueHeaders = event.putObject("multiValueHeaders");
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              headers.put(name, values.get(values.size() - 1));
              ArrayNode all = multiValueHeaders.putArray(name);
              values.forEach(all::add);
            });

    Map<String, List<String>> query = query(exchange.getRequestURI().getRawQuery());
    if (query.isEmpty()) {
      event.putNull("queryStringParameters");
      event.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode single = event.putObject("queryStringParameters");
      ObjectNode multi = event.putObject("multiValueQueryStringParameters");
      query.forEach(
          (name, values) -> {
            single.put(name, values.get(values.size() - 1));
            ArrayNode all = multi.putArray(name);
            values.forEach(all::add);
          });
    }

    if (matched.pathParameters().isEmpty()) {
      event.putNull("pathParameters");
    } else {
      ObjectNode parameters = event.putObject("pathParameters");
      matched.pathParameters().forEach((name, value) -> parameters.put(name, decode(value)));
    }
    event.putNull("stageVariables");

    Instant now = Instant.now();
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", account);
    context.put("apiId", "local");
    context.put("resourceId", "local");
    context.put("stage", STAGE);
    context.put("requestId", requestId);
    context.put("extendedRequestId", requestId);
    context.put("requestTime", REQUEST_TIME.format(now));
    context.put("requestTimeEpoch", now.toEpochMilli());
    context.put("resourcePath", matched.route().path());
    context.put("httpMethod", method);
    context.put("path", path);
    context.put("protocol", exchange.getProtocol());
    context.put("domainName", exchange.getRequestHeaders().getFirst("Host"));
    ObjectNode identity = context.putObject("identity");
    identity.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
    identity.put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
    if (!claims.isEmpty()) {
      ObjectNode authorizerClaims = context.putObject("authorizer").putObject("claims");
      claims.forEach(authorizerClaims::put);
    }

    if (body.length == 0) {
      event.putNull("body");
      event.put("isBase64Encoded", false);
    } else if (isText(exchange.getRequestHeaders().getFirst("Content-Type"))) {
      event.put("body", new String(body, StandardCharsets.UTF_8));
      event.put("isBase64Encoded", false);
    } else {
      event.put("body", Base64.getEncoder().encodeToString(body));
      event.put("isBase64Encoded", true);
    }
    return event;
  }

  private static void writeProxyResponse(
      HttpExchange exchange,
      String function,
      Invocation result,
      Map<String, List<String>> gatewayHeaders)
      throws IOException {
    JsonNode response;
    try {
      response = Json.parse(result.payload());
    } catch (IOException e) {
      response = null;
    }
    if (response == null || !response.path("statusCode").canConvertToInt()) {
      LOG.warn("{} returned a malformed proxy response: {}", function, result.payloadText());
      Responses.problem(
          exchange,
          502,
          "Bad Gateway",
          "The " + function + " function returned a malformed Lambda proxy response.",
          gatewayHeaders);
      return;
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(gatewayHeaders);
    response
        .path("multiValueHeaders")
        .properties()
        .forEach(
            field -> {
              List<String> values = new ArrayList<>();
              field.getValue().forEach(value -> values.add(value.asText()));
              headers.put(field.getKey(), values);
            });
    // As API Gateway merges them: a single-value header adds to the multi-value list.
    response
        .path("headers")
        .properties()
        .forEach(
            field -> {
              List<String> values =
                  headers.computeIfAbsent(field.getKey(), name -> new ArrayList<>());
              String value = field.getValue().asText();
              if (!values.contains(value)) {
                values.add(value);
              }
            });
    JsonNode body = response.path("body");
    byte[] bytes;
    if (body.isNull() || body.isMissingNode()) {
      bytes = new byte[0];
    } else if (response.path("isBase64Encoded").asBoolean(false)) {
      bytes = Base64.getDecoder().decode(body.asText());
    } else {
      bytes = body.asText().getBytes(StandardCharsets.UTF_8);
    }
    Responses.send(exchange, response.get("statusCode").asInt(), null, bytes, headers);
  }

  private static String errorSummary(Invocation result) {
    try {
      JsonNode error = Json.parse(result.payload());
      return error.path("errorType").asText() + ": " + error.path("errorMessage").asText();
    } catch (IOException e) {
      return result.payloadText();
    }
  }

  /** Bodies API Gateway passes as text; any other media type arrives base64-encoded. */
  static boolean isText(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (type.startsWith("text/")) {
      return true;
    }
    int slash = type.indexOf('/');
    String subtype = slash < 0 ? type : type.substring(slash + 1);
    return subtype.equals("json")
        || subtype.endsWith("+json")
        || subtype.equals("xml")
        || subtype.endsWith("+xml")
        || subtype.equals("javascript")
        || subtype.equals("x-www-form-urlencoded")
        || subtype.equals("yaml")
        || subtype.equals("x-yaml")
        || subtype.equals("graphql");
  }

  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
