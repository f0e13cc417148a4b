package dev.topgun.local.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built web console ({@code web/dist}) at the runtime's own origin, as CloudFront serves it in
 * AWS: a file that exists is served, {@code /assets/*} (content-hashed names) cacheable for a year,
 * everything else {@code no-cache}; a path whose last segment has no extension is one of the app's
 * routes and gets {@code index.html}; a missing file stays a 404 (the same rule as infra-cdk's
 * {@code spa-fallback.js}). Only GET and HEAD of paths outside the API ({@code /v1/...}) and the
 * runtime's own AWS APIs come here. Nothing outside the dist directory is ever read.
 */
final class WebConsole {

  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String NO_CACHE = "no-cache";

  /** Paths that are never the console's: the API and the AWS APIs the runtime serves. */
  private static final List<String> NOT_CONSOLE =
      List.of("/v1/", "/2015-03-31/", "/2013-04-01/", "/@connections/");

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  private final Path dist;

  WebConsole(Path dist) {
    this.dist = dist.toAbsolutePath().normalize();
  }

  static boolean accepts(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    return ("GET".equals(method) || "HEAD".equals(method))
        && isConsolePath(exchange.getRequestURI().getRawPath());
  }

  static boolean isConsolePath(String rawPath) {
    return !rawPath.equals("/v1") && NOT_CONSOLE.stream().noneMatch(rawPath::startsWith);
  }

  boolean built() {
    return Files.isRegularFile(dist.resolve("index.html"));
  }

  void handle(HttpExchange exchange) throws IOException {
    if (!built()) {
      Responses.problem(
          exchange,
          404,
          "Web console not built",
          "There is no "
              + dist.resolve("index.html")
              + ". Build the console with `npm --prefix web run build` (or `mvn -B -pl web"
              + " package`); ./local/run builds it when web/node_modules exists.",
          Map.of());
      return;
    }
    String rawPath = exchange.getRequestURI().getRawPath();
    Optional<Path> file;
    try {
      file = resolve(rawPath);
    } catch (IllegalArgumentException e) {
      Responses.problem(exchange, 400, "Bad Request", e.getMessage(), Map.of());
      return;
    }
    if (file.isPresent() && Files.isRegularFile(file.get())) {
      serve(exchange, file.get(), rawPath.startsWith("/assets/") ? IMMUTABLE : NO_CACHE);
    } else if (namesAFile(rawPath)) {
      Responses.problem(
          exchange, 404, "Not Found", "The web console has no file " + rawPath + ".", Map.of());
    } else {
      serve(exchange, dist.resolve("index.html"), NO_CACHE);
    }
  }

  /**
   * The file under the dist directory that a request path names, if it names one there (a directory
   * names none).
   *
   * @throws IllegalArgumentException for a path that tries to leave the directory ({@code ..},
   *     {@code .}, encoded or not, backslashes, encoded slashes, NUL) or is badly encoded
   */
  Optional<Path> resolve(String rawPath) {
    Path file = dist;
    for (String raw : rawPath.split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String segment;
      try {
        // Percent-decoding only: a '+' in a path is a plus sign, not a space.
        segment = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("The path " + rawPath + " is not well encoded.", e);
      }
      if (segment.equals(".")
          || segment.equals("..")
          || segment.contains("/")
          || segment.contains("\\")
          || segment.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("The path " + rawPath + " is refused.");
      }
      file = file.resolve(segment);
    }
    file = file.normalize();
    if (!file.startsWith(dist) || file.equals(dist) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      // A link inside the directory must not lead out of it either.
      return file.toRealPath().startsWith(dist.toRealPath()) ? Optional.of(file) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The SPA fallback's rule: a last segment with an extension names a file, not an app route. */
  static boolean namesAFile(String rawPath) {
    return rawPath.substring(rawPath.lastIndexOf('/') + 1).contains(".");
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(extension, "application/octet-stream");
  }

  private static void serve(HttpExchange exchange, Path file, String cacheControl)
      throws IOException {
    byte[] body =
        "HEAD".equals(exchange.getRequestMethod()) ? new byte[0] : Files.readAllBytes(file);
    Responses.send(
        exchange,
        200,
        contentType(file),
        body,
        Map.of(
            "Cache-Control", List.of(cacheControl), "X-Content-Type-Options", List.of("nosniff")));
  }
}
