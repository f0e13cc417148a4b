package dev.topgun.shared.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.topgun.shared.store.CursorCodec;
import dev.topgun.shared.store.InvalidCursorException;
import dev.topgun.shared.store.Query;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reader against a JDK HTTP server that answers as the AWS Parameters and Secrets Lambda
 * Extension documents: {@code GET /secretsmanager/get?secretId=…} with the session token header,
 * the GetSecretValue JSON as the body.
 */
class SecretsExtensionTest {

  private static final String ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:mail-AbCd";

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int status = 200;
  private volatile String body =
      "{\"ARN\":\""
          + ARN
          + "\",\"Name\":\"mail\",\"SecretString\":"
          + "\"{\\\"username\\\":\\\"AKIA-smtp\\\",\\\"password\\\":\\\"p@ss\\\"}\","
          + "\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"]}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " token="
                  + exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void readsTheSecretString_withTheSessionToken_once() {
    // given
    SecretsExtension extension = new SecretsExtension(endpoint(), "session-token");

    // when
    String first = extension.secretString(ARN);
    String second = extension.secretString(ARN);

    // then
    assertThat(first).isEqualTo("{\"username\":\"AKIA-smtp\",\"password\":\"p@ss\"}");
    assertThat(second).isEqualTo(first);
    assertThat(requests)
        .containsExactly(
            "GET /secretsmanager/get?secretId=" + ARN.replace(":", "%3A") + " token=session-token");
    assertThat(SecretsExtension.member(first, "password")).isEqualTo("p@ss");
  }

  @Test
  void anErrorAnswer_isSecretUnavailable_withoutTheBody() {
    // given
    status = 400;
    body = "secret " + ARN + " not found";
    SecretsExtension extension = new SecretsExtension(endpoint(), "t");

    // then
    assertThatThrownBy(() -> extension.secretString(ARN))
        .isInstanceOf(SecretsExtension.SecretUnavailableException.class)
        .hasMessageContaining("400")
        .hasMessageNotContaining(ARN);
  }

  @Test
  void aMissingMember_isNamed() {
    assertThatThrownBy(() -> SecretsExtension.member("{\"user\":\"x\"}", "password"))
        .isInstanceOf(SecretsExtension.SecretUnavailableException.class)
        .hasMessageContaining("password");
  }

  @Test
  void cursorCodec_withASecretArn_keysItsMacWithTheSecret_readOnTheFirstCursor() {
    // given
    body = "{\"SecretString\":\"cursor-key-1\"}";
    SecretsExtension extension = new SecretsExtension(endpoint(), "t");
    CursorCodec fromArn = new CursorCodec("", ARN, () -> extension);
    assertThat(requests).isEmpty();
    Query query = Query.partition("ORG#A").skBeginsWith("W#");
    Map<String, AttributeValue> key =
        Map.of("PK", AttributeValue.fromS("ORG#A"), "SK", AttributeValue.fromS("W#1"));

    // when
    String cursor = fromArn.encode(query, key);

    // then
    assertThat(requests).hasSize(1);
    assertThat(new CursorCodec("cursor-key-1").decode(query.after(cursor))).isEqualTo(key);
    assertThatThrownBy(() -> new CursorCodec("another-key").decode(query.after(cursor)))
        .isInstanceOf(InvalidCursorException.class);
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }
}
