package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import dev.topgun.shared.routes.EventRules;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The local platform over real HTTP and the AWS SDK: the API through the route table, the Lambda
 * Invoke API, EventBridge with the declared rules' matcher, and the seeded user pool.
 */
class LocalRuntimeIT {

  static final String PROBE = "probe";
  static final Duration DELIVERY = Duration.ofSeconds(10);

  @TempDir static Path data;

  static RecordingInvoker recorder;
  static LocalRuntime runtime;
  static HttpClient http;
  static LambdaClient lambda;
  static EventBridgeClient events;

  @BeforeAll
  static void start() {
    EventRules rules =
        EventRules.of(
            List.of(
                new EventRules.Rule(
                    "test-things-to-probe",
                    Map.of(
                        "source", List.of("topgun.test"), "detail-type", List.of("ThingHappened")),
                    List.of(PROBE))));
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withRules(rules)
                .withInvoker(
                    functions -> recorder = new RecordingInvoker(functions, Set.of(PROBE))));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    lambda = SdkClients.of(LambdaClient.builder(), runtime.endpoint());
    events = SdkClients.of(EventBridgeClient.builder(), runtime.endpoint());
  }

  @AfterAll
  static void stop() {
    if (lambda != null) {
      lambda.close();
      events.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void health_throughTheRouteTable_isUpForTableIdentityAndEvents() throws Exception {
    // when
    HttpResponse<String> response = get("/v1/health");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(health.path("status").asText()).isEqualTo("UP");
    List<String> checks = new ArrayList<>();
    health.path("checks").fieldNames().forEachRemaining(checks::add);
    assertThat(checks).contains("table", "identity", "events");
    health
        .path("checks")
        .forEach(check -> assertThat(check.path("status").asText()).isEqualTo("UP"));
  }

  @Test
  void authConfig_namesExactlyTheRuntimesUserPoolAndEndpoint() throws Exception {
    // when
    HttpResponse<String> response = get("/v1/auth/config");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode config = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    List<String> fields = new ArrayList<>();
    config.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder("region", "userPoolId", "clientId", "endpoint", "realtimeUrl");
    assertThat(config.path("region").asText()).isEqualTo("us-east-1");
    assertThat(config.path("userPoolId").asText()).isEqualTo(runtime.userPoolId());
    assertThat(config.path("clientId").asText()).isEqualTo(runtime.clientId());
    // the browser's way to the pool: the runtime's own origin, which forwards to cognito-local
    assertThat(config.path("endpoint").asText()).isEqualTo("/");
    assertThat(config.path("realtimeUrl").isNull()).isTrue();
    HttpResponse<String> signIn =
        http.send(
            HttpRequest.newBuilder(runtime.endpoint().resolve(config.path("endpoint").asText()))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\""
                            + runtime.clientId()
                            + "\",\"AuthParameters\":{\"USERNAME\":\""
                            + runtime.operatorEmail()
                            + "\",\"PASSWORD\":\"not-the-password\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signIn.statusCode()).isEqualTo(400);
    assertThat(signIn.body()).contains("InvalidPasswordException"); // cognito-local's word for it
  }

  @Test
  void unknownPath_isAProblem404NamingThePath() throws Exception {
    // when
    HttpResponse<String> response = get("/v1/no-such-thing");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("type").asText()).isEqualTo("https://topgun.dev/problems/not-found");
    assertThat(problem.path("title").asText()).isEqualTo("Not Found");
    assertThat(problem.path("type").isTextual()).isTrue();
    assertThat(problem.path("detail").asText()).contains("/v1/no-such-thing");
  }

  @Test
  void knownPathWithAnotherMethod_isAProblem405WithAllow() throws Exception {
    // when
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/v1/health"))
                .DELETE()
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(problem.path("status").asInt()).isEqualTo(405);
    assertThat(problem.path("type").asText())
        .isEqualTo("https://topgun.dev/problems/method-not-allowed");
    assertThat(problem.path("detail").asText()).contains("DELETE", "/v1/health");
  }

  @Test
  void lambdaInvoke_withAnApiGatewayEvent_answersHealthLikeTheApi() throws Exception {
    // given
    SdkBytes event = fixture("events/api-gateway-get-health.json");

    // when
    InvokeResponse response =
        lambda.invoke(request -> request.functionName("platform").payload(event));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isNull();
    JsonNode proxy = Json.parse(response.payload().asByteArray());
    assertThat(proxy.path("statusCode").asInt()).isEqualTo(200);
    JsonNode health = Json.parse(proxy.path("body").asText().getBytes(StandardCharsets.UTF_8));
    assertThat(health.path("status").asText()).isEqualTo("UP");
    health
        .path("checks")
        .forEach(check -> assertThat(check.path("status").asText()).isEqualTo("UP"));
  }

  @Test
  void lambdaInvoke_whenTheHandlerThrows_isAnUnhandledFunctionError() throws Exception {
    // given: JSON that cannot become an API Gateway event
    SdkBytes notAnEvent = SdkBytes.fromUtf8String("[1, 2, 3]");

    // when
    InvokeResponse response =
        lambda.invoke(request -> request.functionName("platform").payload(notAnEvent));

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = Json.parse(response.payload().asByteArray());
    assertThat(error.path("errorType").asText()).isNotBlank();
    assertThat(error.path("errorMessage").isTextual()).isTrue();
  }

  @Test
  void lambdaInvoke_ofAnUnknownFunction_isResourceNotFound() {
    // when / then
    assertThatThrownBy(
            () ->
                lambda.invoke(
                    request -> request.functionName("no-such-function").payload(json("{}"))))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("no-such-function");
  }

  @Test
  void lambdaInvoke_asAnEvent_answers202AndRunsTheFunctionLater() throws Exception {
    // given
    String marker = "{\"marker\":\"" + UUID.randomUUID() + "\"}";

    // when
    InvokeResponse response =
        lambda.invoke(
            request ->
                request
                    .functionName("arn:aws:lambda:us-east-1:000000000000:function:" + PROBE)
                    .invocationType(InvocationType.EVENT)
                    .payload(json(marker)));

    // then
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(
            recorder.await(
                call -> call.function().equals(PROBE) && call.payload().equals(marker), DELIVERY))
        .isPresent();
  }

  @Test
  void putEvents_deliversAMatchingEventOnceToTheRuleTarget_andANonMatchingOneNever()
      throws Exception {
    // given
    PutEventsRequestEntry matching = entry("topgun.test", "ThingHappened", "{\"thing\":\"one\"}");
    PutEventsRequestEntry otherType = entry("topgun.test", "OtherThing", "{\"thing\":\"two\"}");
    PutEventsRequestEntry sentinel = entry("topgun.test", "ThingHappened", "{\"thing\":\"last\"}");

    // when
    String matchingId = putOne(matching);
    String otherId = putOne(otherType);
    String sentinelId = putOne(sentinel);

    // then: matching is synchronous, so once the later sentinel is delivered nothing else is due
    assertThat(recorder.await(call -> call.payload().contains(sentinelId), DELIVERY)).isPresent();
    assertThat(recorder.await(call -> call.payload().contains(matchingId), DELIVERY)).isPresent();
    assertThat(recorder.calls(call -> call.payload().contains(matchingId))).hasSize(1);
    assertThat(recorder.calls(call -> call.payload().contains(otherId))).isEmpty();

    RecordingInvoker.Call delivered = recorder.calls(c -> c.payload().contains(matchingId)).get(0);
    assertThat(delivered.function()).isEqualTo(PROBE);
    JsonNode event = Json.parse(delivered.payload().getBytes(StandardCharsets.UTF_8));
    assertThat(event.path("version").asText()).isEqualTo("0");
    assertThat(event.path("id").asText()).isEqualTo(matchingId);
    assertThat(event.path("source").asText()).isEqualTo("topgun.test");
    assertThat(event.path("detail-type").asText()).isEqualTo("ThingHappened");
    assertThat(event.path("account").asText()).isEqualTo(LocalRuntime.ACCOUNT);
    assertThat(event.path("region").asText()).isEqualTo("us-east-1");
    assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(event.path("resources").isArray()).isTrue();
    assertThat(event.path("detail").path("thing").asText()).isEqualTo("one");
  }

  @Test
  void putEvents_reportsEachBadEntryAsFailed_andAcceptsTheGoodOnes() {
    // given
    PutEventsRequestEntry good = entry("topgun.test", "OtherThing", "{}");
    PutEventsRequestEntry detailNotAnObject = entry("topgun.test", "OtherThing", "[1]");
    PutEventsRequestEntry noSource =
        PutEventsRequestEntry.builder()
            .eventBusName("topgun")
            .detailType("OtherThing")
            .detail("{}")
            .build();

    // when
    PutEventsResponse response =
        events.putEvents(request -> request.entries(good, detailNotAnObject, noSource));

    // then
    assertThat(response.failedEntryCount()).isEqualTo(2);
    assertThat(response.entries().get(0).eventId()).isNotBlank();
    assertThat(response.entries().get(0).errorCode()).isNull();
    assertThat(response.entries().get(1).errorCode()).isEqualTo("MalformedDetail");
    assertThat(response.entries().get(1).eventId()).isNull();
    assertThat(response.entries().get(2).errorCode()).isEqualTo("InvalidArgument");
    assertThat(response.entries().get(2).errorMessage()).contains("Source");
  }

  @Test
  void putEvents_withMoreThanTenEntries_isAValidationError() {
    // given
    List<PutEventsRequestEntry> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(entry("topgun.test", "OtherThing", "{}"));
    }

    // when / then
    assertThatThrownBy(() -> events.putEvents(request -> request.entries(eleven)))
        .isInstanceOfSatisfying(
            EventBridgeException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            });
  }

  @Test
  void describeEventBus_ofTheConfiguredBus_answersItsArn() {
    // when
    var bus = events.describeEventBus(request -> request.name("topgun"));

    // then
    assertThat(bus.arn()).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/topgun");
  }

  @Test
  void operator_signsInWithThePrintedPassword_andGetsAnRs256IdToken() throws Exception {
    // given
    try (CognitoIdentityProviderClient cognito =
        SdkClients.of(CognitoIdentityProviderClient.builder(), runtime.cognitoEndpoint())) {

      // when
      InitiateAuthResponse auth =
          cognito.initiateAuth(
              request ->
                  request
                      .clientId(runtime.clientId())
                      .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                      .authParameters(
                          Map.of(
                              "USERNAME", runtime.operatorEmail(),
                              "PASSWORD", runtime.operatorPassword())));

      // then
      String idToken = auth.authenticationResult().idToken();
      JsonNode header = jwtPart(idToken, 0);
      JsonNode claims = jwtPart(idToken, 1);
      assertThat(header.path("alg").asText()).isEqualTo("RS256");
      assertThat(claims.path("email").asText()).isEqualTo(LocalConfig.DEFAULT_OPERATOR_EMAIL);
      assertThat(claims.path("email_verified").asText()).isEqualTo("true");
      // As in AWS, the issuer is the endpoint clients are given plus the pool id.
      assertThat(claims.path("iss").asText())
          .isEqualTo(runtime.cognitoEndpoint() + "/" + runtime.userPoolId())
          .startsWith("http://localhost:");
      assertThat(auth.authenticationResult().refreshToken()).isNotBlank();
    }
  }

  @Test
  void mailInbox_answersItsRestApi_andIsNamedInTheBannerAndTheFunctionsProperties()
      throws Exception {
    // when: HTTP/1.1, as maildev drops a connection that asks to upgrade to h2c
    HttpResponse<String> inbox =
        http.send(
            HttpRequest.newBuilder(runtime.mailWebEndpoint().resolve("/api/email"))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(inbox.statusCode()).isEqualTo(200);
    assertThat(Json.parse(inbox.body().getBytes(StandardCharsets.UTF_8)).isArray()).isTrue();
    assertThat(runtime.mailWebEndpoint().getPort()).isNotEqualTo(LocalConfig.DEFAULT_MAIL_WEB_PORT);
    assertThat(runtime.banner(Duration.ZERO))
        .contains("Mail inbox    " + runtime.mailWebEndpoint());
    assertThat(runtime.systemProperties())
        .containsEntry("topgun.mail.smtp-host", "127.0.0.1")
        .containsEntry("topgun.mail.smtp-port", Integer.toString(runtime.smtpEndpoint().getPort()));
    assertThat(runtime.dataDir().resolve("mail").resolve("messages")).isDirectory();
  }

  @Test
  void generatedOperatorPassword_meetsThePoolPolicy() {
    // when / then
    OperatorPassword.check(runtime.operatorPassword());
  }

  private static JsonNode jwtPart(String jwt, int index) throws IOException {
    return Json.parse(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
  }

  private static PutEventsRequestEntry entry(String source, String detailType, String detail) {
    return PutEventsRequestEntry.builder()
        .eventBusName("topgun")
        .source(source)
        .detailType(detailType)
        .detail(detail)
        .build();
  }

  @Test
  void signedInOperator_ownsTheRootOrganization_endToEnd() throws Exception {
    // given: the operator's real id token
    String idToken;
    try (CognitoIdentityProviderClient cognito =
        SdkClients.of(CognitoIdentityProviderClient.builder(), runtime.cognitoEndpoint())) {
      idToken =
          cognito
              .initiateAuth(
                  request ->
                      request
                          .clientId(runtime.clientId())
                          .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                          .authParameters(
                              Map.of(
                                  "USERNAME", runtime.operatorEmail(),
                                  "PASSWORD", runtime.operatorPassword())))
              .authenticationResult()
              .idToken();
    }

    // when: through the authorizer into the organizations function
    HttpResponse<String> mine =
        http.send(
            HttpRequest.newBuilder(uri("/v1/me/organizations"))
                .header("Authorization", "Bearer " + idToken)
                .GET()
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> root =
        http.send(
            HttpRequest.newBuilder(uri("/v1/organizations/" + runtime.rootOrganizationId()))
                .header("Authorization", "Bearer " + idToken)
                .GET()
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(mine.statusCode()).as(mine.body()).isEqualTo(200);
    JsonNode items = Json.MAPPER.readTree(mine.body()).path("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).toString())
        .contains(runtime.rootOrganizationId())
        .contains("\"owner\"")
        .contains("top_branch");
    assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(root.body()).path("slug").asText()).isEqualTo("operator");
  }

  private static String putOne(PutEventsRequestEntry entry) {
    PutEventsResponse response = events.putEvents(request -> request.entries(entry));
    assertThat(response.failedEntryCount()).isZero();
    return response.entries().get(0).eventId();
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return runtime.endpoint().resolve(path);
  }

  private static SdkBytes json(String text) {
    return SdkBytes.fromUtf8String(text);
  }

  private static SdkBytes fixture(String resource) throws IOException {
    try (InputStream in = LocalRuntimeIT.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return SdkBytes.fromByteArray(in.readAllBytes());
    }
  }
}
