package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.topgun.shared.tenancy.RootOrganization;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The organizations function behind its Lambda entry point, for ITs: API Gateway proxy events with
 * Cognito authorizer claims, the root organization seeded by {@link RootOrganization} (the code the
 * local runtime and the AWS setup run) with {@link #OPERATOR} as its owner, and helpers that build
 * a tree through the API itself.
 */
final class Api implements AutoCloseable {

  static final User OPERATOR = new User("operator-sub", "operator@example.test", true);

  final ApplicationContext context;
  final String root;
  private final ApiGatewayProxyRequestEventFunction lambda;
  private final JsonMapper json;

  /** A signed-in user as API Gateway's authorizer presents them. */
  record User(String sub, String email, boolean verified) {
    static User named(String name) {
      return new User(name + "-sub", name + "@example.test", true);
    }
  }

  /** A response: status and the parsed JSON body (null when empty). */
  record Response(int status, Map<String, Object> body, String raw, Map<String, String> headers) {

    String id() {
      return (String) body.get("id");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) body.get("items");
    }

    List<String> ids() {
      return items().stream().map(i -> (String) i.get("id")).toList();
    }
  }

  Api(LocalTable table, Map<String, Object> extraProperties) {
    Map<String, Object> properties = new HashMap<>(table.properties());
    properties.put("test.events.recording", "true");
    properties.putAll(extraProperties);
    context = ApplicationContext.run(properties);
    lambda = new ApiGatewayProxyRequestEventFunction(context);
    json = context.getBean(JsonMapper.class);
    root = RootOrganization.ensure(table.client(), table.name(), OPERATOR.sub(), OPERATOR.email());
  }

  /** Calls the function as {@code user} (null: no authorizer claims). */
  Response call(User user, String method, String pathAndQuery, String body) {
    return call(user, method, pathAndQuery, body, Map.of());
  }

  Response call(
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
        raw == null || raw.isBlank() ? null : parse(raw),
        raw,
        responseHeaders);
  }

  /** Creates an organization through the API; asserts 201. */
  String create(User as, String parentId, String slug, String type) {
    Response created =
        call(
            as,
            "POST",
            "/v1/organizations/" + parentId + "/children",
            "{\"name\":\"Org "
                + slug
                + "\",\"slug\":\""
                + slug
                + "\",\"hierarchyType\":\""
                + type
                + "\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    return created.id();
  }

  /** Makes {@code user} a member through the API (their first call creates their profile). */
  void addMember(User as, String orgId, User user, String role) {
    assertThat(call(user, "GET", "/v1/me", null).status()).isEqualTo(200);
    Response added =
        call(
            as,
            "POST",
            "/v1/organizations/" + orgId + "/members",
            "{\"userId\":\"" + user.sub() + "\",\"role\":\"" + role + "\"}");
    assertThat(added.status()).as(added.raw()).isEqualTo(201);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> parse(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static APIGatewayProxyRequestEvent event(
      String method, String pathAndQuery, String body, Map<String, String> extraHeaders) {
    APIGatewayProxyRequestEvent event;
    try (InputStream in = Api.class.getResourceAsStream("/events/request.json")) {
      event =
          LambdaEventSerializers.serializerFor(
                  APIGatewayProxyRequestEvent.class, Api.class.getClassLoader())
              .fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String path = pathAndQuery;
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
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    Map<String, List<String>> multiHeaders = new HashMap<>(event.getMultiValueHeaders());
    Map<String, String> all = new HashMap<>(extraHeaders);
    if (body != null) {
      event.setBody(body);
      all.put("Content-Type", "application/json");
    }
    all.forEach(
        (k, v) -> {
          headers.put(k, v);
          multiHeaders.put(k, List.of(v));
        });
    event.setHeaders(headers);
    event.setMultiValueHeaders(multiHeaders);
    return event;
  }

  @Override
  public void close() {
    lambda.close();
  }
}
