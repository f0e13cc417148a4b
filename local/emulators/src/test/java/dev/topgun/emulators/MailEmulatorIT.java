package dev.topgun.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** maildev started by {@link MailEmulator}: a message sent over SMTP, read back over its API. */
class MailEmulatorIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  // maildev's web server drops a connection that asks to upgrade to h2c, as Java's client does by
  // default.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Test
  void aMessageSentOverSmtp_isListedByTheRestApi_andKeptAcrossARestart(@TempDir Path dataDir)
      throws Exception {
    // given
    String subject = "Invitation " + UUID.randomUUID();
    try (MailEmulator mail = MailEmulator.start(0, 0, dataDir)) {
      assertThat(emails(mail)).isEmpty();

      // when
      SmtpTestClient.send(
          mail.smtpHost(),
          mail.smtpPort(),
          "no-reply@topgun.local",
          "invitee@example.test",
          subject,
          "Accept at https://app.topgun.local/invitations/abc");

      // then
      JsonNode email = only(awaitEmails(mail));
      assertThat(email.path("subject").asText()).isEqualTo(subject);
      assertThat(email.path("from").get(0).path("address").asText())
          .isEqualTo("no-reply@topgun.local");
      assertThat(email.path("to").get(0).path("address").asText())
          .isEqualTo("invitee@example.test");
      assertThat(email.path("text").asText()).contains("/invitations/abc");
    }
    try (Stream<Path> files = Files.list(dataDir.resolve("messages"))) {
      assertThat(files.map(Path::toString)).anyMatch(name -> name.endsWith(".eml"));
    }
    try (MailEmulator mail = MailEmulator.start(0, 0, dataDir)) {
      assertThat(only(emails(mail)).path("subject").asText()).isEqualTo(subject);
    }
  }

  @Test
  void webEndpoint_servesTheInboxPage_onLoopbackOnly() throws Exception {
    // given
    try (MailEmulator mail = MailEmulator.start(0, 0, null)) {

      // when
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(mail.webEndpoint())
                  .header("Accept", "text/html")
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      // then
      assertThat(mail.webEndpoint().toString()).startsWith("http://localhost:");
      assertThat(mail.smtpEndpoint()).isEqualTo(URI.create("smtp://127.0.0.1:" + mail.smtpPort()));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      InetAddress external = nonLoopbackAddress();
      if (external != null) {
        assertThat(accepts(external, mail.smtpPort())).as("SMTP on " + external).isFalse();
        assertThat(accepts(external, mail.webPort())).as("web on " + external).isFalse();
      }
    }
  }

  private JsonNode emails(MailEmulator mail) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(mail.webEndpoint().resolve("/api/email"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode emails = JSON.readTree(response.body());
    assertThat(emails.isArray()).as(response.body()).isTrue();
    return emails;
  }

  /** maildev may answer the end of DATA before it has parsed and listed the message. */
  private JsonNode awaitEmails(MailEmulator mail) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    JsonNode emails = emails(mail);
    while (emails.isEmpty() && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
      emails = emails(mail);
    }
    return emails;
  }

  private static JsonNode only(JsonNode emails) {
    assertThat(emails).hasSize(1);
    return emails.get(0);
  }

  /** An address of this machine other than loopback, or null when it has none. */
  private static InetAddress nonLoopbackAddress() throws IOException {
    return NetworkInterface.networkInterfaces()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
        .findFirst()
        .orElse(null);
  }

  private static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
