package dev.topgun.shared.routes;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The WebSocket API of the route table ({@code websocket} in {@code api-routes.json}): where it
 * listens, which function takes its routes, and the routes a message's {@code action} selects (API
 * Gateway's route selection expression {@code $request.body.action}); a message selecting no route
 * goes to {@code $default}. {@code $connect}, {@code $disconnect} and {@code $default} always go to
 * the function. infra-cdk builds the API Gateway WebSocket API from it; the local runtime serves it
 * on its own port.
 *
 * @param path the URL path clients connect to, e.g. {@code /v1/realtime} (locally; in AWS the API
 *     has its own domain and stage)
 * @param function the function module the routes integrate with
 * @param routes the route keys messages select
 */
@Serdeable
public record WebSocketApi(String path, String function, List<String> routes) {

  public static final String CONNECT = "$connect";
  public static final String DISCONNECT = "$disconnect";
  public static final String DEFAULT = "$default";
  public static final String ROUTE_SELECTION = "$request.body.action";

  private static final Pattern ROUTE_KEY = Pattern.compile("[a-z][a-zA-Z0-9-]{0,63}");

  public WebSocketApi {
    if (path == null || !path.matches("(/[a-z0-9-]+)+")) {
      throw new IllegalArgumentException("websocket path must be like /v1/realtime: " + path);
    }
    if (function == null || function.isBlank()) {
      throw new IllegalArgumentException("websocket api has no function");
    }
    routes = routes == null ? List.of() : List.copyOf(routes);
    for (String route : routes) {
      if (!ROUTE_KEY.matcher(route).matches()) {
        throw new IllegalArgumentException("websocket route key must be like subscribe: " + route);
      }
    }
  }

  /** The route a message's {@code action} selects. */
  public String routeFor(String action) {
    return action != null && routes.contains(action) ? action : DEFAULT;
  }
}
