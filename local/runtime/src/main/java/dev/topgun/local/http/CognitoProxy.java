package dev.topgun.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user pool's API as the browser reaches it locally: on the runtime's own origin, forwarded to
 * cognito-local, with the one behaviour of Cognito that cognito-local lacks. Cognito marks an
 * address {@code email_verified} when its owner confirms a sign-up with the code mailed there (the
 * pool verifies e-mail addresses automatically); cognito-local confirms the user but leaves the
 * attribute out, so a freshly signed-up user's tokens would say the address is unverified. Here a
 * successful {@code ConfirmSignUp} sets it through {@code AdminUpdateUserAttributes} before the
 * answer goes back, so the next sign-in's tokens carry it, as they do in AWS.
 *
 * <p>The functions call cognito-local directly; only {@code /v1/auth/config} names this endpoint.
 */
final class CognitoProxy {

  private static final Logger LOG = LoggerFactory.getLogger(CognitoProxy.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String PREFIX = "AWSCognitoIdentityProviderService.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final URI upstream;
  private final String userPoolId;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  CognitoProxy(URI upstream, String userPoolId) {
    this.upstream = upstream;
    this.userPoolId = userPoolId;
  }

  static boolean accepts(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst(AwsJsonApi.TARGET);
    return "POST".equals(exchange.getRequestMethod())
        && target != null
        && target.startsWith(PREFIX);
  }

  void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst(AwsJsonApi.TARGET);
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpResponse<byte[]> answer = call(target, body);
    if (answer.statusCode() == 200 && target.equals(PREFIX + "ConfirmSignUp")) {
      verifyEmail(body);
    }
    exchange
        .getResponseHeaders()
        .set("Content-Type", answer.headers().firstValue("Content-Type").orElse(CONTENT_TYPE));
    byte[] out = answer.body();
    exchange.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
    if (out.length > 0) {
      exchange.getResponseBody().write(out);
    }
  }

  /**
   * As Cognito does on a confirmed sign-up: the address the code went to is now verified. The
   * emulator takes {@code email_verified} only together with {@code email}, so the user's address
   * is read first and written back unchanged beside it.
   */
  private void verifyEmail(byte[] confirmRequest) throws IOException {
    String username = JSON.readTree(confirmRequest).path("Username").asText("");
    if (username.isEmpty()) {
      return;
    }
    HttpResponse<byte[]> user =
        call(
            PREFIX + "AdminGetUser",
            JSON.writeValueAsBytes(Map.of("UserPoolId", userPoolId, "Username", username)));
    String email = "";
    if (user.statusCode() == 200) {
      for (JsonNode attribute : JSON.readTree(user.body()).path("UserAttributes")) {
        if ("email".equals(attribute.path("Name").asText())) {
          email = attribute.path("Value").asText("");
        }
      }
    }
    if (email.isEmpty()) {
      LOG.warn("{} has no address to mark verified ({})", username, user.statusCode());
      return;
    }
    byte[] update =
        JSON.writeValueAsBytes(
            Map.of(
                "UserPoolId",
                userPoolId,
                "Username",
                username,
                "UserAttributes",
                List.of(
                    Map.of("Name", "email", "Value", email),
                    Map.of("Name", "email_verified", "Value", "true"))));
    HttpResponse<byte[]> answer = call(PREFIX + "AdminUpdateUserAttributes", update);
    if (answer.statusCode() != 200) {
      LOG.warn(
          "marking {}'s address verified failed: {} {}",
          username,
          answer.statusCode(),
          new String(answer.body(), StandardCharsets.UTF_8));
    }
  }

  private HttpResponse<byte[]> call(String target, byte[] body) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(upstream)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", CONTENT_TYPE)
            .header(AwsJsonApi.TARGET, target)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling the user pool", e);
    }
  }
}
