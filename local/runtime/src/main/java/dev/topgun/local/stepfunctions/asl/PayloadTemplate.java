package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code Parameters}, {@code ItemSelector} and {@code ResultSelector}: a JSON template whose fields
 * named {@code <key>.$} take the value of a path on the data, of a {@code $$} path on the context
 * object, or of an intrinsic function, under the name {@code <key>}.
 */
public final class PayloadTemplate {

  private PayloadTemplate() {}

  /**
   * @param field where the template sits, for error messages ({@code Parameters})
   * @throws StatesError {@code States.Runtime} when a path selects nothing or a call fails
   */
  public static JsonNode apply(
      JsonNode template, JsonNode data, JsonNode context, Random random, String field) {
    if (template instanceof ObjectNode object) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        String key = entry.getKey();
        JsonNode value = entry.getValue();
        if (key.endsWith(".$") && value.isTextual()) {
          out.set(
              key.substring(0, key.length() - 2),
              dynamic(key, value.asText(), data, context, random));
        } else {
          out.set(key, apply(value, data, context, random, field));
        }
      }
      return out;
    }
    if (template instanceof ArrayNode array) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (JsonNode item : array) {
        out.add(apply(item, data, context, random, field));
      }
      return out;
    }
    return template;
  }

  private static JsonNode dynamic(
      String key, String expression, JsonNode data, JsonNode context, Random random) {
    if (Intrinsics.isCall(expression)) {
      return Intrinsics.evaluate(Intrinsics.parse(expression), data, context, random);
    }
    try {
      return JsonPaths.read(expression, data, context);
    } catch (StatesError e) {
      JsonNode source = expression.startsWith("$$") ? context : data;
      throw StatesError.runtime(
          "The JSONPath '"
              + expression
              + "' specified for the field '"
              + key
              + "' could not be found in the input '"
              + Json.text(source)
              + "'");
    }
  }

  /**
   * Checks a template at definition time: every {@code .$} field holds a path or a call that
   * parses.
   *
   * @return the problems, empty when none
   */
  public static List<String> check(JsonNode template, String where) {
    java.util.ArrayList<String> problems = new java.util.ArrayList<>();
    check(template, where, problems);
    return problems;
  }

  private static void check(JsonNode template, String where, List<String> problems) {
    if (template instanceof ObjectNode object) {
      object
          .fields()
          .forEachRemaining(
              entry -> {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                if (key.endsWith(".$")) {
                  if (!value.isTextual()) {
                    problems.add(
                        "The value for the field '" + key + "' must be a STRING at " + where);
                  } else if (Intrinsics.isCall(value.asText())) {
                    try {
                      Intrinsics.parse(value.asText());
                    } catch (IllegalArgumentException e) {
                      problems.add(
                          "The value for the field '"
                              + key
                              + "' must be a valid JSONPath or a valid intrinsic function call ("
                              + e.getMessage()
                              + ") at "
                              + where);
                    }
                  } else if (!JsonPaths.isPath(value.asText())) {
                    problems.add(
                        "The value for the field '"
                            + key
                            + "' must be a valid JSONPath or a valid intrinsic function call at "
                            + where);
                  }
                } else {
                  check(value, where + "/" + key, problems);
                }
              });
    } else if (template instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        check(array.get(i), where + "[" + i + "]", problems);
      }
    }
  }
}
