package dev.topgun.platform.realtime;

import dev.topgun.platform.domain.RealtimeClients;
import dev.topgun.shared.realtime.ConnectionPublisher;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The clients, through the WebSocket API's {@code @connections} management API. */
@Singleton
@Requires(property = "topgun.realtime.endpoint")
public class ConnectionsApi implements RealtimeClients {

  private final ConnectionPublisher publisher;
  private final JsonMapper json;

  public ConnectionsApi(ConnectionPublisher publisher, JsonMapper json) {
    this.publisher = publisher;
    this.json = json;
  }

  @Override
  public boolean send(String connectionId, Map<String, Object> message) {
    try {
      return publisher.post(connectionId, json.writeValueAsString(message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void disconnect(String connectionId) {
    publisher.close(connectionId);
  }
}
