package dev.topgun.local.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads cognito-local's output line by line and recognises its "Confirmation Code Delivery" boxes,
 * which is how cognito-local delivers a sign-up or forgotten-password code: it logs it (its
 * ConsoleMessageSender, which no configuration replaces) instead of e-mailing it as Cognito does. A
 * box looks like this, with ANSI colours around it:
 *
 * <pre>
 * ╭──────────────────────────────╮
 * │   Confirmation Code Delivery │
 * │   Username:    4742…         │
 * │   Destination: a@example.test│
 * │   Code:        172360        │
 * ╰──────────────────────────────╯
 * </pre>
 *
 * <p>Not thread-safe: one reader feeds it.
 */
public final class CodeDeliveries {

  /** One code cognito-local would have sent; subject and message only when the pool has them. */
  public record Delivery(
      String username,
      String destination,
      String code,
      Optional<String> subject,
      Optional<String> message) {}

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  private static final String TITLE = "Confirmation Code Delivery";
  private static final Pattern FIELD =
      Pattern.compile(
          "^(Username|Destination|Code|Email Subject|Email Message|SMS Message):\\s*(.*)$");

  private Map<String, String> fields;
  private String lastField;

  /** Feeds one line of output; returns the delivery whose box this line closes, if any. */
  public Optional<Delivery> accept(String rawLine) {
    String line = ANSI.matcher(rawLine).replaceAll("");
    if (fields == null) {
      if (line.contains(TITLE)) {
        fields = new LinkedHashMap<>();
        lastField = null;
      }
      return Optional.empty();
    }
    if (line.contains("╰")) {
      Map<String, String> done = fields;
      fields = null;
      return deliveryOf(done);
    }
    String inner = strip(line);
    if (inner.isEmpty()) {
      return Optional.empty();
    }
    var field = FIELD.matcher(inner);
    if (field.matches()) {
      lastField = field.group(1);
      fields.put(lastField, field.group(2).strip());
    } else if (lastField != null) {
      // A long value (a message) wraps onto the box's next lines.
      fields.merge(lastField, inner, (before, more) -> before + "\n" + more);
    }
    return Optional.empty();
  }

  /** Every delivery in a block of output, in order. */
  public static List<Delivery> parse(String output) {
    CodeDeliveries parser = new CodeDeliveries();
    List<Delivery> found = new ArrayList<>();
    output.lines().forEach(line -> parser.accept(line).ifPresent(found::add));
    return found;
  }

  private static String strip(String line) {
    String inner = line.strip();
    if (inner.startsWith("│")) {
      inner = inner.substring(1);
    }
    if (inner.endsWith("│")) {
      inner = inner.substring(0, inner.length() - 1);
    }
    return inner.strip();
  }

  private static Optional<Delivery> deliveryOf(Map<String, String> fields) {
    String destination = fields.get("Destination");
    String code = fields.get("Code");
    if (destination == null || code == null || destination.isBlank() || code.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new Delivery(
            fields.getOrDefault("Username", ""),
            destination,
            code,
            Optional.ofNullable(fields.get("Email Subject")),
            Optional.ofNullable(fields.get("Email Message"))));
  }
}
