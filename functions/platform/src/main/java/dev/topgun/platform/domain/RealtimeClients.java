package dev.topgun.platform.domain;

import java.util.Map;

/** The clients at the other end of the connections (a port; the {@code @connections} API). */
public interface RealtimeClients {

  /**
   * Sends one message.
   *
   * @return false when the connection is gone
   */
  boolean send(String connectionId, Map<String, Object> message);

  /** Closes the connection from the server's side. */
  void disconnect(String connectionId);
}
