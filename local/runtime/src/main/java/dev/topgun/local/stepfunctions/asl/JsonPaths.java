package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.topgun.emulators.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The States Language's paths over Jackson trees, evaluated by Jayway JsonPath: {@code $} paths on
 * the state's data, {@code $$} paths on the context object, and reference paths (definite paths,
 * e.g. {@code $.a.b[0]}) that {@code ResultPath} writes into.
 */
public final class JsonPaths {

  private static final Configuration READ =
      Configuration.builder()
          .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
          .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
          .options(EnumSet.noneOf(Option.class))
          .build();

  /**
   * One step of a compiled definite path, in Jayway's normalized form: {@code ['a']} or {@code
   * [0]}.
   */
  private static final Pattern STEP = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

  private static final ConcurrentHashMap<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

  private JsonPaths() {}

  /** Whether {@code path} is a path the States Language accepts ({@code $…} or {@code $$…}). */
  public static boolean isPath(String path) {
    if (path == null || !path.startsWith("$")) {
      return false;
    }
    try {
      compile(path.startsWith("$$") ? path.substring(1) : path);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** Whether {@code path} is a reference path: a {@code $} path naming one node, no wildcard. */
  public static boolean isReferencePath(String path) {
    if (path == null || !path.startsWith("$") || path.startsWith("$$")) {
      return false;
    }
    try {
      return compile(path).isDefinite();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Reads {@code path} from {@code data}, or from {@code context} for a {@code $$} path.
   *
   * @throws StatesError {@code States.Runtime} when the path selects nothing
   */
  public static JsonNode read(String path, JsonNode data, JsonNode context) {
    if (path.startsWith("$$")) {
      return readFrom(path.substring(1), context, path);
    }
    return readFrom(path, data, path);
  }

  private static JsonNode readFrom(String path, JsonNode root, String asWritten) {
    if (path.equals("$")) {
      return root;
    }
    try {
      Object result = compile(path).read(root, READ);
      if (result == null) {
        return NullNode.getInstance();
      }
      // Jayway unwraps leaves (a string comes back as a String), so wrap them again.
      return result instanceof JsonNode node ? node : Json.MAPPER.valueToTree(result);
    } catch (PathNotFoundException e) {
      throw StatesError.runtime(
          "Invalid path '" + asWritten + "' : No results for path: " + normalized(path));
    } catch (InvalidPathException e) {
      throw StatesError.runtime("Invalid path '" + asWritten + "': " + e.getMessage());
    }
  }

  /** Whether {@code path} selects something in {@code data} (Choice's {@code IsPresent}). */
  public static boolean present(String path, JsonNode data, JsonNode context) {
    try {
      read(path, data, context);
      return true;
    } catch (StatesError e) {
      return false;
    }
  }

  /**
   * {@code ResultPath}: {@code data} with {@code value} placed at the reference path; {@code $}
   * replaces everything. Missing objects on the way are created, as Step Functions does.
   *
   * @throws StatesError {@code States.Runtime} when the path crosses a value that is not an object
   *     (or an array, for an index)
   */
  public static JsonNode write(String path, JsonNode data, JsonNode value) {
    if (path.equals("$")) {
      return value;
    }
    List<Object> steps = steps(path);
    JsonNode root = data.deepCopy();
    if (!(root instanceof ObjectNode) && !(root instanceof ArrayNode)) {
      throw StatesError.runtime(
          "Unable to apply ResultPath '" + path + "' to input " + Json.text(data));
    }
    JsonNode current = root;
    for (int i = 0; i < steps.size(); i++) {
      Object step = steps.get(i);
      boolean last = i == steps.size() - 1;
      if (step instanceof String field && current instanceof ObjectNode object) {
        if (last) {
          object.set(field, value);
        } else {
          JsonNode child = object.get(field);
          if (child == null || child.isNull()) {
            child =
                steps.get(i + 1) instanceof String
                    ? object.putObject(field)
                    : object.putArray(field);
          }
          current = child;
        }
      } else if (step instanceof Integer index && current instanceof ArrayNode array) {
        if (index >= array.size()) {
          throw StatesError.runtime(
              "Unable to apply ResultPath '" + path + "': index " + index + " is out of range");
        }
        if (last) {
          array.set(index, value);
        } else {
          current = array.get(index);
        }
      } else {
        throw StatesError.runtime(
            "Unable to apply ResultPath '" + path + "' to input " + Json.text(data));
      }
    }
    return root;
  }

  private static List<Object> steps(String path) {
    String normalized = normalized(path).substring(1);
    List<Object> steps = new ArrayList<>();
    Matcher m = STEP.matcher(normalized);
    int at = 0;
    while (m.lookingAt()) {
      steps.add(m.group(1) != null ? m.group(1).replace("\\'", "'") : Integer.valueOf(m.group(2)));
      at = m.end();
      m.region(at, normalized.length());
    }
    if (at != normalized.length()) {
      throw StatesError.runtime("'" + path + "' is not a reference path");
    }
    return steps;
  }

  private static String normalized(String path) {
    return compile(path).getPath();
  }

  private static JsonPath compile(String path) {
    return COMPILED.computeIfAbsent(path, JsonPath::compile);
  }

  static JsonNodeFactory nodes() {
    return JsonNodeFactory.instance;
  }
}
