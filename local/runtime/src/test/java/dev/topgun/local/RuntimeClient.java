package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.mail.CodeMailRelay;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/**
 * A client of a running local runtime as the web app is one: users signed up and signed in with
 * cognito-local, HTTP calls with their ID tokens (or none) to the runtime's port.
 */
final class RuntimeClient implements AutoCloseable {

  /** An answer: status, parsed JSON body (missing node when empty or not JSON), raw, headers. */
  record Answer(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {}

  /** A user who signed up (confirmed, e-mail verified) and signed in. */
  record User(String email, String sub, String token) {}

  private final LocalRuntime runtime;
  private final CognitoIdentityProviderClient cognito;
  // HTTP/1.1: maildev's web server drops the h2c upgrade request the default client sends.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  RuntimeClient(LocalRuntime runtime) {
    this.runtime = runtime;
    this.cognito =
        SdkClients.of(CognitoIdentityProviderClient.builder(), runtime.cognitoEndpoint());
  }

  /** The operator's ID token (the user the runtime seeds). */
  String operatorToken() {
    return idToken(runtime.operatorEmail(), runtime.operatorPassword());
  }

  /** Signs a new user up as the web app would, confirms them, verifies their e-mail, signs in. */
  User signUp(String name) {
    String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@flow.test";
    String password = "Flow-Pass-" + UUID.randomUUID().toString().substring(0, 8) + "!";
    String sub =
        cognito
            .signUp(
                r ->
                    r.clientId(runtime.clientId())
                        .username(email)
                        .password(password)
                        .userAttributes(attribute("email", email)))
            .userSub();
    cognito.adminConfirmSignUp(r -> r.userPoolId(runtime.userPoolId()).username(email));
    // cognito-local drops email_verified unless email is set in the same call.
    cognito.adminUpdateUserAttributes(
        r ->
            r.userPoolId(runtime.userPoolId())
                .username(email)
                .userAttributes(attribute("email", email), attribute("email_verified", "true")));
    return new User(email, sub, idToken(email, password));
  }

  String idToken(String username, String password) {
    return cognito
        .initiateAuth(
            r ->
                r.clientId(runtime.clientId())
                    .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                    .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
        .authenticationResult()
        .idToken();
  }

  /** Creates a child organization through the API; returns its id (slugs get a random suffix). */
  String createChild(String token, String parent, String slug, String type) throws Exception {
    Answer created =
        call(token, "POST", "/v1/organizations/" + parent + "/children", childBody(slug, type));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    assertThat(created.body().path("parentId").asText()).isEqualTo(parent);
    return created.body().path("id").asText();
  }

  /**
   * A new organization under {@code parent} (created by {@code token}'s user) with {@code member}
   * added to it as {@code role}; the member's profile is made first, as its first call would.
   */
  String organizationWith(String token, String parent, User member, String role) throws Exception {
    assertThat(call(member.token(), "GET", "/v1/me", null).status()).isEqualTo(200);
    String org = createChild(token, parent, "with-" + role, "master_branch");
    Answer added =
        call(
            token,
            "POST",
            "/v1/organizations/" + org + "/members",
            "{\"userId\":\"" + member.sub() + "\",\"role\":\"" + role + "\"}");
    assertThat(added.status()).as(added.raw()).isEqualTo(201);
    return org;
  }

  static String childBody(String slug, String type) {
    String unique = slug + "-" + UUID.randomUUID().toString().substring(0, 8);
    return "{\"name\":\"Org "
        + unique
        + "\",\"slug\":\""
        + unique
        + "\",\"hierarchyType\":\""
        + type
        + "\"}";
  }

  /** Calls the runtime; {@code token} null sends no Authorization header. */
  Answer call(String token, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.endpoint().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String raw = response.body();
    JsonNode parsed;
    try {
      parsed =
          raw == null || raw.isBlank()
              ? Json.MAPPER.missingNode()
              : Json.parse(raw.getBytes(StandardCharsets.UTF_8));
    } catch (IOException notJson) {
      parsed = Json.MAPPER.missingNode();
    }
    return new Answer(response.statusCode(), parsed, raw, response.headers());
  }

  /** Sends raw bytes (an image upload) as {@code contentType}; the answer parsed as for call. */
  Answer upload(String token, String path, byte[] body, String contentType)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.endpoint().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", contentType);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String raw = response.body();
    JsonNode parsed;
    try {
      parsed =
          raw == null || raw.isBlank()
              ? Json.MAPPER.missingNode()
              : Json.parse(raw.getBytes(StandardCharsets.UTF_8));
    } catch (IOException notJson) {
      parsed = Json.MAPPER.missingNode();
    }
    return new Answer(response.statusCode(), parsed, raw, response.headers());
  }

  /** A public GET of {@code path}, its body as bytes (assets, stylesheets). */
  HttpResponse<byte[]> fetch(String path, java.util.Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.endpoint().resolve(path)).timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A request without a token and with an empty JSON body for POSTs; the body as bytes. */
  HttpResponse<byte[]> send(String method, String path, java.util.Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(runtime.endpoint().resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (!method.equals("GET")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Every message the platform sent to {@code address} that maildev holds now. */
  java.util.List<JsonNode> mailsTo(String address) throws Exception {
    return mailTo(address);
  }

  /**
   * The one message maildev holds for {@code address}. A function's SMTP send has finished when it
   * answers, but maildev may list the message a moment later: polled until {@code within}.
   */
  JsonNode awaitMailTo(String address, Duration within) throws Exception {
    java.util.List<JsonNode> mine = new java.util.ArrayList<>();
    await(
        "an e-mail to " + address + " in maildev",
        within,
        () -> {
          mine.clear();
          mine.addAll(mailTo(address));
          return !mine.isEmpty();
        });
    assertThat(mine).hasSize(1);
    return mine.get(0);
  }

  private java.util.List<JsonNode> mailTo(String address) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(runtime.mailWebEndpoint().resolve("/api/email"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    java.util.List<JsonNode> mine = new java.util.ArrayList<>();
    for (JsonNode email : Json.parse(response.body().getBytes(StandardCharsets.UTF_8))) {
      if (email.path("headers").has(CodeMailRelay.HEADER.toLowerCase(java.util.Locale.ROOT))) {
        continue; // the user pool's confirmation code, not the platform's mail
      }
      for (JsonNode to : email.path("to")) {
        if (to.path("address").asText().equalsIgnoreCase(address)) {
          mine.add(email);
        }
      }
    }
    return mine;
  }

  /** Polls {@code condition} (a tenth of a second apart) until it holds; fails at the deadline. */
  void await(String what, Duration within, java.util.concurrent.Callable<Boolean> condition)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited " + within + " for " + what);
      }
      Thread.sleep(100);
    }
  }

  static AttributeType attribute(String name, String value) {
    return AttributeType.builder().name(name).value(value).build();
  }

  @Override
  public void close() {
    cognito.close();
  }
}
