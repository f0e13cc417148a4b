package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.topgun.emulators.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The States Language's intrinsic functions ({@code States.Format('{} items', $.count)} and the
 * rest), parsed from the text of a {@code .$} field and evaluated against the state's data and the
 * context object. A malformed call is refused when the state machine is created; a call that fails
 * on its arguments at run time is a {@code States.Runtime} error, as in Step Functions.
 */
public final class Intrinsics {

  /** At most this many elements from {@code States.ArrayRange}, as Step Functions limits it. */
  static final int MAX_RANGE = 1000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Intrinsics() {}

  /** A parsed argument: a literal, a path, or a nested call. */
  sealed interface Arg permits Literal, PathArg, Call {}

  record Literal(JsonNode value) implements Arg {}

  record PathArg(String path) implements Arg {}

  /** A parsed call, e.g. {@code States.Format}, with its arguments. */
  public record Call(String function, List<Arg> args) implements Arg {}

  /** Whether a {@code .$} field's text is an intrinsic call rather than a path. */
  public static boolean isCall(String text) {
    return text.startsWith("States.");
  }

  /**
   * @throws IllegalArgumentException naming what is wrong, for {@code InvalidDefinition}
   */
  public static Call parse(String text) {
    Parser parser = new Parser(text);
    Call call = parser.call();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw new IllegalArgumentException(
          "unexpected '" + text.substring(parser.at) + "' after the call in: " + text);
    }
    return call;
  }

  /** Evaluates a parsed call. */
  public static JsonNode evaluate(Call call, JsonNode data, JsonNode context, Random random) {
    List<JsonNode> args = new ArrayList<>();
    for (Arg arg : call.args()) {
      if (arg instanceof Literal literal) {
        args.add(literal.value());
      } else if (arg instanceof PathArg path) {
        args.add(JsonPaths.read(path.path(), data, context));
      } else {
        args.add(evaluate((Call) arg, data, context, random));
      }
    }
    try {
      return apply(call.function(), args, random);
    } catch (IllegalArgumentException e) {
      throw StatesError.runtime(
          "The intrinsic function " + call.function() + " failed: " + e.getMessage());
    }
  }

  private static JsonNode apply(String function, List<JsonNode> args, Random random) {
    return switch (function) {
      case "States.Format" -> format(args);
      case "States.StringToJson" -> {
        arity(function, args, 1);
        try {
          yield Json.parse(text(function, args.get(0)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new IllegalArgumentException("the argument is not JSON text");
        }
      }
      case "States.JsonToString" -> {
        arity(function, args, 1);
        yield TextNode.valueOf(Json.text(args.get(0)));
      }
      case "States.Array" -> {
        ArrayNode array = NODES.arrayNode();
        args.forEach(array::add);
        yield array;
      }
      case "States.ArrayPartition" -> {
        arity(function, args, 2);
        ArrayNode array = array(function, args.get(0));
        int size = integer(function, args.get(1));
        if (size <= 0) {
          throw new IllegalArgumentException("the chunk size must be positive");
        }
        ArrayNode chunks = NODES.arrayNode();
        ArrayNode chunk = null;
        for (JsonNode item : array) {
          if (chunk == null || chunk.size() == size) {
            chunk = chunks.addArray();
          }
          chunk.add(item);
        }
        yield chunks;
      }
      case "States.ArrayContains" -> {
        arity(function, args, 2);
        JsonNode needle = args.get(1);
        boolean found = false;
        for (JsonNode item : array(function, args.get(0))) {
          found |= sameValue(item, needle);
        }
        yield BooleanNode.valueOf(found);
      }
      case "States.ArrayRange" -> {
        arity(function, args, 3);
        int start = integer(function, args.get(0));
        int end = integer(function, args.get(1));
        int step = integer(function, args.get(2));
        if (step == 0) {
          throw new IllegalArgumentException("the step must not be 0");
        }
        ArrayNode range = NODES.arrayNode();
        for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
          if (range.size() == MAX_RANGE) {
            throw new IllegalArgumentException("more than " + MAX_RANGE + " elements");
          }
          range.add((int) i);
        }
        yield range;
      }
      case "States.ArrayGetItem" -> {
        arity(function, args, 2);
        ArrayNode array = array(function, args.get(0));
        int index = integer(function, args.get(1));
        if (index < 0 || index >= array.size()) {
          throw new IllegalArgumentException("index " + index + " is out of range");
        }
        yield array.get(index);
      }
      case "States.ArrayLength" -> {
        arity(function, args, 1);
        yield IntNode.valueOf(array(function, args.get(0)).size());
      }
      case "States.ArrayUnique" -> {
        arity(function, args, 1);
        Set<JsonNode> seen = new LinkedHashSet<>();
        array(function, args.get(0)).forEach(seen::add);
        ArrayNode unique = NODES.arrayNode();
        seen.forEach(unique::add);
        yield unique;
      }
      case "States.Base64Encode" -> {
        arity(function, args, 1);
        yield TextNode.valueOf(
            Base64.getEncoder()
                .encodeToString(text(function, args.get(0)).getBytes(StandardCharsets.UTF_8)));
      }
      case "States.Base64Decode" -> {
        arity(function, args, 1);
        try {
          yield TextNode.valueOf(
              new String(
                  Base64.getDecoder().decode(text(function, args.get(0))), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("the argument is not base64");
        }
      }
      case "States.Hash" -> {
        arity(function, args, 2);
        String algorithm = text(function, args.get(1));
        if (!Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512").contains(algorithm)) {
          throw new IllegalArgumentException(
              "the algorithm must be MD5, SHA-1, SHA-256, SHA-384 or SHA-512: " + algorithm);
        }
        JsonNode data = args.get(0);
        String input = data.isTextual() ? data.asText() : Json.text(data);
        try {
          yield TextNode.valueOf(
              HexFormat.of()
                  .formatHex(
                      MessageDigest.getInstance(algorithm)
                          .digest(input.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("every JVM provides " + algorithm, e);
        }
      }
      case "States.JsonMerge" -> {
        arity(function, args, 3);
        if (!args.get(0).isObject() || !args.get(1).isObject()) {
          throw new IllegalArgumentException("both arguments must be objects");
        }
        if (!args.get(2).isBoolean() || args.get(2).asBoolean()) {
          throw new IllegalArgumentException("only the shallow merge (false) is supported");
        }
        ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
        merged.setAll((ObjectNode) args.get(1));
        yield merged;
      }
      case "States.MathRandom" -> {
        if (args.size() != 2 && args.size() != 3) {
          throw new IllegalArgumentException("takes a start, an end and an optional seed");
        }
        int start = integer(function, args.get(0));
        int end = integer(function, args.get(1));
        if (end <= start) {
          throw new IllegalArgumentException("the end must be greater than the start");
        }
        Random source = args.size() == 3 ? new Random(integer(function, args.get(2))) : random;
        yield IntNode.valueOf(start + source.nextInt(end - start));
      }
      case "States.MathAdd" -> {
        arity(function, args, 2);
        long sum = (long) integer(function, args.get(0)) + integer(function, args.get(1));
        if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
          throw new IllegalArgumentException("the sum is out of the integer range");
        }
        yield IntNode.valueOf((int) sum);
      }
      case "States.StringSplit" -> {
        arity(function, args, 2);
        String input = text(function, args.get(0));
        String delimiters = text(function, args.get(1));
        ArrayNode parts = NODES.arrayNode();
        StringBuilder part = new StringBuilder();
        for (char c : input.toCharArray()) {
          if (delimiters.indexOf(c) >= 0) {
            if (!part.isEmpty()) {
              parts.add(part.toString());
            }
            part.setLength(0);
          } else {
            part.append(c);
          }
        }
        if (!part.isEmpty()) {
          parts.add(part.toString());
        }
        yield parts;
      }
      case "States.UUID" -> {
        arity(function, args, 0);
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
          high = (high << 8) | (bytes[i] & 0xff);
          low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        yield TextNode.valueOf(new UUID(high, low).toString());
      }
      default -> throw new IllegalArgumentException("unknown intrinsic function " + function);
    };
  }

  static boolean known(String function) {
    return Set.of(
            "States.Format",
            "States.StringToJson",
            "States.JsonToString",
            "States.Array",
            "States.ArrayPartition",
            "States.ArrayContains",
            "States.ArrayRange",
            "States.ArrayGetItem",
            "States.ArrayLength",
            "States.ArrayUnique",
            "States.Base64Encode",
            "States.Base64Decode",
            "States.Hash",
            "States.JsonMerge",
            "States.MathRandom",
            "States.MathAdd",
            "States.StringSplit",
            "States.UUID")
        .contains(function);
  }

  private static JsonNode format(List<JsonNode> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("States.Format takes a template");
    }
    String template = text("States.Format", args.get(0));
    StringBuilder out = new StringBuilder();
    int next = 1;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (next >= args.size()) {
          throw new IllegalArgumentException("more {} in the template than arguments");
        }
        JsonNode arg = args.get(next++);
        if (arg.isContainerNode()) {
          throw new IllegalArgumentException("an argument is an object or an array");
        }
        out.append(arg.isTextual() ? arg.asText() : Json.text(arg));
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != args.size()) {
      throw new IllegalArgumentException("more arguments than {} in the template");
    }
    return TextNode.valueOf(out.toString());
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private static void arity(String function, List<JsonNode> args, int count) {
    if (args.size() != count) {
      throw new IllegalArgumentException(
          function + " takes " + count + " argument(s), not " + args.size());
    }
  }

  private static String text(String function, JsonNode value) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException(function + " wants a string, not " + Json.text(value));
    }
    return value.asText();
  }

  private static ArrayNode array(String function, JsonNode value) {
    if (!value.isArray()) {
      throw new IllegalArgumentException(function + " wants an array, not " + Json.text(value));
    }
    return (ArrayNode) value;
  }

  private static int integer(String function, JsonNode value) {
    if (!value.isNumber()) {
      throw new IllegalArgumentException(function + " wants an integer, not " + Json.text(value));
    }
    BigDecimal number = value.decimalValue();
    try {
      return number.intValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(function + " wants an integer, not " + number);
    }
  }

  /** A recursive-descent parser of one call; the grammar is the States Language's. */
  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return at >= text.length();
    }

    void skipSpaces() {
      while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    Call call() {
      skipSpaces();
      int start = at;
      while (!atEnd() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
        at++;
      }
      String name = text.substring(start, at);
      if (!known(name)) {
        throw new IllegalArgumentException("unknown intrinsic function '" + name + "' in: " + text);
      }
      skipSpaces();
      expect('(');
      List<Arg> args = new ArrayList<>();
      skipSpaces();
      if (peek() == ')') {
        at++;
        return new Call(name, args);
      }
      while (true) {
        args.add(arg());
        skipSpaces();
        char c = peek();
        at++;
        if (c == ')') {
          return new Call(name, args);
        }
        if (c != ',') {
          throw new IllegalArgumentException("expected ',' or ')' at " + (at - 1) + " in: " + text);
        }
      }
    }

    private Arg arg() {
      skipSpaces();
      char c = peek();
      if (c == '\'') {
        return new Literal(TextNode.valueOf(string()));
      }
      if (c == '$') {
        return new PathArg(path());
      }
      if (text.startsWith("States.", at)) {
        return call();
      }
      int start = at;
      while (!atEnd() && text.charAt(at) != ',' && text.charAt(at) != ')') {
        at++;
      }
      String literal = text.substring(start, at).trim();
      return switch (literal) {
        case "true" -> new Literal(BooleanNode.TRUE);
        case "false" -> new Literal(BooleanNode.FALSE);
        case "null" -> new Literal(NullNode.getInstance());
        default -> {
          try {
            JsonNode number = Json.parse(literal.getBytes(StandardCharsets.UTF_8));
            if (!number.isNumber()) {
              throw new IOException("not a number");
            }
            yield new Literal(number);
          } catch (IOException e) {
            throw new IllegalArgumentException(
                "'" + literal + "' is no string, number, boolean, null, path or call in: " + text);
          }
        }
      };
    }

    private String string() {
      expect('\'');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw new IllegalArgumentException("unterminated string in: " + text);
        }
        char c = text.charAt(at++);
        if (c == '\\') {
          if (atEnd()) {
            throw new IllegalArgumentException("unterminated string in: " + text);
          }
          out.append(text.charAt(at++));
        } else if (c == '\'') {
          return out.toString();
        } else {
          out.append(c);
        }
      }
    }

    /** Up to the ',' or ')' that ends the argument, outside brackets and parentheses. */
    private String path() {
      int start = at;
      int depth = 0;
      boolean quoted = false;
      while (!atEnd()) {
        char c = text.charAt(at);
        if (quoted) {
          if (c == '\\') {
            at++;
          } else if (c == '\'') {
            quoted = false;
          }
        } else if (c == '\'') {
          quoted = true;
        } else if (c == '[' || c == '(') {
          depth++;
        } else if (c == ']' || (c == ')' && depth > 0)) {
          depth--;
        } else if ((c == ',' || c == ')') && depth == 0) {
          break;
        }
        at++;
      }
      String path = text.substring(start, at).trim();
      if (!JsonPaths.isPath(path)) {
        throw new IllegalArgumentException("'" + path + "' is not a valid path in: " + text);
      }
      return path;
    }

    private char peek() {
      if (atEnd()) {
        throw new IllegalArgumentException("unexpected end of: " + text);
      }
      return text.charAt(at);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at + " in: " + text);
      }
      at++;
    }
  }
}
