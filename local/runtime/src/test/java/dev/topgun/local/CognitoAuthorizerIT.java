package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import dev.topgun.shared.routes.EventRules;
import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.RouteTable;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/**
 * The Cognito authorizer in front of {@code auth: user} routes, with real cognito-local tokens: a
 * token of the runtime's pool reaches the function with its claims; anything else is a 401 problem
 * and the function is never invoked.
 */
class CognitoAuthorizerIT {

  /** A user route: the platform function's health check, declared {@code auth: user} here. */
  static final String USER_PATH = "/v1/health";

  @TempDir static Path data;

  static RecordingInvoker recorder;
  static LocalRuntime runtime;
  static HttpClient http;
  static CognitoIdentityProviderClient cognito;
  static AuthenticationResultType operatorTokens;

  @BeforeAll
  static void start() {
    RouteTable routes =
        RouteTable.of(
            List.of(
                new Route("GET", USER_PATH, "platform", "user"),
                new Route("GET", "/v1/auth/config", "platform", "public")));
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withRoutes(routes)
                .withRules(EventRules.of(List.of()))
                .withInvoker(functions -> recorder = new RecordingInvoker(functions, Set.of())));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    cognito = SdkClients.of(CognitoIdentityProviderClient.builder(), runtime.cognitoEndpoint());
    operatorTokens =
        signIn(runtime.clientId(), runtime.operatorEmail(), runtime.operatorPassword());
  }

  @AfterAll
  static void stop() {
    if (cognito != null) {
      cognito.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void operatorsIdToken_reachesTheFunction_withItsClaimsAsStrings() throws Exception {
    // given
    String idToken = operatorTokens.idToken();
    JsonNode tokenClaims = jwtPart(idToken, 1);

    // when
    HttpResponse<String> response = get(USER_PATH, "Bearer " + idToken);

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode claims =
        invocationFor(response).path("requestContext").path("authorizer").path("claims");
    assertThat(claims.path("sub").asText())
        .isEqualTo(tokenClaims.path("sub").asText())
        .isNotBlank();
    assertThat(claims.path("email").asText()).isEqualTo(LocalConfig.DEFAULT_OPERATOR_EMAIL);
    assertThat(claims.path("email_verified").asText()).isEqualTo("true");
    assertThat(claims.path("token_use").asText()).isEqualTo("id");
    assertThat(claims.path("aud").asText()).isEqualTo(runtime.clientId());
    assertThat(claims.path("iss").asText())
        .isEqualTo(runtime.cognitoEndpoint() + "/" + runtime.userPoolId());
    // As API Gateway writes them: every value a string, exp and iat as dates.
    claims.forEach(value -> assertThat(value.isTextual()).as(value.toString()).isTrue());
    assertThat(claims.path("exp").asText())
        .matches("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\d{4}");
  }

  @Test
  void operatorsAccessToken_reachesTheFunction() throws Exception {
    // when
    HttpResponse<String> response = get(USER_PATH, "Bearer " + operatorTokens.accessToken());

    // then
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode claims =
        invocationFor(response).path("requestContext").path("authorizer").path("claims");
    assertThat(claims.path("token_use").asText()).isEqualTo("access");
    assertThat(claims.path("client_id").asText()).isEqualTo(runtime.clientId());
  }

  @Test
  void noAuthorizationHeader_is401Missing_andTheFunctionIsNotInvoked() throws Exception {
    assertRefused(get(USER_PATH, null), "missing", "Bearer");
  }

  @Test
  void garbageToken_is401Malformed_andTheFunctionIsNotInvoked() throws Exception {
    assertRefused(
        get(USER_PATH, "Bearer not-a-token"), "malformed", "Bearer error=\"invalid_token\"");
  }

  @Test
  void tokenWithAFlippedSignatureByte_is401BadSignature_andTheFunctionIsNotInvoked()
      throws Exception {
    // given
    String[] parts = operatorTokens.idToken().split("\\.");
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[signature.length / 2] ^= 0x01;
    String tampered =
        parts[0]
            + "."
            + parts[1]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

    // when / then
    assertRefused(
        get(USER_PATH, "Bearer " + tampered), "bad_signature", "Bearer error=\"invalid_token\"");
  }

  @Test
  void tokenOfAnotherUserPool_is401WrongIssuer_andTheFunctionIsNotInvoked() throws Exception {
    // given: a second pool in the same Cognito, with a confirmed user of its own
    UserPoolSetup setup = new UserPoolSetup(cognito);
    DataDir.Ids other = setup.ensurePool(Optional.empty());
    DataDir.Operator stranger = new DataDir.Operator("stranger@other.test", "Other-Pool-Pass-42!");
    setup.ensureOperator(other, stranger);
    String foreignToken = signIn(other.clientId(), stranger.email(), stranger.password()).idToken();
    assertThat(jwtPart(foreignToken, 1).path("iss").asText()).endsWith("/" + other.userPoolId());

    // when / then
    assertRefused(
        get(USER_PATH, "Bearer " + foreignToken), "wrong_issuer", "Bearer error=\"invalid_token\"");
  }

  @Test
  void publicRoute_needsNoToken() throws Exception {
    // when
    HttpResponse<String> response = get("/v1/auth/config", null);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private static void assertRefused(HttpResponse<String> response, String reason, String challenge)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
    JsonNode problem = Json.parse(response.body().getBytes(StandardCharsets.UTF_8));
    assertThat(problem.path("type").asText()).isEqualTo("https://topgun.dev/problems/unauthorized");
    assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
    assertThat(problem.path("status").asInt()).isEqualTo(401);
    assertThat(problem.path("reason").asText()).isEqualTo(reason);
    assertThat(problem.path("detail").asText()).isNotBlank();
    // The function would have seen the request's own id and the gateway's in its event.
    String testId = response.request().headers().firstValue("X-Test-Id").orElseThrow();
    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    assertThat(
            recorder.calls(
                call -> call.payload().contains(testId) || call.payload().contains(requestId)))
        .isEmpty();
  }

  /**
   * The proxy event the function was given for this response, found by the gateway's request id.
   */
  private static JsonNode invocationFor(HttpResponse<String> response) throws IOException {
    String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
    List<RecordingInvoker.Call> calls =
        recorder.calls(
            call -> call.function().equals("platform") && call.payload().contains(requestId));
    assertThat(calls).hasSize(1);
    return Json.parse(calls.get(0).payload().getBytes(StandardCharsets.UTF_8));
  }

  private static AuthenticationResultType signIn(
      String clientId, String username, String password) {
    return cognito
        .initiateAuth(
            request ->
                request
                    .clientId(clientId)
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
        .authenticationResult();
  }

  private static HttpResponse<String> get(String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.endpoint().resolve(path))
            .GET()
            .header("X-Test-Id", UUID.randomUUID().toString())
            .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode jwtPart(String jwt, int index) throws IOException {
    return Json.parse(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
  }
}
