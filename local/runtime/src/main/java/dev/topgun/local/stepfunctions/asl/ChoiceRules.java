package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Choice state's rules: the comparison operators (each with its {@code …Path} form comparing to
 * another value of the data), {@code And}/{@code Or}/{@code Not}, and the type tests. As in Step
 * Functions, a comparison of values of another type is false, and a {@code Variable} that selects
 * nothing is a {@code States.Runtime} error (only {@code IsPresent} may test for that).
 */
public final class ChoiceRules {

  static final Set<String> COMPARISONS =
      Set.of(
          "StringEquals",
          "StringLessThan",
          "StringGreaterThan",
          "StringLessThanEquals",
          "StringGreaterThanEquals",
          "StringMatches",
          "NumericEquals",
          "NumericLessThan",
          "NumericGreaterThan",
          "NumericLessThanEquals",
          "NumericGreaterThanEquals",
          "BooleanEquals",
          "TimestampEquals",
          "TimestampLessThan",
          "TimestampGreaterThan",
          "TimestampLessThanEquals",
          "TimestampGreaterThanEquals",
          "IsNull",
          "IsPresent",
          "IsNumeric",
          "IsString",
          "IsBoolean",
          "IsTimestamp");

  private ChoiceRules() {}

  /** Whether the rule holds for the data. */
  public static boolean matches(JsonNode rule, JsonNode data, JsonNode context) {
    if (rule.has("And")) {
      for (JsonNode inner : rule.get("And")) {
        if (!matches(inner, data, context)) {
          return false;
        }
      }
      return true;
    }
    if (rule.has("Or")) {
      for (JsonNode inner : rule.get("Or")) {
        if (matches(inner, data, context)) {
          return true;
        }
      }
      return false;
    }
    if (rule.has("Not")) {
      return !matches(rule.get("Not"), data, context);
    }
    String variable = rule.path("Variable").asText();
    String operator = operator(rule);
    JsonNode operand = rule.get(operator);
    if (operator.equals("IsPresent")) {
      return JsonPaths.present(variable, data, context) == operand.asBoolean();
    }
    JsonNode value;
    try {
      value = JsonPaths.read(variable, data, context);
    } catch (StatesError e) {
      throw StatesError.runtime(
          "Invalid path '"
              + variable
              + "': The choice state's condition path references an"
              + " invalid value.");
    }
    String base = operator;
    if (operator.endsWith("Path")) {
      base = operator.substring(0, operator.length() - 4);
      operand = JsonPaths.read(operand.asText(), data, context);
    }
    return compare(base, value, operand);
  }

  private static boolean compare(String operator, JsonNode value, JsonNode operand) {
    return switch (operator) {
      case "IsNull" -> value.isNull() == operand.asBoolean();
      case "IsNumeric" -> value.isNumber() == operand.asBoolean();
      case "IsString" -> value.isTextual() == operand.asBoolean();
      case "IsBoolean" -> value.isBoolean() == operand.asBoolean();
      case "IsTimestamp" -> (timestamp(value) != null) == operand.asBoolean();
      case "StringEquals" ->
          value.isTextual() && operand.isTextual() && value.asText().equals(operand.asText());
      case "StringLessThan" ->
          strings(value, operand) && value.asText().compareTo(operand.asText()) < 0;
      case "StringGreaterThan" ->
          strings(value, operand) && value.asText().compareTo(operand.asText()) > 0;
      case "StringLessThanEquals" ->
          strings(value, operand) && value.asText().compareTo(operand.asText()) <= 0;
      case "StringGreaterThanEquals" ->
          strings(value, operand) && value.asText().compareTo(operand.asText()) >= 0;
      case "StringMatches" ->
          strings(value, operand) && wildcard(operand.asText()).matcher(value.asText()).matches();
      case "NumericEquals" ->
          numbers(value, operand) && value.decimalValue().compareTo(operand.decimalValue()) == 0;
      case "NumericLessThan" ->
          numbers(value, operand) && value.decimalValue().compareTo(operand.decimalValue()) < 0;
      case "NumericGreaterThan" ->
          numbers(value, operand) && value.decimalValue().compareTo(operand.decimalValue()) > 0;
      case "NumericLessThanEquals" ->
          numbers(value, operand) && value.decimalValue().compareTo(operand.decimalValue()) <= 0;
      case "NumericGreaterThanEquals" ->
          numbers(value, operand) && value.decimalValue().compareTo(operand.decimalValue()) >= 0;
      case "BooleanEquals" ->
          value.isBoolean() && operand.isBoolean() && value.asBoolean() == operand.asBoolean();
      case "TimestampEquals" -> timestamps(value, operand) == 0;
      case "TimestampLessThan" -> timestamps(value, operand) == -1;
      case "TimestampGreaterThan" -> timestamps(value, operand) == 1;
      case "TimestampLessThanEquals" -> {
        int c = timestamps(value, operand);
        yield c == -1 || c == 0;
      }
      case "TimestampGreaterThanEquals" -> {
        int c = timestamps(value, operand);
        yield c == 1 || c == 0;
      }
      default -> throw new IllegalStateException("unchecked operator " + operator);
    };
  }

  private static boolean strings(JsonNode a, JsonNode b) {
    return a.isTextual() && b.isTextual();
  }

  private static boolean numbers(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber();
  }

  /** -1, 0 or 1; 2 when either is not a timestamp (every comparison is then false). */
  private static int timestamps(JsonNode a, JsonNode b) {
    OffsetDateTime x = timestamp(a);
    OffsetDateTime y = timestamp(b);
    if (x == null || y == null) {
      return 2;
    }
    return Integer.signum(x.toInstant().compareTo(y.toInstant()));
  }

  /** An RFC 3339 timestamp with an upper-case T and Z (or an offset), as Step Functions wants. */
  static OffsetDateTime timestamp(JsonNode value) {
    if (!value.isTextual() || !value.asText().contains("T")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code *} matches any run of characters; {@code \*} and {@code \\} are literal. */
  static Pattern wildcard(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** The one comparison operator of a leaf rule ({@code StringEquals}, {@code IsNullPath}...). */
  static String operator(JsonNode rule) {
    List<String> found = new ArrayList<>();
    rule.fieldNames()
        .forEachRemaining(
            name -> {
              String base = name.endsWith("Path") ? name.substring(0, name.length() - 4) : name;
              if (COMPARISONS.contains(base)) {
                found.add(name);
              }
            });
    return found.size() == 1 ? found.get(0) : null;
  }

  /** Checks a rule's shape; {@code top} rules must have a {@code Next}. */
  static void check(JsonNode rule, String where, boolean top, List<String> problems) {
    if (!rule.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: a choice rule must be an object at " + where);
      return;
    }
    if (top && !rule.path("Next").isTextual()) {
      problems.add("MISSING_TRANSITION_TARGET: a choice rule has no 'Next' at " + where);
    }
    if (!top && rule.has("Next")) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: a nested choice rule may not have 'Next' at " + where);
    }
    for (String combinator : List.of("And", "Or")) {
      if (rule.has(combinator)) {
        JsonNode inner = rule.get(combinator);
        if (!inner.isArray() || inner.isEmpty()) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: '"
                  + combinator
                  + "' must be a non-empty array at "
                  + where);
          return;
        }
        for (int i = 0; i < inner.size(); i++) {
          check(inner.get(i), where + "/" + combinator + "[" + i + "]", false, problems);
        }
        return;
      }
    }
    if (rule.has("Not")) {
      check(rule.get("Not"), where + "/Not", false, problems);
      return;
    }
    String variable = rule.path("Variable").asText(null);
    if (variable == null || !JsonPaths.isPath(variable)) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: a choice rule needs a 'Variable' that is a path at " + where);
    }
    String operator = operator(rule);
    if (operator == null) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: a choice rule needs exactly one comparison operator at "
              + where);
      return;
    }
    JsonNode operand = rule.get(operator);
    String base =
        operator.endsWith("Path") ? operator.substring(0, operator.length() - 4) : operator;
    boolean ok;
    if (operator.endsWith("Path")) {
      ok = operand.isTextual() && JsonPaths.isPath(operand.asText());
    } else if (base.startsWith("Is") || base.equals("BooleanEquals")) {
      ok = operand.isBoolean();
    } else if (base.startsWith("Numeric")) {
      ok = operand.isNumber();
    } else if (base.startsWith("Timestamp")) {
      ok = timestamp(operand) != null;
    } else {
      ok = operand.isTextual();
    }
    if (!ok) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: the value of '"
              + operator
              + "' has the wrong type at "
              + where);
    }
  }
}
