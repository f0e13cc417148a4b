package dev.topgun.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CognitoProxyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** What the stub user pool received: target and body, in order. */
  private final List<String> received = new CopyOnWriteArrayList<>();

  private HttpServer pool;
  private HttpServer front;
  private int confirmStatus = 200;

  @BeforeEach
  void start() throws IOException {
    pool = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pool.createContext(
        "/",
        exchange -> {
          String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
          received.add(
              target
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int status = target.endsWith(".ConfirmSignUp") ? confirmStatus : 200;
          byte[] body =
              (status == 200
                      ? target.endsWith(".AdminGetUser")
                          ? "{\"Username\":\"0f12\",\"UserAttributes\":[{\"Name\":\"sub\","
                              + "\"Value\":\"0f12\"},{\"Name\":\"email\",\"Value\":"
                              + "\"a@example.test\"}]}"
                          : "{}"
                      : "{\"__type\":\"CodeMismatchException\",\"message\":\"Invalid code\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    pool.start();
    CognitoProxy proxy =
        new CognitoProxy(
            URI.create("http://127.0.0.1:" + pool.getAddress().getPort() + "/"), "local_pool");
    front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    front.createContext(
        "/",
        exchange -> {
          try {
            assertThat(CognitoProxy.accepts(exchange)).isTrue();
            proxy.handle(exchange);
          } finally {
            exchange.close();
          }
        });
    front.start();
  }

  @AfterEach
  void stop() {
    front.stop(0);
    pool.stop(0);
  }

  private HttpResponse<String> call(String target, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.getAddress().getPort() + "/"))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AWSCognitoIdentityProviderService." + target)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aConfirmedSignUp_marksTheAddressVerified_beforeTheAnswerGoesBack() throws Exception {
    HttpResponse<String> answer =
        call("ConfirmSignUp", "{\"ClientId\":\"c\",\"Username\":\"a@example.test\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(received).hasSize(3);
    assertThat(received.get(0)).startsWith("AWSCognitoIdentityProviderService.ConfirmSignUp ");
    assertThat(received.get(1)).startsWith("AWSCognitoIdentityProviderService.AdminGetUser ");
    assertThat(received.get(2))
        .startsWith("AWSCognitoIdentityProviderService.AdminUpdateUserAttributes ");
    JsonNode update = JSON.readTree(received.get(2).substring(received.get(2).indexOf(' ') + 1));
    assertThat(update.path("UserPoolId").asText()).isEqualTo("local_pool");
    assertThat(update.path("Username").asText()).isEqualTo("a@example.test");
    // the emulator takes email_verified only beside the (unchanged) address
    assertThat(update.path("UserAttributes"))
        .extracting(a -> a.path("Name").asText() + "=" + a.path("Value").asText())
        .containsExactly("email=a@example.test", "email_verified=true");
  }

  @Test
  void aRefusedConfirmation_isAnsweredAsThePoolAnswered_andVerifiesNothing() throws Exception {
    confirmStatus = 400;

    HttpResponse<String> answer =
        call("ConfirmSignUp", "{\"ClientId\":\"c\",\"Username\":\"a@example.test\"}");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("CodeMismatchException");
    assertThat(received).hasSize(1);
  }

  @Test
  void everyOtherCall_isForwardedAsItCame() throws Exception {
    HttpResponse<String> answer = call("InitiateAuth", "{\"AuthFlow\":\"USER_PASSWORD_AUTH\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(received)
        .containsExactly(
            "AWSCognitoIdentityProviderService.InitiateAuth {\"AuthFlow\":\"USER_PASSWORD_AUTH\"}");
  }
}
