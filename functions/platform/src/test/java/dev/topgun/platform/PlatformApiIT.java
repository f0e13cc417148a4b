package dev.topgun.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.topgun.emulators.CognitoEmulator;
import dev.topgun.emulators.SharedEmulators;
import dev.topgun.shared.lambda.FunctionHandler;
import dev.topgun.shared.store.TopgunTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The platform function against the real emulators, through its Lambda entry point (an API Gateway
 * proxy event into {@link ApiGatewayProxyRequestEventFunction}) and over HTTP, which must give the
 * same answers. The event bus is deliberately unreachable here, so health reports it down.
 */
class PlatformApiIT {

  /** The WebSocket API's own URL, as infra-cdk sets it in AWS. */
  private static final String REALTIME_URL = "wss://abc123.execute-api.us-east-1.amazonaws.com/dev";

  private static CognitoEmulator cognito;
  private static ApplicationContext lambdaContext;
  private static ApiGatewayProxyRequestEventFunction lambda;
  private static EmbeddedServer server;
  private static String userPoolId;
  private static String clientId;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    URI dynamoEndpoint = SharedEmulators.dynamoDb();
    String table = "platform-" + UUID.randomUUID();
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(dynamoEndpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      dynamo.createTable(TopgunTable.createTableRequest(table));
    }

    cognito = CognitoEmulator.start(0, Files.createTempDirectory("platform-cognito"));
    try (var idp =
        CognitoIdentityProviderClient.builder()
            .endpointOverride(cognito.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      userPoolId = idp.createUserPool(b -> b.poolName("platform-it")).userPool().id();
      clientId =
          idp.createUserPoolClient(b -> b.userPoolId(userPoolId).clientName("web"))
              .userPoolClient()
              .clientId();
    }

    Map<String, Object> properties = new HashMap<>();
    properties.put("topgun.table", table);
    properties.put("topgun.region", "us-east-1");
    properties.put("topgun.endpoints.dynamodb", dynamoEndpoint.toString());
    properties.put("topgun.endpoints.cognito", cognito.endpoint().toString());
    properties.put("topgun.endpoints.events", "http://127.0.0.1:" + closedPort());
    properties.put("topgun.cognito.user-pool-id", userPoolId);
    properties.put("topgun.cognito.client-id", clientId);
    properties.put("topgun.realtime.url", REALTIME_URL);
    properties.put("aws.accessKeyId", "local");
    properties.put("aws.secretAccessKey", "local");

    lambdaContext = ApplicationContext.run(properties);
    lambda = new ApiGatewayProxyRequestEventFunction(lambdaContext);
    server = ApplicationContext.run(EmbeddedServer.class, withPort(properties));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.getApplicationContext().close();
    }
    if (lambda != null) {
      lambda.close();
    }
    if (cognito != null) {
      cognito.close();
    }
  }

  @Test
  void health_reportsEachDependency_andIsUnavailableWhileOneIsDown() throws Exception {
    // when
    APIGatewayProxyResponseEvent response = lambda.handleRequest(fixture("health.json"), null);

    // then
    assertThat(response.getStatusCode()).isEqualTo(503);
    Map<String, Object> body = json(response.getBody());
    assertThat(body).containsEntry("status", "DOWN");
    Map<String, Map<String, Object>> checks = cast(body.get("checks"));
    assertThat(checks).containsOnlyKeys("table", "identity", "events");
    assertThat(checks.get("table")).containsEntry("status", "UP");
    assertThat(checks.get("identity")).containsEntry("status", "UP");
    assertThat(checks.get("events")).containsEntry("status", "DOWN");
    assertThat((String) checks.get("events").get("error")).isNotBlank();
  }

  @Test
  void healthCheckTask_answersTheDependencyCheck_asAStateMachineAsksForIt() throws Exception {
    // given: the function's one Lambda entry point, as a state machine's Lambda Task invokes it
    FunctionHandler handler = new FunctionHandler(lambdaContext);

    // when
    Map<String, Object> answer =
        task(handler, "{\"task\": \"health-check\", \"input\": {\"timeoutMs\": 2000}}");

    // then
    assertThat(answer).containsEntry("status", "DOWN");
    Map<String, Map<String, Object>> checks = cast(answer.get("checks"));
    assertThat(checks).containsOnlyKeys("table", "identity", "events");
    assertThat(checks.get("table")).containsEntry("status", "UP");
    assertThat(checks.get("events")).containsEntry("status", "DOWN");
    assertThatThrownBy(
            () -> task(handler, "{\"task\": \"health-check\", \"input\": {\"timeoutMs\": 0}}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeoutMs");
  }

  private static Map<String, Object> task(FunctionHandler handler, String payload)
      throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    handler.handleRequest(
        new java.io.ByteArrayInputStream(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        out,
        null);
    return json(out.toString(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void authConfig_isExactlyWhatASignInClientNeeds() throws Exception {
    // when
    APIGatewayProxyResponseEvent response =
        lambda.handleRequest(request("GET", "/v1/auth/config", null), null);

    // then
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response.getBody()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "region",
                "us-east-1",
                "userPoolId",
                userPoolId,
                "clientId",
                clientId,
                "endpoint",
                cognito.endpoint().toString(),
                "realtimeUrl",
                REALTIME_URL));
  }

  @Test
  void lambdaEntryPointAndHttpServer_giveTheSameAnswer() throws Exception {
    // when
    APIGatewayProxyResponseEvent viaLambda =
        lambda.handleRequest(request("GET", "/v1/auth/config", null), null);
    HttpResponse<String> viaHttp = get("/v1/auth/config");

    // then
    assertThat(viaHttp.statusCode()).isEqualTo(viaLambda.getStatusCode());
    assertThat(json(viaHttp.body())).isEqualTo(json(viaLambda.getBody()));
    assertThat(viaHttp.headers().firstValue("Content-Type").orElseThrow())
        .startsWith(contentType(viaLambda));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "GET, /v1/nothing-here, 404",
    "DELETE, /v1/health, 405",
    "POST, /v1/auth/config, 405",
    "GET, /v1/health?timeoutMs=soon, 400",
    "GET, /v1/health?timeoutMs=5, 400",
    "GET, /v1/health?timeoutMs=99999999999, 400",
  })
  void badRequests_answerProblemJson(String method, String path, int status) throws Exception {
    // given
    String malformed = "{\"name\": ";

    // when
    APIGatewayProxyResponseEvent response =
        lambda.handleRequest(request(method, path, method.equals("GET") ? null : malformed), null);

    // then
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(contentType(response)).isEqualTo("application/problem+json");
    Map<String, Object> problem = json(response.getBody());
    assertThat(problem).containsEntry("status", status).containsKeys("type", "title");
    if (path.contains("timeoutMs")) {
      List<Map<String, Object>> errors = cast(problem.get("errors"));
      assertThat(errors).extracting(e -> e.get("field")).contains("timeoutMs");
    }
  }

  @Test
  void badRequests_overHttp_answerTheSameProblem() throws Exception {
    // when
    HttpResponse<String> viaHttp = get("/v1/health?timeoutMs=soon");
    APIGatewayProxyResponseEvent viaLambda =
        lambda.handleRequest(request("GET", "/v1/health?timeoutMs=soon", null), null);

    // then
    assertThat(viaHttp.statusCode()).isEqualTo(400).isEqualTo(viaLambda.getStatusCode());
    assertThat(viaHttp.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    Map<String, Object> overHttp = json(viaHttp.body());
    Map<String, Object> overLambda = json(viaLambda.getBody());
    // Each request gets its own correlation id; everything else must be the same.
    assertThat(overHttp.remove("correlationId")).isNotNull();
    assertThat(overLambda.remove("correlationId")).isNotNull();
    assertThat(overHttp).isEqualTo(overLambda);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.getURI().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static APIGatewayProxyRequestEvent fixture(String name) throws IOException {
    try (InputStream in = PlatformApiIT.class.getResourceAsStream("/events/" + name)) {
      return LambdaEventSerializers.serializerFor(
              APIGatewayProxyRequestEvent.class, PlatformApiIT.class.getClassLoader())
          .fromJson(in);
    }
  }

  private static APIGatewayProxyRequestEvent request(
      String method, String pathAndQuery, String body) throws IOException {
    APIGatewayProxyRequestEvent event = fixture("health.json");
    URI uri = URI.create(pathAndQuery);
    event.setHttpMethod(method);
    event.setPath(uri.getPath());
    event.setResource(uri.getPath());
    Map<String, String> query = new HashMap<>();
    Map<String, List<String>> multiQuery = new HashMap<>();
    if (uri.getQuery() != null) {
      for (String pair : uri.getQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv.length > 1 ? kv[1] : "");
        multiQuery.put(kv[0], List.of(kv.length > 1 ? kv[1] : ""));
      }
    }
    event.setQueryStringParameters(query.isEmpty() ? null : query);
    event.setMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery);
    if (body != null) {
      event.setBody(body);
      Map<String, String> headers = new HashMap<>(event.getHeaders());
      headers.put("Content-Type", "application/json");
      event.setHeaders(headers);
      Map<String, List<String>> multiHeaders = new HashMap<>(event.getMultiValueHeaders());
      multiHeaders.put("Content-Type", List.of("application/json"));
      event.setMultiValueHeaders(multiHeaders);
    }
    return event;
  }

  private static String contentType(APIGatewayProxyResponseEvent response) {
    String value = null;
    if (response.getHeaders() != null) {
      value =
          response.getHeaders().entrySet().stream()
              .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
    }
    if (value == null && response.getMultiValueHeaders() != null) {
      value =
          response.getMultiValueHeaders().entrySet().stream()
              .filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
              .map(e -> e.getValue().get(0))
              .findFirst()
              .orElse(null);
    }
    assertThat(value).as("Content-Type of the response").isNotNull();
    return value.split(";")[0].trim();
  }

  private static Map<String, Object> json(String body) throws IOException {
    return cast(lambdaContext.getBean(JsonMapper.class).readValue(body, Map.class));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  private static Map<String, Object> withPort(Map<String, Object> properties) {
    Map<String, Object> copy = new HashMap<>(properties);
    copy.put("micronaut.server.port", -1);
    return copy;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
