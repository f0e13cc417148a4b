package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A state machine definition in the Amazon States Language, checked once when it is created or
 * updated (the problems go back as {@code InvalidDefinition}, in Step Functions' wording where it
 * has one), then read by the engine.
 *
 * <p>A scope (the top level, a Parallel branch, a Map's item processor) is addressed by the names
 * and indexes that lead to it: {@code []}, {@code ["Fork", 1]}, {@code ["Fork", 1, "Each", 0]}.
 */
public final class Definition {

  static final Set<String> TYPES =
      Set.of("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map");

  private final JsonNode root;

  private Definition(JsonNode root) {
    this.root = root;
  }

  /**
   * @throws InvalidDefinitionException with every problem found
   */
  public static Definition parse(String text) {
    JsonNode root;
    try {
      root = Json.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidDefinitionException(
          "INVALID_JSON_DESCRIPTION: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " at (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new InvalidDefinitionException("INVALID_JSON_DESCRIPTION: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    if (!root.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: the definition must be a JSON object at /");
    } else {
      checkScope(root, "", problems);
      JsonNode timeout = root.get("TimeoutSeconds");
      if (timeout != null
          && !(timeout.canConvertToInt() && timeout.isIntegralNumber() && timeout.asInt() > 0)) {
        problems.add(
            "SCHEMA_VALIDATION_FAILED: TimeoutSeconds must be a positive integer at /TimeoutSeconds");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDefinitionException(String.join(", ", problems));
    }
    return new Definition(root);
  }

  public JsonNode json() {
    return root;
  }

  /** The execution's {@code TimeoutSeconds}, or {@code null}. */
  public Integer timeoutSeconds() {
    JsonNode timeout = root.get("TimeoutSeconds");
    return timeout == null ? null : timeout.asInt();
  }

  /** The object holding {@code StartAt} and {@code States} at {@code path}. */
  public JsonNode scope(List<Object> path) {
    JsonNode scope = root;
    for (int i = 0; i < path.size(); i += 2) {
      JsonNode state = scope.get("States").get((String) path.get(i));
      int index = ((Number) path.get(i + 1)).intValue();
      scope =
          state.path("Type").asText().equals("Parallel")
              ? state.get("Branches").get(index)
              : processor(state);
    }
    return scope;
  }

  public JsonNode state(List<Object> scope, String name) {
    return scope(scope).get("States").get(name);
  }

  static JsonNode processor(JsonNode map) {
    return map.has("ItemProcessor") ? map.get("ItemProcessor") : map.get("Iterator");
  }

  private static void checkScope(JsonNode scope, String where, List<String> problems) {
    JsonNode states = scope.get("States");
    String startAt = scope.path("StartAt").asText(null);
    if (startAt == null) {
      problems.add("SCHEMA_VALIDATION_FAILED: The field 'StartAt' is required at " + where + "/");
    }
    if (states == null || !states.isObject() || states.isEmpty()) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: The field 'States' must be a non-empty object at "
              + where
              + "/");
      return;
    }
    if (startAt != null && !states.has(startAt)) {
      problems.add(
          "MISSING_TRANSITION_TARGET: Missing 'Next' target: "
              + startAt
              + " at "
              + where
              + "/StartAt");
    }
    states
        .fields()
        .forEachRemaining(
            entry ->
                checkState(
                    entry.getKey(),
                    entry.getValue(),
                    states,
                    where + "/States/" + entry.getKey(),
                    problems));
  }

  private static void checkState(
      String name, JsonNode state, JsonNode states, String where, List<String> problems) {
    if (name.isEmpty() || name.length() > 80) {
      problems.add("SCHEMA_VALIDATION_FAILED: State names must be 1 to 80 characters at " + where);
    }
    if (!state.isObject()) {
      problems.add("SCHEMA_VALIDATION_FAILED: a state must be an object at " + where);
      return;
    }
    String type = state.path("Type").asText(null);
    if (type == null || !TYPES.contains(type)) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: "
              + TYPES.stream().sorted().toList()
              + " at "
              + where
              + "/Type");
      return;
    }
    boolean terminal = type.equals("Choice") || type.equals("Succeed") || type.equals("Fail");
    if (!terminal) {
      boolean end = state.path("End").asBoolean(false);
      JsonNode next = state.get("Next");
      if (end == (next != null)) {
        problems.add(
            "SCHEMA_VALIDATION_FAILED: exactly one of 'Next' and 'End: true' is required at "
                + where);
      }
      transition(next, states, where + "/Next", problems);
    }
    for (String field : List.of("InputPath", "OutputPath")) {
      JsonNode path = state.get(field);
      if (path != null
          && !path.isNull()
          && !(path.isTextual() && JsonPaths.isPath(path.asText()))) {
        problems.add(
            "SCHEMA_VALIDATION_FAILED: The value for the field '"
                + field
                + "' must be a valid JSONPath at "
                + where
                + "/"
                + field);
      }
    }
    JsonNode resultPath = state.get("ResultPath");
    if (resultPath != null
        && !resultPath.isNull()
        && !(resultPath.isTextual() && JsonPaths.isReferencePath(resultPath.asText()))) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid JSONPath at "
              + where
              + "/ResultPath");
    }
    for (String field : List.of("Parameters", "ResultSelector", "ItemSelector")) {
      if (state.has(field)) {
        problems.addAll(PayloadTemplate.check(state.get(field), where + "/" + field));
      }
    }
    switch (type) {
      case "Task" -> checkTask(state, states, where, problems);
      case "Choice" -> {
        JsonNode choices = state.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: The field 'Choices' must be a non-empty array at "
                  + where);
        } else {
          for (int i = 0; i < choices.size(); i++) {
            ChoiceRules.check(choices.get(i), where + "/Choices[" + i + "]", true, problems);
            transition(
                choices.get(i).get("Next"), states, where + "/Choices[" + i + "]/Next", problems);
          }
        }
        transition(state.get("Default"), states, where + "/Default", problems);
      }
      case "Wait" -> {
        long given =
            List.of("Seconds", "Timestamp", "SecondsPath", "TimestampPath").stream()
                .filter(state::has)
                .count();
        if (given != 1) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath' is required at "
                  + where);
        } else if (state.has("Seconds")
            && !(state.get("Seconds").isIntegralNumber() && state.get("Seconds").asLong() >= 0)) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: 'Seconds' must be a non-negative integer at "
                  + where
                  + "/Seconds");
        } else if (state.has("Timestamp")
            && ChoiceRules.timestamp(state.get("Timestamp")) == null) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: 'Timestamp' must be an RFC 3339 timestamp at "
                  + where
                  + "/Timestamp");
        }
        pathField(state, "SecondsPath", where, problems);
        pathField(state, "TimestampPath", where, problems);
      }
      case "Fail" -> {
        for (String field : List.of("Error", "Cause")) {
          valueOrPath(state, field, where, problems);
        }
      }
      case "Parallel" -> {
        JsonNode branches = state.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: The field 'Branches' must be a non-empty array at "
                  + where);
        } else {
          for (int i = 0; i < branches.size(); i++) {
            checkScope(branches.get(i), where + "/Branches[" + i + "]", problems);
          }
        }
        checkErrorHandling(state, states, where, problems);
      }
      case "Map" -> {
        JsonNode processor = processor(state);
        if (processor == null || !processor.isObject()) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: The field 'ItemProcessor' (or 'Iterator') is required at "
                  + where);
        } else {
          if ("DISTRIBUTED".equals(processor.path("ProcessorConfig").path("Mode").asText())) {
            problems.add(
                "SCHEMA_VALIDATION_FAILED: the local engine runs INLINE maps only, not DISTRIBUTED at "
                    + where
                    + "/ItemProcessor/ProcessorConfig");
          }
          checkScope(
              processor,
              where + (state.has("ItemProcessor") ? "/ItemProcessor" : "/Iterator"),
              problems);
        }
        if (state.has("ItemReader") || state.has("ResultWriter")) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: the local engine has no ItemReader or ResultWriter at "
                  + where);
        }
        if (state.has("MaxConcurrency")
            && !(state.get("MaxConcurrency").isIntegralNumber()
                && state.get("MaxConcurrency").asInt() >= 0)) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: 'MaxConcurrency' must be a non-negative integer at "
                  + where
                  + "/MaxConcurrency");
        }
        pathField(state, "ItemsPath", where, problems);
        pathField(state, "MaxConcurrencyPath", where, problems);
        checkErrorHandling(state, states, where, problems);
      }
      default -> {
        // Pass and Succeed have nothing more to check.
      }
    }
  }

  private static void checkTask(
      JsonNode state, JsonNode states, String where, List<String> problems) {
    JsonNode resource = state.get("Resource");
    if (resource == null || !resource.isTextual()) {
      problems.add("SCHEMA_VALIDATION_FAILED: The field 'Resource' is required at " + where);
    } else {
      try {
        Resource parsed = Resource.parse(resource.asText());
        JsonNode parameters = state.path("Parameters");
        if (parsed.kind() == Resource.Kind.LAMBDA_INVOKE
            && !parameters.has("FunctionName")
            && !parameters.has("FunctionName.$")) {
          problems.add(
              "SCHEMA_VALIDATION_FAILED: The field 'FunctionName' is required but was missing at "
                  + where
                  + "/Parameters");
        }
      } catch (IllegalArgumentException e) {
        problems.add("SCHEMA_VALIDATION_FAILED: " + e.getMessage() + " at " + where + "/Resource");
      }
    }
    for (String field : List.of("TimeoutSeconds", "HeartbeatSeconds")) {
      JsonNode value = state.get(field);
      if (value != null
          && !(value.isIntegralNumber() && value.asLong() > 0 && value.asLong() <= 99999999)) {
        problems.add(
            "SCHEMA_VALIDATION_FAILED: '"
                + field
                + "' must be a positive integer at "
                + where
                + "/"
                + field);
      }
      valueOrPath(state, field, where, problems);
    }
    if (state.has("TimeoutSeconds")
        && state.has("HeartbeatSeconds")
        && state.get("HeartbeatSeconds").asLong() >= state.get("TimeoutSeconds").asLong()) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds' at "
              + where);
    }
    checkErrorHandling(state, states, where, problems);
  }

  private static void checkErrorHandling(
      JsonNode state, JsonNode states, String where, List<String> problems) {
    JsonNode retry = state.get("Retry");
    if (retry != null) {
      if (!retry.isArray()) {
        problems.add("SCHEMA_VALIDATION_FAILED: 'Retry' must be an array at " + where + "/Retry");
      } else {
        for (int i = 0; i < retry.size(); i++) {
          JsonNode retrier = retry.get(i);
          String at = where + "/Retry[" + i + "]";
          errorEquals(retrier, at, i == retry.size() - 1, problems);
          positiveInt(retrier, "IntervalSeconds", 1, at, problems);
          positiveInt(retrier, "MaxAttempts", 0, at, problems);
          positiveInt(retrier, "MaxDelaySeconds", 1, at, problems);
          JsonNode backoff = retrier.get("BackoffRate");
          if (backoff != null && !(backoff.isNumber() && backoff.asDouble() >= 1.0)) {
            problems.add(
                "SCHEMA_VALIDATION_FAILED: 'BackoffRate' must be a number of at least 1.0 at "
                    + at);
          }
          JsonNode jitter = retrier.get("JitterStrategy");
          if (jitter != null && !Set.of("FULL", "NONE").contains(jitter.asText())) {
            problems.add(
                "SCHEMA_VALIDATION_FAILED: 'JitterStrategy' must be FULL or NONE at " + at);
          }
        }
      }
    }
    JsonNode catchers = state.get("Catch");
    if (catchers != null) {
      if (!catchers.isArray()) {
        problems.add("SCHEMA_VALIDATION_FAILED: 'Catch' must be an array at " + where + "/Catch");
      } else {
        for (int i = 0; i < catchers.size(); i++) {
          JsonNode catcher = catchers.get(i);
          String at = where + "/Catch[" + i + "]";
          errorEquals(catcher, at, i == catchers.size() - 1, problems);
          if (!catcher.path("Next").isTextual()) {
            problems.add("MISSING_TRANSITION_TARGET: a catcher has no 'Next' at " + at);
          } else {
            transition(catcher.get("Next"), states, at + "/Next", problems);
          }
          JsonNode resultPath = catcher.get("ResultPath");
          if (resultPath != null
              && !resultPath.isNull()
              && !(resultPath.isTextual() && JsonPaths.isReferencePath(resultPath.asText()))) {
            problems.add(
                "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid JSONPath at "
                    + at
                    + "/ResultPath");
          }
        }
      }
    }
  }

  private static void errorEquals(
      JsonNode handler, String at, boolean last, List<String> problems) {
    JsonNode errors = handler.get("ErrorEquals");
    if (errors == null || !errors.isArray() || errors.isEmpty()) {
      problems.add("SCHEMA_VALIDATION_FAILED: 'ErrorEquals' must be a non-empty array at " + at);
      return;
    }
    for (JsonNode error : errors) {
      if (!error.isTextual()) {
        problems.add("SCHEMA_VALIDATION_FAILED: 'ErrorEquals' must hold strings at " + at);
      } else if (error.asText().equals(StatesError.ALL) && (errors.size() > 1 || !last)) {
        problems.add(
            "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone, in the last retrier or catcher, at "
                + at);
      }
    }
  }

  private static void positiveInt(
      JsonNode node, String field, int min, String at, List<String> problems) {
    JsonNode value = node.get(field);
    if (value != null
        && !(value.isIntegralNumber() && value.asLong() >= min && value.asLong() <= 99999999)) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: '"
              + field
              + "' must be an integer of at least "
              + min
              + " at "
              + at
              + "/"
              + field);
    }
  }

  /** {@code field} or {@code fieldPath}, not both; the path, if given, must be a path. */
  private static void valueOrPath(
      JsonNode state, String field, String where, List<String> problems) {
    if (state.has(field) && state.has(field + "Path")) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: only one of '"
              + field
              + "' and '"
              + field
              + "Path' may be given at "
              + where);
    }
    pathField(state, field + "Path", where, problems);
  }

  private static void pathField(JsonNode state, String field, String where, List<String> problems) {
    JsonNode value = state.get(field);
    if (value != null && !(value.isTextual() && JsonPaths.isPath(value.asText()))) {
      problems.add(
          "SCHEMA_VALIDATION_FAILED: The value for the field '"
              + field
              + "' must be a valid JSONPath at "
              + where
              + "/"
              + field);
    }
  }

  private static void transition(
      JsonNode next, JsonNode states, String where, List<String> problems) {
    if (next == null) {
      return;
    }
    if (!next.isTextual() || !states.has(next.asText())) {
      problems.add(
          "MISSING_TRANSITION_TARGET: Missing 'Next' target: " + next.asText() + " at " + where);
    }
  }

  /** The definition was refused; the message lists every problem. */
  public static final class InvalidDefinitionException extends RuntimeException {
    public InvalidDefinitionException(String message) {
      super(message);
    }
  }
}
