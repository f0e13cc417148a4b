package dev.topgun.shared.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A function behind its Lambda entry point, for ITs: API Gateway REST proxy events (payload 1.0)
 * shaped as API Gateway sends them, with the Cognito authorizer's claims when a user calls.
 */
public class LambdaApi implements AutoCloseable {

  public final ApplicationContext context;
  private final ApiGatewayProxyRequestEventFunction lambda;
  private final JsonMapper json;

  /** A signed-in user as API Gateway's authorizer presents them. */
  public record User(String sub, String email, boolean verified) {
    public static User named(String name) {
      return new User(name + "-sub", name + "@example.test", true);
    }
  }

  /** A response: status, the parsed JSON body (null when empty), raw body, lower-case headers. */
  public record Response(
      int status, Map<String, Object> body, String raw, Map<String, String> headers) {

    public String id() {
      return (String) body.get("id");
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) body.get("items");
    }

    public List<String> ids() {
      return items().stream().map(i -> (String) i.get("id")).toList();
    }
  }

  /** Starts the function's application context with {@code properties}. */
  public LambdaApi(Map<String, Object> properties) {
    context = ApplicationContext.run(properties);
    lambda = new ApiGatewayProxyRequestEventFunction(context);
    json = context.getBean(JsonMapper.class);
  }

  /** Calls the function as {@code user} (null: no authorizer claims). */
  public Response call(User user, String method, String pathAndQuery, String body) {
    return call(user, method, pathAndQuery, body, Map.of());
  }

  public Response call(
      User user, String method, String pathAndQuery, String body, Map<String, String> headers) {
    APIGatewayProxyRequestEvent event = event(method, pathAndQuery, body, headers);
    if (user != null) {
      Map<String, Object> claims = new HashMap<>();
      claims.put("sub", user.sub());
      claims.put("email", user.email());
      claims.put("email_verified", String.valueOf(user.verified()));
      event.getRequestContext().setAuthorizer(new HashMap<>(Map.of("claims", claims)));
    }
    APIGatewayProxyResponseEvent response = lambda.handleRequest(event, null);
    Map<String, String> responseHeaders = new HashMap<>();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, v) -> responseHeaders.put(k.toLowerCase(), v));
    }
    if (response.getMultiValueHeaders() != null) {
      response
          .getMultiValueHeaders()
          .forEach((k, v) -> responseHeaders.putIfAbsent(k.toLowerCase(), v.get(0)));
    }
    String raw = response.getBody();
    return new Response(
        response.getStatusCode(),
        raw == null || raw.isBlank() || !raw.strip().startsWith("{") ? null : parse(raw),
        raw,
        responseHeaders);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> parse(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static APIGatewayProxyRequestEvent event(
      String method, String pathAndQuery, String body, Map<String, String> extraHeaders) {
    String path = pathAndQuery;
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
    if (pathAndQuery.contains("?")) {
      path = pathAndQuery.substring(0, pathAndQuery.indexOf('?'));
      Map<String, String> query = new HashMap<>();
      Map<String, List<String>> multi = new HashMap<>();
      for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv.length > 1 ? kv[1] : "");
        multi.put(kv[0], List.of(kv.length > 1 ? kv[1] : ""));
      }
      event.setQueryStringParameters(query);
      event.setMultiValueQueryStringParameters(multi);
    }
    event.setHttpMethod(method);
    event.setPath(path);
    event.setResource(path);
    event.setIsBase64Encoded(false);
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/json, application/problem+json, application/jose");
    headers.put("Host", "api.topgun.example");
    headers.put("X-Forwarded-For", "203.0.113.7");
    headers.put("X-Forwarded-Proto", "https");
    if (body != null) {
      event.setBody(body);
      headers.put("Content-Type", "application/json");
    }
    headers.putAll(extraHeaders);
    Map<String, List<String>> multiHeaders = new HashMap<>();
    headers.forEach((k, v) -> multiHeaders.put(k, List.of(v)));
    event.setHeaders(headers);
    event.setMultiValueHeaders(multiHeaders);
    APIGatewayProxyRequestEvent.ProxyRequestContext context =
        new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setRequestId(UUID.randomUUID().toString());
    context.setStage("prod");
    context.setHttpMethod(method);
    context.setResourcePath(path);
    context.setPath("/prod" + path);
    context.setAccountId("123456789012");
    context.setApiId("1234567890");
    context.setProtocol("HTTP/1.1");
    APIGatewayProxyRequestEvent.RequestIdentity identity =
        new APIGatewayProxyRequestEvent.RequestIdentity();
    identity.setSourceIp("203.0.113.7");
    identity.setUserAgent("topgun-tests");
    context.setIdentity(identity);
    event.setRequestContext(context);
    return event;
  }

  @Override
  public void close() {
    lambda.close();
  }
}
