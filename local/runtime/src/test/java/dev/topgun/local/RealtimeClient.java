package dev.topgun.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A console's WebSocket to the runtime's realtime endpoint (the JDK's client), keeping every
 * message it is sent, with the time it arrived.
 */
final class RealtimeClient implements AutoCloseable {

  /** A message and when it arrived ({@link System#nanoTime()}). */
  record Received(JsonNode message, long arrivedNanos) {}

  private final List<Received> received = new ArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private RealtimeClient(URI endpoint, String token) {
    String query =
        token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(URI.create(endpoint + query), new Listener())
            .orTimeout(30, TimeUnit.SECONDS)
            .join();
  }

  /** Connects; fails (CompletionException wrapping the refusal) when the runtime refuses. */
  static RealtimeClient connect(LocalRuntime runtime, String token) {
    return new RealtimeClient(runtime.webSocketEndpoint(), token);
  }

  void send(String json) {
    socket.sendText(json, true).orTimeout(10, TimeUnit.SECONDS).join();
  }

  void subscribe(String organizationId) {
    send("{\"action\":\"subscribe\",\"organizationId\":\"" + organizationId + "\"}");
  }

  /** Waits until a message matching {@code what} has arrived; returns the first such. */
  Received await(Predicate<JsonNode> what, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (received) {
      while (true) {
        for (Received message : received) {
          if (what.test(message.message())) {
            return message;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no such message within " + within + "; got " + messages());
        }
        received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  /** Waits until {@code count} messages matching {@code what} have arrived; returns them all. */
  List<Received> awaitCount(Predicate<JsonNode> what, int count, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    synchronized (received) {
      while (true) {
        List<Received> matching = received.stream().filter(r -> what.test(r.message())).toList();
        long left = deadline - System.nanoTime();
        if (matching.size() >= count || left <= 0) {
          return matching;
        }
        received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }
  }

  List<JsonNode> messages() {
    synchronized (received) {
      return received.stream().map(Received::message).toList();
    }
  }

  /** The close code once the server closed the socket. */
  CompletableFuture<Integer> closed() {
    return closed;
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode message = Json.parse(text.getBytes(StandardCharsets.UTF_8));
          synchronized (received) {
            received.add(new Received(message, System.nanoTime()));
            received.notifyAll();
          }
        } catch (IOException e) {
          closed.completeExceptionally(new AssertionError("not JSON: " + text, e));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
