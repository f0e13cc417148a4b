package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.stepfunctions.ManualTimeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs definitions on the engine with no I/O: a {@link ManualTimeline}, the caller's thread, and
 * Lambda functions that are Java functions of their payload. A function answering {@code null}
 * leaves its call pending (see {@link #pending}) for the test to answer.
 */
final class Engine {

  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:test";

  /** What a fake function does with its payload. */
  interface Function2 extends Function<JsonNode, JsonNode> {}

  /** A failure a fake function answers with. */
  static final class Failure extends RuntimeException {
    final String error;
    final String cause;

    Failure(String error, String cause) {
      super(error);
      this.error = error;
      this.cause = cause;
    }
  }

  record Call(Resource resource, JsonNode parameters, Tasks.Callback callback) {}

  final ManualTimeline timeline = new ManualTimeline(START);
  final Map<String, Function2> functions = new HashMap<>();
  final List<Call> calls = new ArrayList<>();
  final List<Call> pending = new ArrayList<>();
  final Map<String, Run> tokens = new HashMap<>();
  ExecutionRecord saved;
  List<HistoryEvent> savedHistory = List.of();
  private int executions;

  Engine function(String name, Function2 body) {
    functions.put(name, body);
    return this;
  }

  final Tasks tasks =
      (resource, parameters, callback) -> {
        Call call = new Call(resource, parameters, callback);
        calls.add(call);
        String name;
        JsonNode payload;
        if (resource.kind() == Resource.Kind.LAMBDA_FUNCTION) {
          name = resource.arn().substring(resource.arn().lastIndexOf(':') + 1);
          payload = parameters;
        } else if (resource.kind() == Resource.Kind.LAMBDA_INVOKE) {
          name = parameters.path("FunctionName").asText();
          payload = parameters.path("Payload");
        } else {
          name = "events";
          payload = parameters;
        }
        Function2 body = functions.get(name);
        if (body == null) {
          callback.failed("Lambda.ResourceNotFoundException", "Function not found: " + name);
          return;
        }
        JsonNode answer;
        try {
          answer = body.apply(payload);
        } catch (Failure e) {
          callback.failed(e.error, e.cause);
          return;
        }
        if (answer == null) {
          pending.add(call);
        } else if (resource.kind() == Resource.Kind.LAMBDA_INVOKE) {
          ObjectNode result = Json.MAPPER.createObjectNode();
          result.put("ExecutedVersion", "$LATEST");
          result.set("Payload", answer);
          result.put("StatusCode", 200);
          callback.succeeded(result);
        } else {
          callback.succeeded(answer);
        }
      };

  Run start(String definition, String input) {
    ExecutionRecord record = new ExecutionRecord();
    record.name = "run-" + ++executions;
    record.stateMachineArn = MACHINE;
    record.stateMachineName = "test";
    record.executionArn = "arn:aws:states:us-east-1:000000000000:execution:test:" + record.name;
    record.roleArn = "arn:aws:iam::000000000000:role/test";
    record.definition = definition;
    record.input = input;
    record.startDate = timeline.now().toEpochMilli();
    Run run = new Run(record, List.of(), timeline, Runnable::run, tasks, new Random(7), listener());
    run.begin();
    return run;
  }

  /** A new run of what {@link #saved} holds, as after a restart (the record read back as JSON). */
  Run reload() {
    try {
      ExecutionRecord record = Json.MAPPER.readValue(Json.bytes(saved), ExecutionRecord.class);
      List<HistoryEvent> history = new ArrayList<>();
      for (HistoryEvent event : savedHistory) {
        history.add(Json.MAPPER.readValue(Json.bytes(event), HistoryEvent.class));
      }
      tokens.clear();
      Run run = new Run(record, history, timeline, Runnable::run, tasks, new Random(7), listener());
      run.resume();
      return run;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Run.Listener listener() {
    return new Run.Listener() {
      @Override
      public void tokenOpened(String token, Run run) {
        tokens.put(token, run);
      }

      @Override
      public void tokenClosed(String token) {
        tokens.remove(token);
      }

      @Override
      public void changed(Run run, List<HistoryEvent> history, int from) {
        saved = run.record();
        savedHistory = List.copyOf(history);
      }
    };
  }

  void advance(Duration duration) {
    timeline.advance(duration);
  }

  static JsonNode json(String text) {
    try {
      return Json.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static String asl(String text) {
    return text.replace('\'', '"');
  }

  static List<String> types(Run run) {
    return run.history().stream().map(event -> event.type).toList();
  }

  static JsonNode output(Run run) {
    return Run.parseJsonOf(run.record().output);
  }
}
