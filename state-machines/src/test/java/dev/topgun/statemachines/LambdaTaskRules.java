package dev.topgun.statemachines;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Topgun's own rules over a definition, beyond valid ASL: every Lambda task ({@code
 * arn:aws:states:::lambda:invoke…} or a function ARN as the resource), at any depth,
 *
 * <ul>
 *   <li>has a Retry whose ErrorEquals (taken together) name the four Lambda service errors;
 *   <li>has a Catch on {@code States.ALL} whose Next leads to compensation: the states reachable
 *       from it (by Next, Choices, Default and Catch) are none of the main path's (the states
 *       reachable from StartAt without taking a Catch), none of them ends in success (Succeed or
 *       End), and a Fail state is among them.
 * </ul>
 */
final class LambdaTaskRules {

  static final List<String> SERVICE_ERRORS =
      List.of(
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.TooManyRequestsException");

  private static final Pattern LAMBDA_INVOKE =
      Pattern.compile("arn:aws:states:[a-z0-9-]*:[0-9]*:lambda:invoke(\\.waitForTaskToken)?");
  private static final Pattern FUNCTION_ARN =
      Pattern.compile(
          "(arn:aws:lambda:[^:]+:[^:]+:function:[^:]+(:[^:]+)?|\\$\\{[A-Za-z0-9]+FunctionArn})");

  private LambdaTaskRules() {}

  /** The rules broken, each naming its state; empty when none. */
  static List<String> check(JsonNode definition) {
    List<String> problems = new ArrayList<>();
    checkScope(definition, "", problems);
    return problems;
  }

  private static void checkScope(JsonNode scope, String where, List<String> problems) {
    JsonNode states = scope.path("States");
    Set<String> main = reachable(states, scope.path("StartAt").asText(), false);
    states
        .fields()
        .forEachRemaining(
            entry -> {
              String name = entry.getKey();
              JsonNode state = entry.getValue();
              String at = where + "/States/" + name;
              if (isLambdaTask(state)) {
                checkRetry(state, at, problems);
                checkCatch(states, state, main, at, problems);
              }
              for (int i = 0; i < state.path("Branches").size(); i++) {
                checkScope(state.get("Branches").get(i), at + "/Branches[" + i + "]", problems);
              }
              JsonNode processor =
                  state.has("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
              if (processor != null) {
                checkScope(processor, at + "/ItemProcessor", problems);
              }
            });
  }

  static boolean isLambdaTask(JsonNode state) {
    if (!"Task".equals(state.path("Type").asText())) {
      return false;
    }
    String resource = state.path("Resource").asText();
    return LAMBDA_INVOKE.matcher(resource).matches() || FUNCTION_ARN.matcher(resource).matches();
  }

  private static void checkRetry(JsonNode state, String at, List<String> problems) {
    Set<String> covered = new LinkedHashSet<>();
    for (JsonNode retrier : state.path("Retry")) {
      if (retrier.path("MaxAttempts").asInt(3) > 0) {
        retrier.path("ErrorEquals").forEach(error -> covered.add(error.asText()));
      }
    }
    if (covered.contains("States.ALL") || covered.contains("States.TaskFailed")) {
      return;
    }
    List<String> missing = SERVICE_ERRORS.stream().filter(e -> !covered.contains(e)).toList();
    if (!missing.isEmpty()) {
      problems.add(
          at + ": a Lambda task needs a Retry on the Lambda service errors; missing " + missing);
    }
  }

  private static void checkCatch(
      JsonNode states, JsonNode state, Set<String> main, String at, List<String> problems) {
    JsonNode all = null;
    for (JsonNode catcher : state.path("Catch")) {
      for (JsonNode error : catcher.path("ErrorEquals")) {
        if (error.asText().equals("States.ALL")) {
          all = catcher;
        }
      }
    }
    if (all == null) {
      problems.add(at + ": a Lambda task needs a Catch on States.ALL that leads to compensation");
      return;
    }
    String next = all.path("Next").asText();
    Set<String> path = reachable(states, next, true);
    Set<String> shared = new LinkedHashSet<>(path);
    shared.retainAll(main);
    if (!shared.isEmpty()) {
      problems.add(
          at + ": its Catch leads back to the main path " + shared + ", not to compensation");
      return;
    }
    boolean fails = false;
    for (String name : path) {
      JsonNode target = states.get(name);
      String type = target.path("Type").asText();
      if (type.equals("Succeed") || target.path("End").asBoolean(false)) {
        problems.add(
            at + ": its compensation path ends in success at " + name + ", not in a Fail state");
        return;
      }
      fails |= type.equals("Fail");
    }
    if (!fails) {
      problems.add(at + ": its compensation path from " + next + " reaches no Fail state");
    }
  }

  /** The states reachable from {@code start}; Catch transitions only when {@code viaCatch}. */
  private static Set<String> reachable(JsonNode states, String start, boolean viaCatch) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(start);
    while (!todo.isEmpty()) {
      String name = todo.poll();
      JsonNode state = states.get(name);
      if (state == null || !seen.add(name)) {
        continue;
      }
      if (state.hasNonNull("Next")) {
        todo.add(state.get("Next").asText());
      }
      if (state.hasNonNull("Default")) {
        todo.add(state.get("Default").asText());
      }
      for (JsonNode choice : state.path("Choices")) {
        todo.add(choice.path("Next").asText());
      }
      if (viaCatch) {
        for (JsonNode catcher : state.path("Catch")) {
          todo.add(catcher.path("Next").asText());
        }
      }
    }
    return seen;
  }
}
