package dev.topgun.shared.routes;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one API route table (classpath {@code topgun/api-routes.json}): which function answers a
 * method and path. The local runtime dispatches with it and infra-cdk builds API Gateway from it,
 * so the most specific template wins here as it does in API Gateway.
 */
public final class RouteTable {

  public static final String RESOURCE = "topgun/api-routes.json";

  /** A request matched to its route, with the path parameters it binds. */
  public record Match(Route route, Map<String, String> pathParameters) {}

  @Serdeable
  record Document(
      String comment,
      List<Route> routes,
      @io.micronaut.core.annotation.Nullable WebSocketApi websocket) {}

  private final List<Route> routes;
  private final WebSocketApi webSocket;

  private RouteTable(List<Route> routes) {
    this(routes, null);
  }

  private RouteTable(List<Route> routes, WebSocketApi webSocket) {
    Set<String> seen = new HashSet<>();
    for (Route route : routes) {
      if (!seen.add(route.method() + " " + shape(route.path()))) {
        throw new IllegalArgumentException(
            "route declared twice (same method and template shape): "
                + route.method()
                + " "
                + route.path());
      }
    }
    this.routes = List.copyOf(routes);
    this.webSocket = webSocket;
  }

  public static RouteTable load() {
    try (InputStream in = RouteTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RouteTable parse(InputStream json) throws IOException {
    Document document = ObjectMapper.getDefault().readValue(json, Document.class);
    if (document == null || document.routes() == null) {
      throw new IllegalArgumentException("route table has no 'routes' array");
    }
    return new RouteTable(document.routes(), document.websocket());
  }

  public static RouteTable of(List<Route> routes) {
    return new RouteTable(routes);
  }

  public List<Route> routes() {
    return routes;
  }

  /** The WebSocket API, if one is declared. */
  public Optional<WebSocketApi> webSocket() {
    return Optional.ofNullable(webSocket);
  }

  /** A copy with this WebSocket API. */
  public RouteTable withWebSocket(WebSocketApi api) {
    return new RouteTable(routes, api);
  }

  public List<Route> routesOf(String function) {
    return routes.stream().filter(r -> r.function().equals(function)).toList();
  }

  public Set<String> functions() {
    Set<String> names = new TreeSet<>();
    routes.forEach(r -> names.add(r.function()));
    return names;
  }

  /** The route that answers this request, the most specific template first. */
  public Optional<Match> match(String method, String path) {
    List<String> parts = PathTemplate.split(path);
    if (parts == null) {
      return Optional.empty();
    }
    return candidates(parts).stream()
        .filter(c -> c.route().method().equalsIgnoreCase(method))
        .findFirst();
  }

  /**
   * The methods declared for the most specific template that matches this path, for a 405 answer's
   * {@code Allow} header; empty when no template matches at all (a 404).
   */
  public Set<String> allowedMethods(String path) {
    List<String> parts = PathTemplate.split(path);
    Set<String> allowed = new TreeSet<>();
    if (parts != null) {
      candidates(parts).forEach(c -> allowed.add(c.route().method()));
    }
    return allowed;
  }

  private List<Match> candidates(List<String> parts) {
    List<Match> matches = new ArrayList<>();
    for (Route route : routes) {
      Map<String, String> bound = bind(route.segments(), parts);
      if (bound != null) {
        matches.add(new Match(route, bound));
      }
    }
    matches.sort(Comparator.comparing(m -> m.route().segments(), RouteTable::bySpecificity));
    return matches;
  }

  private static Map<String, String> bind(List<PathTemplate.Segment> template, List<String> parts) {
    Map<String, String> bound = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      PathTemplate.Segment segment = template.get(i);
      if (segment.kind() == PathTemplate.Kind.GREEDY) {
        if (i >= parts.size()) {
          return null;
        }
        List<String> rest = parts.subList(i, parts.size());
        if (rest.stream().anyMatch(String::isEmpty)) {
          return null;
        }
        bound.put(segment.text(), String.join("/", rest));
        return bound;
      }
      if (i >= parts.size() || parts.get(i).isEmpty()) {
        return null;
      }
      String part = parts.get(i);
      if (segment.kind() == PathTemplate.Kind.LITERAL) {
        if (!segment.text().equals(part)) {
          return null;
        }
      } else {
        bound.put(segment.text(), part);
      }
    }
    return template.size() == parts.size() ? bound : null;
  }

  private static int bySpecificity(List<PathTemplate.Segment> a, List<PathTemplate.Segment> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int byRank = Integer.compare(a.get(i).rank(), b.get(i).rank());
      if (byRank != 0) {
        return byRank;
      }
    }
    return Integer.compare(b.size(), a.size());
  }

  private static String shape(String template) {
    StringBuilder shape = new StringBuilder();
    for (PathTemplate.Segment segment : PathTemplate.parse(template)) {
      shape
          .append('/')
          .append(
              switch (segment.kind()) {
                case LITERAL -> segment.text();
                case PARAMETER -> "{}";
                case GREEDY -> "{+}";
              });
    }
    return shape.toString();
  }
}
