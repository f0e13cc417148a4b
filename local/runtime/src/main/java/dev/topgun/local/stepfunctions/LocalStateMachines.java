package dev.topgun.local.stepfunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's {@code state-machines/*.asl.json}, with the substitutions infra-cdk's {@code
 * Workflows} makes, in local values: {@code ${<Function>FunctionArn}} is the local function's ARN
 * ({@code arn:aws:lambda:us-east-1:000000000000:function:<module>}, no alias here), {@code
 * ${EventBusName}} the runtime's bus. A file {@code <name>.asl.json} becomes the state machine
 * {@code topgun-<name>} (infra-cdk names it {@code topgun-<stage>-<name>}; locally there is no
 * stage). Any other placeholder stops the start, as it fails infra-cdk's synth.
 */
public final class LocalStateMachines {

  /** The role every local state machine names; nothing checks it locally. */
  public static final String ROLE = "arn:aws:iam::000000000000:role/topgun-local-states";

  static final String FUNCTION_ARN_SUFFIX = "FunctionArn";
  static final String EVENT_BUS_NAME = "EventBusName";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
  private static final Pattern FILE_NAME = Pattern.compile("[a-z][a-z0-9-]*");

  /** One definition ready to create: its state machine name, the substituted text, its file. */
  public record Local(String name, String definition, Path file) {}

  private LocalStateMachines() {}

  /**
   * @param functions the function modules ({@code platform}, {@code organizations}...)
   * @param functionArnPrefix {@code arn:aws:lambda:<region>:<account>:function:}
   * @throws IllegalStateException naming every unknown placeholder or badly named file
   */
  public static List<Local> load(
      Path dir, Collection<String> functions, String functionArnPrefix, String bus) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Map<String, String> values = new TreeMap<>();
    for (String function : functions) {
      values.put(pascal(function) + FUNCTION_ARN_SUFFIX, functionArnPrefix + function);
    }
    values.put(EVENT_BUS_NAME, bus);
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".asl.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    List<Local> definitions = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      String name = fileName.substring(0, fileName.length() - ".asl.json".length());
      if (!FILE_NAME.matcher(name).matches()) {
        problems.add(file + ": state machine file names are [a-z][a-z0-9-]*.asl.json");
        continue;
      }
      String text;
      try {
        text = Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      Set<String> unknown = new TreeSet<>();
      StringBuilder out = new StringBuilder();
      Matcher m = PLACEHOLDER.matcher(text);
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          unknown.add("${" + m.group(1) + "}");
          value = m.group();
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      if (!unknown.isEmpty()) {
        problems.add(
            file
                + " uses "
                + unknown
                + "; the local runtime substitutes ${"
                + EVENT_BUS_NAME
                + "} and ${<Function>"
                + FUNCTION_ARN_SUFFIX
                + "} for "
                + values.keySet().stream()
                    .filter(k -> k.endsWith(FUNCTION_ARN_SUFFIX))
                    .map(k -> k.substring(0, k.length() - FUNCTION_ARN_SUFFIX.length()))
                    .toList());
        continue;
      }
      definitions.add(new Local(stateMachineName(name), out.toString(), file));
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return definitions;
  }

  /** {@code topgun-<name>} for {@code state-machines/<name>.asl.json}. */
  public static String stateMachineName(String fileName) {
    return "topgun-" + fileName;
  }

  /** {@code Organizations} for {@code organizations}, as infra-cdk names the placeholders. */
  static String pascal(String module) {
    StringBuilder out = new StringBuilder();
    for (String part : module.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
