package dev.topgun.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.stepfunctions.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a state machine, run as Step Functions runs it: states entered one after the
 * other on each path, every step recorded in the history. The run never blocks: a Task's call, a
 * Wait, a retry interval or a task token leave the path waiting and a message (the call's answer, a
 * timer, {@code SendTaskSuccess}) moves it on. Messages are handled one at a time; after each, the
 * {@link Listener} is told, so that the execution can be written down and resumed after a restart
 * ({@link #resume}).
 */
public final class Run {

  private static final Logger LOG = LoggerFactory.getLogger(Run.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{64}");
  static final long NO_TIMEOUT = 99_999_999L;

  /** Told of what the run does that others must know: tokens, and every step (to persist it). */
  public interface Listener {
    void tokenOpened(String token, Run run);

    void tokenClosed(String token);

    /** After each step; {@code history} holds every event, the new ones from {@code from}. */
    void changed(Run run, List<HistoryEvent> history, int from);
  }

  /** What a {@code SendTask*} call found. */
  public enum TokenAnswer {
    ACCEPTED,
    DOES_NOT_EXIST,
    TIMED_OUT
  }

  private final ExecutionRecord record;
  private final List<HistoryEvent> history;
  private final Definition definition;
  private final Timeline timeline;
  private final Executor executor;
  private final Tasks tasks;
  private final Random random;
  private final Listener listener;
  private final Deque<Runnable> inbox = new ArrayDeque<>();
  private final Deque<String> ready = new ArrayDeque<>();
  private final Map<String, List<Timeline.Timer>> timers = new HashMap<>();
  private boolean draining;
  private boolean closed;
  private int reported;

  public Run(
      ExecutionRecord record,
      List<HistoryEvent> history,
      Timeline timeline,
      Executor executor,
      Tasks tasks,
      Random random,
      Listener listener) {
    this.record = record;
    this.history = new ArrayList<>(history);
    this.definition = Definition.parse(record.definition);
    this.timeline = timeline;
    this.executor = executor;
    this.tasks = tasks;
    this.random = random;
    this.listener = listener;
    this.reported = history.size();
  }

  /** Whether a string has the shape of the task tokens this engine gives out. */
  public static boolean wellFormedToken(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  public ExecutionRecord record() {
    return record;
  }

  /** A copy, safe to read while the run goes on. */
  public synchronized List<HistoryEvent> history() {
    return List.copyOf(history);
  }

  public synchronized <T> T read(Supplier<T> reader) {
    return reader.get();
  }

  /** Starts a new execution: {@code ExecutionStarted}, then the first state. */
  public void begin() {
    post(
        () -> {
          long now = now();
          ObjectNode details = Json.MAPPER.createObjectNode();
          details.put("input", record.input);
          details.putObject("inputDetails").put("truncated", false);
          details.put("roleArn", record.roleArn);
          history.add(
              new HistoryEvent(
                  1, 0, now, "ExecutionStarted", "executionStartedEventDetails", details));
          Frame root = newFrame(null, 0, List.of(), record.inputJson());
          root.lastEventId = 0;
          Integer timeout = definition.timeoutSeconds();
          if (timeout != null) {
            record.timeoutAt = record.startDate + timeout * 1000L;
            armExecutionTimeout();
          }
        });
  }

  /** Picks up an execution read from disk: timers re-armed, tokens reopened, calls made again. */
  public void resume() {
    post(
        () -> {
          if (record.status != ExecutionRecord.Status.RUNNING) {
            return;
          }
          armExecutionTimeout();
          for (Frame frame : List.copyOf(record.frames.values())) {
            switch (frame.phase) {
              case ENTER -> ready.add(frame.id);
              case TASK -> {
                LOG.info(
                    "{}: state {} was calling {} when the runtime stopped; calling it again",
                    record.executionArn,
                    frame.state,
                    frame.resource);
                if (frame.token != null) {
                  listener.tokenOpened(frame.token, this);
                }
                frame.seq++;
                armTaskTimers(frame);
                callTask(frame);
              }
              case TOKEN -> {
                listener.tokenOpened(frame.token, this);
                armTaskTimers(frame);
              }
              case WAIT, RETRY -> armWake(frame);
              default -> {
                // Children move themselves; finished frames wait for nothing.
              }
            }
          }
        });
  }

  /** {@code StopExecution}: the execution ends {@code ABORTED}; nothing more runs. */
  public long stop(String error, String cause) {
    return exclusive(
        () -> {
          if (record.status == ExecutionRecord.Status.RUNNING) {
            ObjectNode details = Json.MAPPER.createObjectNode();
            if (error != null) {
              details.put("error", error);
            }
            if (cause != null) {
              details.put("cause", cause);
            }
            end(
                ExecutionRecord.Status.ABORTED,
                "ExecutionAborted",
                "executionAbortedEventDetails",
                details,
                lastRootEvent());
            record.error = error;
            record.cause = cause;
          }
          return record.stopDate;
        });
  }

  public TokenAnswer sendTaskSuccess(String token, JsonNode output) {
    return exclusive(
        () -> {
          Frame frame = tokenFrame(token);
          if (frame == null) {
            return closedAnswer(token);
          }
          Resource resource = Resource.parse(frame.resource);
          ObjectNode details = taskDetails(resource);
          details.put("output", Json.text(output));
          details.putObject("outputDetails").put("truncated", false);
          emit(frame, "TaskSucceeded", "taskSucceededEventDetails", details);
          closeToken(frame, "CLOSED");
          completeState(frame, state(frame), output);
          return TokenAnswer.ACCEPTED;
        });
  }

  public TokenAnswer sendTaskFailure(String token, String error, String cause) {
    return exclusive(
        () -> {
          Frame frame = tokenFrame(token);
          if (frame == null) {
            return closedAnswer(token);
          }
          Resource resource = Resource.parse(frame.resource);
          ObjectNode details = taskDetails(resource);
          if (error != null) {
            details.put("error", error);
          }
          if (cause != null) {
            details.put("cause", cause);
          }
          emit(frame, "TaskFailed", "taskFailedEventDetails", details);
          closeToken(frame, "CLOSED");
          failState(frame, state(frame), new StatesError(error == null ? "" : error, cause));
          return TokenAnswer.ACCEPTED;
        });
  }

  public TokenAnswer sendTaskHeartbeat(String token) {
    return exclusive(
        () -> {
          Frame frame = tokenFrame(token);
          if (frame == null) {
            return closedAnswer(token);
          }
          if (frame.heartbeatSeconds != null) {
            frame.heartbeatAt = now() + frame.heartbeatSeconds * 1000L;
            arm(frame, frame.heartbeatAt, "heartbeat");
          }
          return TokenAnswer.ACCEPTED;
        });
  }

  private Frame tokenFrame(String token) {
    if (record.status != ExecutionRecord.Status.RUNNING) {
      return null;
    }
    for (Frame frame : record.frames.values()) {
      if (token.equals(frame.token)
          && (frame.phase == Frame.Phase.TASK || frame.phase == Frame.Phase.TOKEN)) {
        return frame;
      }
    }
    return null;
  }

  private TokenAnswer closedAnswer(String token) {
    return "TIMED_OUT".equals(record.closedTokens.get(token))
        ? TokenAnswer.TIMED_OUT
        : TokenAnswer.DOES_NOT_EXIST;
  }

  // ---------------------------------------------------------------- the message loop

  private void post(Runnable message) {
    synchronized (inbox) {
      if (closed) {
        return;
      }
      inbox.add(message);
    }
    try {
      executor.execute(() -> exclusive(() -> null));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // The runtime is stopping: what was not done is on disk and is done after the next start.
    }
  }

  /** The runtime stops: timers are called off and nothing more is taken in; the record stays. */
  public void close() {
    synchronized (inbox) {
      closed = true;
      inbox.clear();
    }
    synchronized (this) {
      timers.values().forEach(list -> list.forEach(Timeline.Timer::cancel));
      timers.clear();
    }
  }

  /**
   * Runs {@code action} alone, then every message it or others posted and every path it made ready,
   * then tells the listener. A call from inside (a task answering at once) only queues.
   */
  private synchronized <T> T exclusive(Supplier<T> action) {
    if (draining) {
      return action.get();
    }
    draining = true;
    try {
      T result = guarded(action);
      while (true) {
        pump();
        Runnable next;
        synchronized (inbox) {
          next = inbox.poll();
        }
        if (next == null) {
          break;
        }
        guarded(
            () -> {
              next.run();
              return null;
            });
      }
      if (reported < history.size() || result != null) {
        int from = reported;
        reported = history.size();
        record.historyCount = history.size();
        listener.changed(this, history, from);
      }
      return result;
    } finally {
      draining = false;
    }
  }

  /** A fault of the engine itself fails the execution rather than leaving it hanging. */
  private <T> T guarded(Supplier<T> action) {
    try {
      return action.get();
    } catch (StatesError e) {
      failExecution(e);
      return null;
    } catch (RuntimeException e) {
      LOG.error("{}: the local engine failed", record.executionArn, e);
      failExecution(StatesError.runtime("The local Step Functions engine failed: " + e));
      return null;
    }
  }

  private void pump() {
    while (record.status == ExecutionRecord.Status.RUNNING && !ready.isEmpty()) {
      Frame frame = record.frames.get(ready.poll());
      if (frame != null && frame.phase == Frame.Phase.ENTER) {
        guarded(
            () -> {
              enter(frame);
              return null;
            });
      }
    }
  }

  // ---------------------------------------------------------------- states

  private Frame newFrame(Frame parent, int index, List<Object> scope, JsonNode input) {
    Frame frame = new Frame();
    frame.id = "f" + record.nextFrame++;
    frame.parent = parent == null ? null : parent.id;
    frame.index = index;
    frame.scope = new ArrayList<>(scope);
    frame.state = definition.scope(scope).get("StartAt").asText();
    frame.input = input;
    frame.phase = Frame.Phase.ENTER;
    record.frames.put(frame.id, frame);
    ready.add(frame.id);
    return frame;
  }

  private JsonNode state(Frame frame) {
    return definition.state(frame.scope, frame.state);
  }

  private void enter(Frame frame) {
    JsonNode state = state(frame);
    String type = state.get("Type").asText();
    frame.enteredAt = now();
    frame.retries.clear();
    frame.retryCount = 0;
    ObjectNode entered = Json.MAPPER.createObjectNode();
    entered.put("name", frame.state);
    entered.put("input", Json.text(frame.input));
    entered.putObject("inputDetails").put("truncated", false);
    long enteredEvent = emit(frame, type + "StateEntered", "stateEnteredEventDetails", entered);
    try {
      switch (type) {
        case "Pass" -> pass(frame, state);
        case "Choice" -> choice(frame, state);
        case "Wait" -> startWait(frame, state);
        case "Succeed" -> {
          JsonNode output = outputPath(state, inputPath(state, frame.input));
          exited(frame, output);
          frameSucceeded(frame, output);
        }
        case "Fail" -> fail(frame, state);
        case "Task" -> startTask(frame, state);
        case "Parallel" -> startParallel(frame, state);
        case "Map" -> startMap(frame, state);
        default -> throw new IllegalStateException("unchecked state type " + type);
      }
    } catch (StatesError e) {
      if (!e.fatal()) {
        throw e;
      }
      frameFailed(
          frame,
          StatesError.runtime(
              "An error occurred while executing the state '"
                  + frame.state
                  + "' (entered at the event id #"
                  + enteredEvent
                  + "). "
                  + e.cause()));
    }
  }

  private void pass(Frame frame, JsonNode state) {
    JsonNode effective = parameters(frame, state, inputPath(state, frame.input), null);
    JsonNode result = state.has("Result") ? state.get("Result") : effective;
    JsonNode output =
        outputPath(
            state,
            resultPath(state.get("ResultPath"), state.has("ResultPath"), frame.input, result));
    exited(frame, output);
    next(frame, state, output);
  }

  private void choice(Frame frame, JsonNode state) {
    JsonNode effective = inputPath(state, frame.input);
    JsonNode context = context(frame, null);
    String next = null;
    for (JsonNode rule : state.get("Choices")) {
      if (ChoiceRules.matches(rule, effective, context)) {
        next = rule.get("Next").asText();
        break;
      }
    }
    if (next == null && state.has("Default")) {
      next = state.get("Default").asText();
    }
    if (next == null) {
      frameFailed(frame, new StatesError(StatesError.NO_CHOICE_MATCHED, "No Matches!"));
      return;
    }
    JsonNode output = outputPath(state, effective);
    exited(frame, output);
    moveTo(frame, next, output);
  }

  private void startWait(Frame frame, JsonNode state) {
    JsonNode effective = inputPath(state, frame.input);
    long wakeAt;
    if (state.has("Seconds")) {
      wakeAt = now() + state.get("Seconds").asLong() * 1000;
    } else if (state.has("Timestamp")) {
      wakeAt = ChoiceRules.timestamp(state.get("Timestamp")).toInstant().toEpochMilli();
    } else if (state.has("SecondsPath")) {
      JsonNode seconds =
          JsonPaths.read(state.get("SecondsPath").asText(), effective, context(frame, null));
      if (!seconds.isIntegralNumber() || seconds.asLong() < 0) {
        throw StatesError.runtime(
            "The SecondsPath parameter does not reference a valid integer: " + Json.text(seconds));
      }
      wakeAt = now() + seconds.asLong() * 1000;
    } else {
      JsonNode timestamp =
          JsonPaths.read(state.get("TimestampPath").asText(), effective, context(frame, null));
      OffsetDateTime at = ChoiceRules.timestamp(timestamp);
      if (at == null) {
        throw StatesError.runtime(
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset"
                + " date-time format string: "
                + Json.text(timestamp));
      }
      wakeAt = at.toInstant().toEpochMilli();
    }
    frame.effective = effective;
    frame.phase = Frame.Phase.WAIT;
    frame.wakeAt = wakeAt;
    frame.seq++;
    armWake(frame);
  }

  private void fail(Frame frame, JsonNode state) {
    JsonNode context = context(frame, null);
    String error =
        state.has("ErrorPath")
            ? text(
                JsonPaths.read(state.get("ErrorPath").asText(), frame.input, context), "ErrorPath")
            : state.path("Error").asText(null);
    String cause =
        state.has("CausePath")
            ? text(
                JsonPaths.read(state.get("CausePath").asText(), frame.input, context), "CausePath")
            : state.path("Cause").asText(null);
    frameFailed(frame, new StatesError(error, cause));
  }

  private static String text(JsonNode value, String field) {
    if (!value.isTextual()) {
      throw StatesError.runtime(
          "The " + field + " does not reference a string: " + Json.text(value));
    }
    return value.asText();
  }

  // ---------------------------------------------------------------- Task

  private void startTask(Frame frame, JsonNode state) {
    Resource resource = Resource.parse(state.get("Resource").asText());
    JsonNode effective = inputPath(state, frame.input);
    String token = resource.waitForTaskToken() ? newToken() : null;
    JsonNode parameters = parameters(frame, state, effective, token);
    long timeout = seconds(state, "TimeoutSeconds", effective, frame);
    long heartbeat = seconds(state, "HeartbeatSeconds", effective, frame);
    frame.resource = resource.arn();
    frame.parameters = parameters;
    frame.token = token;
    frame.heartbeatSeconds = heartbeat > 0 ? (int) heartbeat : null;
    long now = now();
    if (resource.kind() == Resource.Kind.LAMBDA_FUNCTION) {
      ObjectNode scheduled = Json.MAPPER.createObjectNode();
      scheduled.put("resource", resource.arn());
      scheduled.put("input", Json.text(parameters));
      scheduled.putObject("inputDetails").put("truncated", false);
      if (timeout > 0) {
        scheduled.put("timeoutInSeconds", timeout);
      }
      emit(frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", scheduled);
      emit(frame, "LambdaFunctionStarted", null, null);
    } else {
      ObjectNode scheduled = Json.MAPPER.createObjectNode();
      scheduled.put("resourceType", resource.resourceType());
      scheduled.put("resource", resource.resource());
      scheduled.put("region", regionOf(record.stateMachineArn));
      scheduled.put("parameters", Json.text(parameters));
      if (timeout > 0) {
        scheduled.put("timeoutInSeconds", timeout);
      }
      if (heartbeat > 0) {
        scheduled.put("heartbeatInSeconds", heartbeat);
      }
      emit(frame, "TaskScheduled", "taskScheduledEventDetails", scheduled);
      emit(frame, "TaskStarted", "taskStartedEventDetails", taskDetails(resource));
    }
    frame.phase = Frame.Phase.TASK;
    frame.timeoutAt = timeout > 0 ? now + timeout * 1000 : null;
    frame.heartbeatAt = heartbeat > 0 ? now + heartbeat * 1000 : null;
    if (token != null) {
      listener.tokenOpened(token, this);
    }
    frame.seq++;
    armTaskTimers(frame);
    callTask(frame);
  }

  /** TimeoutSeconds/HeartbeatSeconds or their Path form; 0 when neither is given. */
  private long seconds(JsonNode state, String field, JsonNode effective, Frame frame) {
    if (state.has(field)) {
      return state.get(field).asLong();
    }
    if (state.has(field + "Path")) {
      JsonNode value =
          JsonPaths.read(state.get(field + "Path").asText(), effective, context(frame, null));
      if (!value.isIntegralNumber() || value.asLong() <= 0 || value.asLong() > NO_TIMEOUT) {
        throw StatesError.runtime(
            "The "
                + field
                + "Path parameter does not reference a positive integer: "
                + Json.text(value));
      }
      return value.asLong();
    }
    return 0;
  }

  /** Makes the call for the frame's current attempt ({@link Frame#seq}, bumped by the caller). */
  private void callTask(Frame frame) {
    long seq = frame.seq;
    String id = frame.id;
    Resource resource = Resource.parse(frame.resource);
    tasks.call(
        resource,
        frame.parameters,
        new Tasks.Callback() {
          @Override
          public void succeeded(JsonNode output) {
            post(() -> taskAnswered(id, seq, output, null, null));
          }

          @Override
          public void failed(String error, String cause) {
            post(() -> taskAnswered(id, seq, null, error, cause));
          }
        });
  }

  private void taskAnswered(String id, long seq, JsonNode output, String error, String cause) {
    Frame frame = record.frames.get(id);
    if (frame == null
        || frame.phase != Frame.Phase.TASK
        || frame.seq != seq
        || record.status != ExecutionRecord.Status.RUNNING) {
      return;
    }
    Resource resource = Resource.parse(frame.resource);
    boolean legacy = resource.kind() == Resource.Kind.LAMBDA_FUNCTION;
    if (error != null) {
      ObjectNode details = legacy ? Json.MAPPER.createObjectNode() : taskDetails(resource);
      details.put("error", error);
      if (cause != null) {
        details.put("cause", cause);
      }
      emit(
          frame,
          legacy ? "LambdaFunctionFailed" : "TaskFailed",
          legacy ? "lambdaFunctionFailedEventDetails" : "taskFailedEventDetails",
          details);
      if (frame.token != null) {
        closeToken(frame, "CLOSED");
      }
      failState(frame, state(frame), new StatesError(error, cause));
      return;
    }
    ObjectNode details = legacy ? Json.MAPPER.createObjectNode() : taskDetails(resource);
    details.put("output", Json.text(output));
    details.putObject("outputDetails").put("truncated", false);
    if (resource.waitForTaskToken()) {
      emit(frame, "TaskSubmitted", "taskSubmittedEventDetails", details);
      frame.phase = Frame.Phase.TOKEN;
      return;
    }
    emit(
        frame,
        legacy ? "LambdaFunctionSucceeded" : "TaskSucceeded",
        legacy ? "lambdaFunctionSucceededEventDetails" : "taskSucceededEventDetails",
        details);
    completeState(frame, state(frame), output);
  }

  private void armTaskTimers(Frame frame) {
    if (frame.timeoutAt != null) {
      arm(frame, frame.timeoutAt, "timeout");
    }
    if (frame.heartbeatAt != null) {
      arm(frame, frame.heartbeatAt, "heartbeat");
    }
  }

  private void taskTimedOut(Frame frame, String error) {
    Resource resource = Resource.parse(frame.resource);
    if (resource.kind() == Resource.Kind.LAMBDA_FUNCTION) {
      ObjectNode details = Json.MAPPER.createObjectNode();
      details.put("error", error);
      emit(frame, "LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails", details);
    } else {
      ObjectNode details = taskDetails(resource);
      details.put("error", error);
      emit(frame, "TaskTimedOut", "taskTimedOutEventDetails", details);
    }
    if (frame.token != null) {
      closeToken(frame, "TIMED_OUT");
    }
    frame.seq++;
    failState(frame, state(frame), new StatesError(error, null));
  }

  private void closeToken(Frame frame, String how) {
    record.closedTokens.put(frame.token, how);
    listener.tokenClosed(frame.token);
  }

  private static ObjectNode taskDetails(Resource resource) {
    ObjectNode details = Json.MAPPER.createObjectNode();
    details.put("resourceType", resource.resourceType());
    details.put("resource", resource.resource());
    return details;
  }

  // ---------------------------------------------------------------- Parallel and Map

  private void startParallel(Frame frame, JsonNode state) {
    JsonNode input = parameters(frame, state, inputPath(state, frame.input), null);
    emit(frame, "ParallelStateStarted", null, null);
    JsonNode branches = state.get("Branches");
    frame.phase = Frame.Phase.CHILDREN;
    frame.children.clear();
    frame.total = branches.size();
    frame.started = branches.size();
    frame.finished = 0;
    ArrayNode results = Json.MAPPER.createArrayNode();
    for (int i = 0; i < branches.size(); i++) {
      results.addNull();
    }
    frame.results = results;
    long startedEvent = frame.lastEventId;
    for (int i = 0; i < branches.size(); i++) {
      List<Object> scope = new ArrayList<>(frame.scope);
      scope.add(frame.state);
      scope.add(i);
      Frame branch = newFrame(frame, i, scope, input);
      branch.lastEventId = startedEvent;
      frame.children.add(branch.id);
    }
  }

  private void startMap(Frame frame, JsonNode state) {
    JsonNode effective = inputPath(state, frame.input);
    JsonNode items =
        state.has("ItemsPath")
            ? JsonPaths.read(state.get("ItemsPath").asText(), effective, context(frame, null))
            : effective;
    if (!items.isArray()) {
      throw StatesError.runtime("Items of the Map state must be an array: " + Json.text(items));
    }
    int max = 0;
    if (state.has("MaxConcurrency")) {
      max = state.get("MaxConcurrency").asInt();
    } else if (state.has("MaxConcurrencyPath")) {
      JsonNode value =
          JsonPaths.read(state.get("MaxConcurrencyPath").asText(), effective, context(frame, null));
      if (!value.isIntegralNumber() || value.asInt() < 0) {
        throw StatesError.runtime("MaxConcurrencyPath does not reference a non-negative integer");
      }
      max = value.asInt();
    }
    ObjectNode started = Json.MAPPER.createObjectNode();
    started.put("length", items.size());
    emit(frame, "MapStateStarted", "mapStateStartedEventDetails", started);
    frame.effective = effective;
    frame.items = items;
    frame.phase = Frame.Phase.CHILDREN;
    frame.children.clear();
    frame.total = items.size();
    frame.started = 0;
    frame.finished = 0;
    frame.maxConcurrency = max;
    ArrayNode results = Json.MAPPER.createArrayNode();
    for (int i = 0; i < items.size(); i++) {
      results.addNull();
    }
    frame.results = results;
    if (items.isEmpty()) {
      childrenDone(frame, state);
      return;
    }
    startIterations(frame, state);
  }

  private void startIterations(Frame frame, JsonNode state) {
    int limit = frame.maxConcurrency == 0 ? frame.total : frame.maxConcurrency;
    while (frame.started < frame.total && frame.started - frame.finished < limit) {
      int index = frame.started++;
      JsonNode value = frame.items.get(index);
      JsonNode selector =
          state.has("ItemSelector") ? state.get("ItemSelector") : state.get("Parameters");
      JsonNode input = value;
      if (selector != null) {
        ObjectNode context = context(frame, null);
        ObjectNode item = context.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        input = PayloadTemplate.apply(selector, frame.effective, context, random, "ItemSelector");
      }
      ObjectNode details = Json.MAPPER.createObjectNode();
      details.put("name", frame.state);
      details.put("index", index);
      long startedEvent =
          emit(frame, "MapIterationStarted", "mapIterationStartedEventDetails", details);
      List<Object> scope = new ArrayList<>(frame.scope);
      scope.add(frame.state);
      scope.add(0);
      Frame iteration = newFrame(frame, index, scope, input);
      iteration.lastEventId = startedEvent;
      frame.children.add(iteration.id);
    }
  }

  private void childSucceeded(Frame parent, Frame child) {
    JsonNode state = state(parent);
    ((ArrayNode) parent.results).set(child.index, child.output);
    parent.finished++;
    parent.lastEventId = child.lastEventId;
    boolean map = state.get("Type").asText().equals("Map");
    if (map) {
      ObjectNode details = Json.MAPPER.createObjectNode();
      details.put("name", parent.state);
      details.put("index", child.index);
      emit(parent, "MapIterationSucceeded", "mapIterationSucceededEventDetails", details);
    }
    record.frames.remove(child.id);
    parent.children.remove(child.id);
    if (parent.finished == parent.total) {
      childrenDone(parent, state);
    } else if (map) {
      startIterations(parent, state);
    }
  }

  private void childrenDone(Frame frame, JsonNode state) {
    String type = state.get("Type").asText();
    emit(frame, type + "StateSucceeded", null, null);
    JsonNode results = frame.results;
    frame.results = null;
    frame.items = null;
    completeState(frame, state, results);
  }

  private void childFailed(Frame parent, Frame child, StatesError error) {
    JsonNode state = state(parent);
    String type = state.get("Type").asText();
    parent.lastEventId = child.lastEventId;
    if (type.equals("Map")) {
      ObjectNode details = Json.MAPPER.createObjectNode();
      details.put("name", parent.state);
      details.put("index", child.index);
      emit(parent, "MapIterationFailed", "mapIterationFailedEventDetails", details);
    }
    record.frames.remove(child.id);
    parent.children.remove(child.id);
    for (String sibling : List.copyOf(parent.children)) {
      Frame other = record.frames.get(sibling);
      if (other != null) {
        abort(other, true);
        if (type.equals("Map")) {
          ObjectNode details = Json.MAPPER.createObjectNode();
          details.put("name", parent.state);
          details.put("index", other.index);
          emit(parent, "MapIterationAborted", "mapIterationAbortedEventDetails", details);
        }
      }
    }
    parent.children.clear();
    parent.results = null;
    parent.items = null;
    emit(parent, type + "StateFailed", null, null);
    failState(parent, state, error);
  }

  /** Ends a frame and everything under it; {@code events} records the states it left. */
  private void abort(Frame frame, boolean events) {
    for (String child : List.copyOf(frame.children)) {
      Frame inner = record.frames.get(child);
      if (inner != null) {
        abort(inner, events);
      }
    }
    if (events && frame.active() && frame.phase != Frame.Phase.ENTER) {
      String type = state(frame).get("Type").asText();
      emit(frame, type + "StateAborted", null, null);
    }
    if (frame.token != null
        && (frame.phase == Frame.Phase.TASK || frame.phase == Frame.Phase.TOKEN)) {
      closeToken(frame, "CLOSED");
    }
    cancelTimers(frame.id);
    if (frame.active()) {
      frame.phase = Frame.Phase.ABORTED;
    }
    frame.seq++;
    if (frame.parent != null) {
      record.frames.remove(frame.id);
    }
  }

  // ---------------------------------------------------------------- outcomes

  /** A state's result, through ResultSelector, ResultPath and OutputPath, then the next state. */
  private void completeState(Frame frame, JsonNode state, JsonNode result) {
    JsonNode selected = result;
    if (state.has("ResultSelector")) {
      selected =
          PayloadTemplate.apply(
              state.get("ResultSelector"), result, context(frame, null), random, "ResultSelector");
    }
    JsonNode output =
        outputPath(
            state,
            resultPath(state.get("ResultPath"), state.has("ResultPath"), frame.input, selected));
    cleanTask(frame);
    exited(frame, output);
    next(frame, state, output);
  }

  /**
   * Retry, else Catch, else the path fails. The first retrier whose ErrorEquals takes the error
   * decides: when its attempts are used up, the catchers are asked, not the later retriers.
   */
  private void failState(Frame frame, JsonNode state, StatesError error) {
    cleanTask(frame);
    if (error.fatal()) {
      frameFailed(frame, error);
      return;
    }
    JsonNode retry = state.path("Retry");
    for (int i = 0; i < retry.size(); i++) {
      JsonNode retrier = retry.get(i);
      if (takes(retrier, error)) {
        int used = frame.retries.getOrDefault(Integer.toString(i), 0);
        int max = retrier.path("MaxAttempts").asInt(3);
        if (used < max) {
          frame.retries.put(Integer.toString(i), used + 1);
          frame.retryCount++;
          frame.phase = Frame.Phase.RETRY;
          frame.wakeAt = now() + retryDelay(retrier, used);
          frame.seq++;
          armWake(frame);
          return;
        }
        break;
      }
    }
    for (JsonNode catcher : state.path("Catch")) {
      if (takes(catcher, error)) {
        ObjectNode info = Json.MAPPER.createObjectNode();
        info.put("Error", error.error());
        if (error.cause() != null) {
          info.put("Cause", error.cause());
        }
        JsonNode output =
            resultPath(catcher.get("ResultPath"), catcher.has("ResultPath"), frame.input, info);
        exited(frame, output);
        moveTo(frame, catcher.get("Next").asText(), output);
        return;
      }
    }
    frameFailed(frame, error);
  }

  /** Milliseconds: IntervalSeconds × BackoffRate^attempt, at most MaxDelaySeconds, FULL jitter. */
  long retryDelay(JsonNode retrier, int attempt) {
    double interval = retrier.path("IntervalSeconds").asDouble(1);
    double backoff = retrier.path("BackoffRate").asDouble(2.0);
    double seconds = interval * Math.pow(backoff, attempt);
    if (retrier.has("MaxDelaySeconds")) {
      seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
    }
    long millis = (long) (seconds * 1000);
    if ("FULL".equals(retrier.path("JitterStrategy").asText("NONE")) && millis > 0) {
      millis = (long) (random.nextDouble() * millis);
    }
    return millis;
  }

  private static boolean takes(JsonNode handler, StatesError error) {
    for (JsonNode name : handler.path("ErrorEquals")) {
      if (error.matches(name.asText())) {
        return true;
      }
    }
    return false;
  }

  private void cleanTask(Frame frame) {
    cancelTimers(frame.id);
    frame.parameters = null;
    frame.resource = null;
    frame.timeoutAt = null;
    frame.heartbeatAt = null;
    frame.heartbeatSeconds = null;
    frame.wakeAt = null;
    if (frame.token != null
        && (frame.phase == Frame.Phase.TASK || frame.phase == Frame.Phase.TOKEN)) {
      if (!record.closedTokens.containsKey(frame.token)) {
        closeToken(frame, "CLOSED");
      }
    }
    frame.token = null;
  }

  private void next(Frame frame, JsonNode state, JsonNode output) {
    if (state.path("End").asBoolean(false) || state.get("Type").asText().equals("Succeed")) {
      frameSucceeded(frame, output);
    } else {
      moveTo(frame, state.get("Next").asText(), output);
    }
  }

  private void moveTo(Frame frame, String next, JsonNode input) {
    frame.state = next;
    frame.input = input;
    frame.effective = null;
    frame.phase = Frame.Phase.ENTER;
    frame.seq++;
    ready.add(frame.id);
  }

  private void exited(Frame frame, JsonNode output) {
    String type = state(frame).get("Type").asText();
    ObjectNode details = Json.MAPPER.createObjectNode();
    details.put("name", frame.state);
    details.put("output", Json.text(output));
    details.putObject("outputDetails").put("truncated", false);
    emit(frame, type + "StateExited", "stateExitedEventDetails", details);
  }

  private void frameSucceeded(Frame frame, JsonNode output) {
    frame.phase = Frame.Phase.SUCCEEDED;
    frame.output = output;
    if (frame.parent == null) {
      ObjectNode details = Json.MAPPER.createObjectNode();
      details.put("output", Json.text(output));
      details.putObject("outputDetails").put("truncated", false);
      record.output = Json.text(output);
      end(
          ExecutionRecord.Status.SUCCEEDED,
          "ExecutionSucceeded",
          "executionSucceededEventDetails",
          details,
          frame.lastEventId);
    } else {
      childSucceeded(record.frames.get(frame.parent), frame);
    }
  }

  private void frameFailed(Frame frame, StatesError error) {
    cleanTask(frame);
    frame.phase = Frame.Phase.FAILED;
    frame.error = error.error();
    frame.cause = error.cause();
    if (frame.parent == null) {
      endFailed(error, frame.lastEventId);
    } else {
      childFailed(record.frames.get(frame.parent), frame, error);
    }
  }

  private void failExecution(StatesError error) {
    if (record.status != ExecutionRecord.Status.RUNNING) {
      return;
    }
    endFailed(error, lastRootEvent());
  }

  /** Ends the execution FAILED with {@code error} (its error and cause, when it has them). */
  private void endFailed(StatesError error, long previousEventId) {
    ObjectNode details = Json.MAPPER.createObjectNode();
    if (error.error() != null) {
      details.put("error", error.error());
    }
    if (error.cause() != null) {
      details.put("cause", error.cause());
    }
    record.error = error.error();
    record.cause = error.cause();
    end(
        ExecutionRecord.Status.FAILED,
        "ExecutionFailed",
        "executionFailedEventDetails",
        details,
        previousEventId);
  }

  private void end(
      ExecutionRecord.Status status,
      String type,
      String member,
      ObjectNode details,
      long previous) {
    for (Frame frame : List.copyOf(record.frames.values())) {
      if (frame.parent == null) {
        abort(frame, false);
      }
    }
    for (Frame frame : record.frames.values()) {
      cancelTimers(frame.id);
    }
    cancelTimers("execution");
    history.add(new HistoryEvent(history.size() + 1, previous, now(), type, member, details));
    record.status = status;
    record.stopDate = now();
    record.frames.values().removeIf(frame -> frame.parent != null);
    ready.clear();
  }

  private long lastRootEvent() {
    return history.isEmpty() ? 0 : history.get(history.size() - 1).id;
  }

  // ---------------------------------------------------------------- timers

  private void armWake(Frame frame) {
    arm(frame, frame.wakeAt, "wake");
  }

  private void arm(Frame frame, long at, String kind) {
    long seq = frame.seq;
    String id = frame.id;
    Timeline.Timer timer =
        timeline.schedule(Instant.ofEpochMilli(at), () -> post(() -> fired(id, seq, kind, at)));
    timers.computeIfAbsent(id, key -> new ArrayList<>()).add(timer);
  }

  private void fired(String id, long seq, String kind, long at) {
    Frame frame = record.frames.get(id);
    if (frame == null || frame.seq != seq || record.status != ExecutionRecord.Status.RUNNING) {
      return;
    }
    JsonNode state = state(frame);
    switch (kind) {
      case "wake" -> {
        if (frame.phase == Frame.Phase.WAIT) {
          JsonNode output = outputPath(state, frame.effective);
          frame.wakeAt = null;
          exited(frame, output);
          next(frame, state, output);
        } else if (frame.phase == Frame.Phase.RETRY) {
          frame.wakeAt = null;
          retryState(frame, state);
        }
      }
      case "timeout" -> {
        if ((frame.phase == Frame.Phase.TASK || frame.phase == Frame.Phase.TOKEN)
            && frame.timeoutAt != null
            && frame.timeoutAt == at) {
          taskTimedOut(frame, StatesError.TIMEOUT);
        }
      }
      case "heartbeat" -> {
        if ((frame.phase == Frame.Phase.TASK || frame.phase == Frame.Phase.TOKEN)
            && frame.heartbeatAt != null
            && frame.heartbeatAt == at) {
          taskTimedOut(frame, StatesError.HEARTBEAT_TIMEOUT);
        }
      }
      default -> throw new IllegalStateException("unknown timer " + kind);
    }
  }

  /** A retried state runs again from its input, without a second StateEntered. */
  private void retryState(Frame frame, JsonNode state) {
    String type = state.get("Type").asText();
    try {
      switch (type) {
        case "Task" -> startTask(frame, state);
        case "Parallel" -> startParallel(frame, state);
        case "Map" -> startMap(frame, state);
        default -> throw new IllegalStateException(type + " states have no Retry");
      }
    } catch (StatesError e) {
      frameFailed(frame, e.fatal() ? e : StatesError.runtime(e.getMessage()));
    }
  }

  private void armExecutionTimeout() {
    if (record.timeoutAt == null) {
      return;
    }
    Timeline.Timer timer =
        timeline.schedule(
            Instant.ofEpochMilli(record.timeoutAt),
            () ->
                post(
                    () -> {
                      if (record.status == ExecutionRecord.Status.RUNNING) {
                        ObjectNode details = Json.MAPPER.createObjectNode();
                        details.put("error", StatesError.TIMEOUT);
                        record.error = StatesError.TIMEOUT;
                        end(
                            ExecutionRecord.Status.TIMED_OUT,
                            "ExecutionTimedOut",
                            "executionTimedOutEventDetails",
                            details,
                            lastRootEvent());
                      }
                    }));
    timers.computeIfAbsent("execution", key -> new ArrayList<>()).add(timer);
  }

  private void cancelTimers(String id) {
    List<Timeline.Timer> armed = timers.remove(id);
    if (armed != null) {
      armed.forEach(Timeline.Timer::cancel);
    }
  }

  // ---------------------------------------------------------------- data

  private JsonNode inputPath(JsonNode state, JsonNode input) {
    return path(state, "InputPath", input, null);
  }

  private JsonNode outputPath(JsonNode state, JsonNode output) {
    return path(state, "OutputPath", output, null);
  }

  /** InputPath/OutputPath: absent is {@code $}, {@code null} is {@code {}}. */
  private JsonNode path(JsonNode state, String field, JsonNode data, JsonNode context) {
    if (!state.has(field)) {
      return data;
    }
    JsonNode path = state.get(field);
    if (path.isNull()) {
      return Json.MAPPER.createObjectNode();
    }
    return JsonPaths.read(
        path.asText(), data, context == null ? Json.MAPPER.createObjectNode() : context);
  }

  /** ResultPath: absent is {@code $} (the result), {@code null} keeps the input. */
  private static JsonNode resultPath(
      JsonNode path, boolean given, JsonNode input, JsonNode result) {
    if (!given) {
      return result;
    }
    if (path == null || path.isNull()) {
      return input;
    }
    return JsonPaths.write(path.asText(), input, result);
  }

  private JsonNode parameters(Frame frame, JsonNode state, JsonNode effective, String token) {
    if (!state.has("Parameters")) {
      return effective;
    }
    return PayloadTemplate.apply(
        state.get("Parameters"), effective, context(frame, token), random, "Parameters");
  }

  /** The context object, {@code $$}. */
  private ObjectNode context(Frame frame, String token) {
    ObjectNode context = Json.MAPPER.createObjectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put("Id", record.executionArn);
    execution.set("Input", record.inputJson());
    execution.put("Name", record.name);
    execution.put("RoleArn", record.roleArn);
    execution.put("StartTime", TIME.format(Instant.ofEpochMilli(record.startDate)));
    execution.put("RedriveCount", 0);
    ObjectNode state = context.putObject("State");
    state.put("EnteredTime", TIME.format(Instant.ofEpochMilli(frame.enteredAt)));
    state.put("Name", frame.state);
    state.put("RetryCount", frame.retryCount);
    ObjectNode machine = context.putObject("StateMachine");
    machine.put("Id", record.stateMachineArn);
    machine.put("Name", record.stateMachineName);
    if (token != null) {
      context.putObject("Task").put("Token", token);
    }
    return context;
  }

  private long emit(Frame frame, String type, String member, ObjectNode details) {
    long id = history.size() + 1;
    history.add(new HistoryEvent(id, frame.lastEventId, now(), type, member, details));
    frame.lastEventId = id;
    return id;
  }

  private String newToken() {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private long now() {
    return timeline.now().toEpochMilli();
  }

  private static String regionOf(String arn) {
    String[] parts = arn.split(":");
    return parts.length > 3 ? parts[3] : "";
  }

  /** The JSON of an execution's input or output text. */
  public static JsonNode parseJsonOf(String text) {
    return parseJson(text);
  }

  static JsonNode parseJson(String text) {
    if (text == null) {
      return NullNode.getInstance();
    }
    try {
      return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return TextNode.valueOf(text);
    }
  }
}
