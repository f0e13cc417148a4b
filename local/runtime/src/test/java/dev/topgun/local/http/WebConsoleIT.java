package dev.topgun.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime's port serves a built console (a small fake {@code web/dist}) next to the API: files
 * with their types and cache headers, the app's routes as {@code index.html}, {@code /v1/...} still
 * to the route table, nothing from outside the dist directory.
 */
class WebConsoleIT {

  static final String INDEX = "<!doctype html><title>console</title>";
  static final String SCRIPT = "console.log('app');";
  static final String SECRET = "not-for-the-browser";

  @TempDir static Path temp;
  static LocalServer built;
  static LocalServer notBuilt;
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void start() throws IOException {
    Path dist = Files.createDirectories(temp.resolve("web/dist"));
    Files.writeString(dist.resolve("index.html"), INDEX);
    Files.createDirectories(dist.resolve("assets"));
    Files.writeString(dist.resolve("assets/index-3f9a1c.js"), SCRIPT);
    Files.writeString(dist.resolve("assets/index-77b0e2.css"), "body{}");
    Files.writeString(dist.resolve("assets/logo-1a2b.svg"), "<svg/>");
    Files.writeString(dist.resolve("manifest.webmanifest"), "{}");
    Files.writeString(temp.resolve("web/secret.txt"), SECRET);
    Files.writeString(temp.resolve("secret.txt"), SECRET);
    built = server(dist);
    notBuilt = server(Files.createDirectories(temp.resolve("empty/web/dist")));
  }

  @AfterAll
  static void stop() {
    built.close();
    notBuilt.close();
  }

  @Test
  void anAsset_isServedWithItsType_andCachedForAYear() throws Exception {
    // when
    HttpResponse<String> response = get(built, "/assets/index-3f9a1c.js");

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(SCRIPT);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(get(built, "/assets/index-77b0e2.css").headers().firstValue("Content-Type"))
        .hasValue("text/css; charset=utf-8");
    assertThat(get(built, "/assets/logo-1a2b.svg").headers().firstValue("Content-Type"))
        .hasValue("image/svg+xml");
  }

  @Test
  void theShell_andFilesAtTheRoot_areRevalidatedEveryTime() throws Exception {
    for (String path : new String[] {"/", "/index.html"}) {
      HttpResponse<String> response = get(built, path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).isEqualTo(INDEX);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/html; charset=utf-8");
      assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }
    HttpResponse<String> manifest = get(built, "/manifest.webmanifest");
    assertThat(manifest.headers().firstValue("Content-Type")).hasValue("application/manifest+json");
    assertThat(manifest.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/organizations/x", "/organizations/01J0ABC/children", "/settings/"})
  void anAppRoute_getsTheShell(String path) throws Exception {
    // when
    HttpResponse<String> response = get(built, path);

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(INDEX);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void aMissingFile_isA404_notTheShell() throws Exception {
    // when: an asset of an older build (the same rule as the CloudFront Function)
    HttpResponse<String> response = get(built, "/assets/index-000000.js");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).doesNotContain(INDEX);
  }

  @Test
  void theApi_stillAnswersUnderV1_withItsOwnProblem() throws Exception {
    // when
    HttpResponse<String> response = get(built, "/v1/no-such-route");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Json.MAPPER.readTree(response.body()).path("detail").asText())
        .isEqualTo("No route matches the path /v1/no-such-route.");
  }

  @Test
  void head_answersTheHeaders_withoutABody() throws Exception {
    // when
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri(built, "/assets/index-3f9a1c.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt",
        "/assets\\..\\..\\secret.txt",
        "/%252e%252e/secret.txt"
      })
  void aPathLeavingTheDistDirectory_isRefused(String path) throws Exception {
    // when: sent as written, so that no client normalises it first
    String answer = rawGet(built, path);

    // then
    assertThat(answer).doesNotContain(SECRET);
    assertThat(statusOf(answer)).as(answer).isIn(400, 404);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/assets/..%5c..%5csecret.txt",
        "/assets\\..\\..\\secret.txt",
        "/assets/%00.js",
        "/assets/%zz.js"
      })
  void resolve_refusesWhatJettyMightLetThrough(String path) {
    // given: the console's own check, whatever the server in front of it normalises or rejects
    WebConsole console = new WebConsole(temp.resolve("web/dist"));

    // when / then
    assertThatThrownBy(() -> console.resolve(path)).isInstanceOf(IllegalArgumentException.class);
    assertThat(console.resolve("/assets/index-3f9a1c.js"))
        .hasValue(temp.resolve("web/dist/assets/index-3f9a1c.js").toAbsolutePath().normalize());
  }

  @Test
  void notBuilt_appPathsAnswerAProblemSayingHowToBuild_andTheApiStillAnswers() throws Exception {
    // when
    HttpResponse<String> response = get(notBuilt, "/organizations/x");

    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = Json.MAPPER.readTree(response.body());
    assertThat(problem.path("title").asText()).isEqualTo("Web console not built");
    assertThat(problem.path("detail").asText()).contains("npm --prefix web run build");
    assertThat(get(notBuilt, "/v1/no-such-route").body()).contains("No route matches");
  }

  @Test
  void consolePaths_areNeitherTheApiNorTheRuntimesAwsApis() {
    assertThat(WebConsole.isConsolePath("/organizations/x")).isTrue();
    assertThat(WebConsole.isConsolePath("/v1health")).isTrue();
    assertThat(WebConsole.isConsolePath("/v1")).isFalse();
    assertThat(WebConsole.isConsolePath("/v1/realtime")).isFalse();
    assertThat(WebConsole.isConsolePath("/2015-03-31/functions/platform/invocations")).isFalse();
    assertThat(WebConsole.isConsolePath("/2013-04-01/hostedzone")).isFalse();
    assertThat(WebConsole.isConsolePath("/@connections/abc")).isFalse();
  }

  private static LocalServer server(Path dist) {
    LocalServer server = LocalServer.bind(0);
    server.start(
        RouteTable.load(),
        null,
        new NoFunctions(),
        null,
        null,
        null,
        null,
        null,
        dist,
        Runnable::run,
        "us-east-1",
        "000000000000",
        Clock.systemUTC(),
        java.net.URI.create("http://127.0.0.1:1/"),
        "local_pool");
    return server;
  }

  private static URI uri(LocalServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static HttpResponse<String> get(LocalServer server, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String rawGet(LocalServer server, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static int statusOf(String answer) {
    return Integer.parseInt(answer.split(" ", 3)[1]);
  }

  /** No request in these tests reaches a function. */
  private static final class NoFunctions implements Invoker {
    @Override
    public boolean exists(String function) {
      return false;
    }

    @Override
    public Invocation invoke(String function, byte[] payload) {
      throw new AssertionError("no function should be invoked, but " + function + " was");
    }
  }
}
