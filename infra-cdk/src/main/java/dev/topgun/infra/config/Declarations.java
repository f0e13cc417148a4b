package dev.topgun.infra.config;

import dev.topgun.shared.routes.EventRules;
import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Everything the app deploys that is declared outside it, read at synth time from the repository
 * with the same parsers the local runtime uses: the route table, the event rules, the function
 * modules (each folder of {@code functions/} with a {@code pom.xml}) with their Lambda jars, and
 * the state machine definitions.
 *
 * @param routes the API route table ({@code shared-lib/.../topgun/api-routes.json})
 * @param rules the EventBridge rules and schedules ({@code shared-lib/.../topgun/event-rules.json})
 * @param functions every function module, by name
 * @param stateMachines the folder of {@code *.asl.json} definitions
 * @param webDist the built web app ({@code web/dist} with its {@code index.html}), deployed to the
 *     web bucket; empty when it is not built (or not to be deployed)
 */
public record Declarations(
    RouteTable routes,
    EventRules rules,
    Map<String, FunctionModule> functions,
    Path stateMachines,
    Optional<Path> webDist) {

  /** Where {@code npm --prefix web run build} writes the web app, from the repository root. */
  public static final String WEB_DIST = "web/dist";

  static final String ROUTES = "shared-lib/src/main/resources/" + RouteTable.RESOURCE;
  static final String RULES = "shared-lib/src/main/resources/" + EventRules.RESOURCE;

  public Declarations {
    functions = Collections.unmodifiableMap(new TreeMap<>(functions));
    webDist = webDist == null ? Optional.empty() : webDist;
    Set<String> unknown = new TreeSet<>();
    for (Route route : routes.routes()) {
      if (!functions.containsKey(route.function())) {
        unknown.add("route " + route.method() + " " + route.path() + " -> " + route.function());
      }
    }
    for (EventRules.Rule rule : rules.rules()) {
      for (String target : rule.targets()) {
        if (!functions.containsKey(target)) {
          unknown.add("event rule " + rule.name() + " -> " + target);
        }
      }
    }
    for (EventRules.Schedule schedule : rules.schedules()) {
      if (!functions.containsKey(schedule.function())) {
        unknown.add("schedule " + schedule.name() + " -> " + schedule.function());
      }
    }
    for (EventRules.Stream stream : rules.streams()) {
      if (!functions.containsKey(stream.function())) {
        unknown.add("stream " + stream.name() + " -> " + stream.function());
      }
    }
    if (routes.webSocket().isPresent()
        && !functions.containsKey(routes.webSocket().get().function())) {
      unknown.add(
          "websocket "
              + routes.webSocket().get().path()
              + " -> "
              + routes.webSocket().get().function());
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "no function module under functions/ for: " + String.join("; ", unknown));
    }
  }

  /**
   * The declarations of the repository at {@code root}. Fails, naming each jar and the command that
   * builds it, when a function's Lambda jar has not been built: a Lambda without its code must
   * never be synthesized quietly.
   */
  public static Declarations fromRepository(Path root) {
    Map<String, FunctionModule> functions = new TreeMap<>();
    for (String name : functionModuleNames(root)) {
      functions.put(name, FunctionModule.in(root, name));
    }
    List<String> missing = new ArrayList<>();
    for (FunctionModule function : functions.values()) {
      if (!Files.isRegularFile(function.jar())) {
        missing.add(function.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Lambda jar missing: "
              + missing.stream()
                  .map(name -> root.relativize(functions.get(name).jar()).toString())
                  .collect(Collectors.joining(", "))
              + ". Build it first: mvn -B package -DskipTests -am -pl "
              + missing.stream().map(name -> "functions/" + name).collect(Collectors.joining(","))
              + " (in "
              + root
              + ")");
    }
    return new Declarations(
        read(root.resolve(ROUTES), RouteTable::parse),
        read(root.resolve(RULES), EventRules::parse),
        functions,
        root.resolve("state-machines"),
        builtWebApp(root.resolve(WEB_DIST)));
  }

  /** The directory when it holds a built app (its {@code index.html}), else empty. */
  public static Optional<Path> builtWebApp(Path dist) {
    return Files.isRegularFile(dist.resolve("index.html"))
        ? Optional.of(dist.toAbsolutePath().normalize())
        : Optional.empty();
  }

  /** The folders of {@code functions/} that hold a {@code pom.xml}, sorted. */
  public static List<String> functionModuleNames(Path root) {
    Path functions = root.resolve("functions");
    try (Stream<Path> dirs = Files.list(functions)) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
          .map(dir -> dir.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + functions, e);
    }
  }

  public Declarations withRoutes(RouteTable routes) {
    return new Declarations(routes, rules, functions, stateMachines, webDist);
  }

  public Declarations withRules(EventRules rules) {
    return new Declarations(routes, rules, functions, stateMachines, webDist);
  }

  /** The built web app to deploy, or {@code null} to deploy none. */
  public Declarations withWebDist(Path webDist) {
    return new Declarations(routes, rules, functions, stateMachines, Optional.ofNullable(webDist));
  }

  public Declarations withStateMachines(Path stateMachines) {
    return new Declarations(routes, rules, functions, stateMachines, webDist);
  }

  /** The {@code *.asl.json} files of {@link #stateMachines()}, sorted; none if it has none. */
  public List<Path> stateMachineDefinitions() {
    if (!Files.isDirectory(stateMachines)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(stateMachines)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".asl.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + stateMachines, e);
    }
  }

  private interface Parser<T> {
    T parse(InputStream in) throws IOException;
  }

  private static <T> T read(Path file, Parser<T> parser) {
    try (InputStream in = Files.newInputStream(file)) {
      return parser.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
