package dev.topgun.shared.routes;

import java.util.ArrayList;
import java.util.List;

/**
 * API Gateway path templates: literal segments, {@code {name}} and a final greedy {@code {name+}}.
 */
public final class PathTemplate {

  /** A segment of a template; {@code rank} orders specificity as API Gateway does. */
  public record Segment(Kind kind, String text) {
    public int rank() {
      return kind.ordinal();
    }
  }

  /** Most specific first. */
  public enum Kind {
    LITERAL,
    PARAMETER,
    GREEDY
  }

  private PathTemplate() {}

  public static List<Segment> parse(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("path template must start with '/': " + template);
    }
    List<Segment> segments = new ArrayList<>();
    if (template.equals("/")) {
      return segments;
    }
    String[] parts = template.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty segment in path template: " + template);
      }
      if (part.startsWith("{") && part.endsWith("}")) {
        String name = part.substring(1, part.length() - 1);
        boolean greedy = name.endsWith("+");
        if (greedy) {
          name = name.substring(0, name.length() - 1);
          if (i != parts.length - 1) {
            throw new IllegalArgumentException("greedy {name+} must be last: " + template);
          }
        }
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
          throw new IllegalArgumentException("bad parameter name in " + template);
        }
        segments.add(new Segment(greedy ? Kind.GREEDY : Kind.PARAMETER, name));
      } else if (part.matches("[A-Za-z0-9._~-]+")) {
        segments.add(new Segment(Kind.LITERAL, part));
      } else {
        throw new IllegalArgumentException("bad literal segment '" + part + "' in " + template);
      }
    }
    return segments;
  }

  /** Splits a request path into its segments; {@code null} if it is not a plain absolute path. */
  static List<String> split(String path) {
    if (path == null || !path.startsWith("/")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (String part : path.substring(1).split("/", -1)) {
      parts.add(part);
    }
    if (parts.size() == 1 && parts.get(0).isEmpty()) {
      parts.clear();
    }
    return parts;
  }
}
