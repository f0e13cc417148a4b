package dev.topgun.shared.realtime;

/**
 * Takes the events of the WebSocket API: a bean in the function the API's routes integrate with,
 * handed each event by the function's one entry point ({@code FunctionHandler}).
 */
public interface WebSocketRoutes {

  /**
   * Answers one event. For {@code $connect} a status other than 2xx refuses the connection (the
   * client's upgrade request gets that status); for messages API Gateway ignores the answer unless
   * the route has a route response.
   */
  WebSocketResponse handle(WebSocketEvent event);
}
