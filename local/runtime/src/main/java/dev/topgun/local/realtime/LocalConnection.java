package dev.topgun.local.realtime;

import dev.topgun.local.lambda.Invocation;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client's WebSocket, from its accepted {@code $connect} to its close. */
public final class LocalConnection implements Session.Listener.AutoDemanding {

  private static final Logger LOG = LoggerFactory.getLogger(LocalConnection.class);

  private final LocalWebSocketApi api;
  private final String id;
  private final Instant connectedAt;
  private final String sourceIp;
  private final String userAgent;
  private volatile Session session;
  private volatile Instant lastActiveAt;
  private CompletableFuture<?> queue = CompletableFuture.completedFuture(null);

  LocalConnection(
      LocalWebSocketApi api, String id, Instant connectedAt, String sourceIp, String userAgent) {
    this.api = api;
    this.id = id;
    this.connectedAt = connectedAt;
    this.sourceIp = sourceIp;
    this.userAgent = userAgent;
    this.lastActiveAt = connectedAt;
  }

  String id() {
    return id;
  }

  Instant connectedAt() {
    return connectedAt;
  }

  Instant lastActiveAt() {
    return lastActiveAt;
  }

  String sourceIp() {
    return sourceIp;
  }

  String userAgent() {
    return userAgent;
  }

  boolean isOpen() {
    Session open = session;
    return open != null && open.isOpen();
  }

  @Override
  public void onWebSocketOpen(Session session) {
    this.session = session;
    session.setIdleTimeout(LocalWebSocketApi.IDLE_TIMEOUT);
  }

  @Override
  public void onWebSocketText(String message) {
    lastActiveAt = api.clock().instant();
    api.message(this, message);
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    api.closed(this);
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("websocket {}: {}", id, cause.toString());
    api.closed(this);
  }

  /** Sends a text frame; false when the socket is no longer open. */
  boolean send(String text) {
    Session open = session;
    if (open == null || !open.isOpen()) {
      return false;
    }
    CompletableFuture<Void> sent = new CompletableFuture<>();
    open.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
    try {
      sent.get(10, java.util.concurrent.TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  void close() {
    Session open = session;
    if (open != null && open.isOpen()) {
      open.close(StatusCode.NORMAL, "Closed by the server", Callback.NOOP);
    }
  }

  /** Runs the connection's route invocations one after another, in arrival order. */
  synchronized void enqueue(Executor executor, Supplier<Invocation> invocation) {
    queue = queue.handle((ignored, failure) -> null).thenRunAsync(invocation::get, executor);
  }
}
