package dev.topgun.organizations;

import dev.topgun.emulators.MailEmulator;
import dev.topgun.shared.mail.Mailer;
import dev.topgun.shared.mail.RenderedMail;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/** maildev's inbox through its REST API ({@code GET /api/email}), for ITs. */
final class Inbox {

  // maildev drops a connection that asks to upgrade to h2c, as Java's client does by default.
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final MailEmulator mail;
  private final JsonMapper json;

  Inbox(MailEmulator mail, JsonMapper json) {
    this.mail = mail;
    this.json = json;
  }

  /** One received message: its recipient addresses, subject and text. */
  record Message(List<String> to, String subject, String text) {}

  /**
   * The messages to {@code address}, once there are at least {@code atLeast} (maildev stores
   * asynchronously, so it is polled for up to 10 s).
   */
  List<Message> to(String address, int atLeast) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    List<Message> found = List.of();
    while (System.nanoTime() < deadline) {
      found =
          all().stream().filter(m -> m.to().stream().anyMatch(address::equalsIgnoreCase)).toList();
      if (found.size() >= atLeast) {
        return found;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError(
        "expected " + atLeast + " mail(s) to " + address + " within 10 s, got " + found.size());
  }

  /**
   * Every message to {@code address} once the inbox has settled: a sentinel mailed after everything
   * the test sent has arrived (maildev stores what it accepted in order), so a message that was
   * still on its way when a test counts cannot make "exactly one" pass.
   */
  List<Message> settledTo(String address, Mailer mailer) {
    String sentinel = "sentinel " + UUID.randomUUID();
    mailer.send(
        address,
        new RenderedMail(
            sentinel,
            "<p>marks the end of what came before</p>",
            "marks the end of what came before",
            "Inbox",
            null));
    List<Message> received = List.of();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (received.stream().noneMatch(m -> m.subject().equals(sentinel))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the sentinel to " + address + " did not arrive within 10 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      received =
          all().stream().filter(m -> m.to().stream().anyMatch(address::equalsIgnoreCase)).toList();
    }
    return received.stream().filter(m -> !m.subject().startsWith("sentinel ")).toList();
  }

  /** Every message maildev holds now. */
  @SuppressWarnings("unchecked")
  List<Message> all() {
    try {
      HttpResponse<String> inbox =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(mail.webEndpoint() + "/api/email")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      List<Message> messages = new ArrayList<>();
      for (Map<String, Object> email :
          (List<Map<String, Object>>)
              (List<?>) json.readValue(inbox.body(), Argument.listOf(Map.class))) {
        List<String> to = new ArrayList<>();
        List<Map<String, Object>> recipients = (List<Map<String, Object>>) email.get("to");
        if (recipients != null) {
          recipients.forEach(r -> to.add(String.valueOf(r.get("address"))));
        }
        messages.add(
            new Message(
                to, String.valueOf(email.get("subject")), String.valueOf(email.get("text"))));
      }
      return messages;
    } catch (IOException e) {
      throw new IllegalStateException("maildev's API did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
