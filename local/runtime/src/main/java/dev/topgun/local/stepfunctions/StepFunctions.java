package dev.topgun.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.AwsError;
import dev.topgun.emulators.Json;
import dev.topgun.local.stepfunctions.ExecutionStore.MachineRecord;
import dev.topgun.local.stepfunctions.asl.Definition;
import dev.topgun.local.stepfunctions.asl.ExecutionRecord;
import dev.topgun.local.stepfunctions.asl.HistoryEvent;
import dev.topgun.local.stepfunctions.asl.Run;
import dev.topgun.local.stepfunctions.asl.Tasks;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Step Functions service of the local runtime ({@code X-Amz-Target: AWSStepFunctions.<Op>}):
 * state machines, their STANDARD executions run by the engine in {@code asl/}, histories, and task
 * tokens, with Step Functions' request and response shapes and error types. Everything is kept in
 * an {@link ExecutionStore}, and executions that were running when the runtime stopped go on when
 * it starts again ({@link #resumeAll}).
 */
public final class StepFunctions {

  private static final Logger LOG = LoggerFactory.getLogger(StepFunctions.class);
  public static final String TARGET_PREFIX = "AWSStepFunctions.";
  static final int MAX_INPUT_BYTES = 256 * 1024;
  private static final Pattern NAME_FORBIDDEN =
      Pattern.compile("[\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\u0000-\\u001f\\u007f-\\u009f]");
  private static final Set<String> STATUSES =
      Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");

  private final ExecutionStore store;
  private final Timeline timeline;
  private final Executor executor;
  private final Random random;
  private final String region;
  private final String account;
  private final Map<String, MachineRecord> machines = new LinkedHashMap<>();
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final Map<String, Run> tokens = new ConcurrentHashMap<>();
  private volatile Tasks tasks;

  /**
   * @param executor where executions move on (a pool in the runtime; the caller's thread in tests)
   * @param random task tokens, {@code States.UUID}, {@code States.MathRandom}, retry jitter
   */
  public StepFunctions(
      ExecutionStore store,
      Timeline timeline,
      Executor executor,
      Random random,
      String region,
      String account) {
    this.store = store;
    this.timeline = timeline;
    this.executor = executor;
    this.random = random;
    this.region = region;
    this.account = account;
    for (MachineRecord machine : store.machines()) {
      machines.put(machine.stateMachineArn, machine);
    }
  }

  /** The integrations Task states call; set before {@link #resumeAll} and the first execution. */
  public void tasks(Tasks tasks) {
    this.tasks = tasks;
  }

  /** Reads every kept execution and lets those that were running go on. */
  public void resumeAll() {
    int resumed = 0;
    for (ExecutionStore.Stored stored : store.executions()) {
      Run run = newRun(stored.record(), stored.history());
      runs.put(stored.record().executionArn, run);
      if (stored.record().status == ExecutionRecord.Status.RUNNING) {
        run.resume();
        resumed++;
      }
    }
    if (resumed > 0) {
      LOG.info("resumed {} Step Functions execution(s) that were running", resumed);
    }
  }

  /** Calls off every timer; executions stay as they are on disk. */
  public void close() {
    runs.values().forEach(Run::close);
  }

  public String stateMachineArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }

  public String executionArn(String machine, String name) {
    return "arn:aws:states:" + region + ":" + account + ":execution:" + machine + ":" + name;
  }

  /** Answers one operation; errors are {@link AwsError}s with Step Functions' error types. */
  public ObjectNode handle(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateStateMachine" -> createStateMachine(request);
      case "UpdateStateMachine" -> updateStateMachine(request);
      case "DeleteStateMachine" -> deleteStateMachine(request);
      case "DescribeStateMachine" -> describeStateMachine(request);
      case "ListStateMachines" -> listStateMachines(request);
      case "StartExecution" -> startExecution(request);
      case "DescribeExecution" -> describeExecution(request);
      case "GetExecutionHistory" -> getExecutionHistory(request);
      case "StopExecution" -> stopExecution(request);
      case "ListExecutions" -> listExecutions(request);
      case "SendTaskSuccess" -> sendTaskSuccess(request);
      case "SendTaskFailure" -> sendTaskFailure(request);
      case "SendTaskHeartbeat" -> sendTaskHeartbeat(request);
      default ->
          throw new AwsError(
              400,
              "UnknownOperationException",
              "The local runtime does not serve the operation " + TARGET_PREFIX + operation + ".");
    };
  }

  // ---------------------------------------------------------------- state machines

  private synchronized ObjectNode createStateMachine(JsonNode request) {
    String name = required(request, "name");
    checkName(name);
    String definition = required(request, "definition");
    String roleArn = roleArn(request);
    String type = request.path("type").asText("STANDARD");
    checkType(type);
    checkDefinition(definition);
    String arn = stateMachineArn(name);
    MachineRecord existing = machines.get(arn);
    if (existing != null) {
      if (existing.definition.equals(definition)
          && existing.roleArn.equals(roleArn)
          && existing.type.equals(type)) {
        return created(existing);
      }
      throw new AwsError(
          400, "StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
    }
    MachineRecord machine = new MachineRecord();
    machine.stateMachineArn = arn;
    machine.name = name;
    machine.definition = definition;
    machine.roleArn = roleArn;
    machine.type = type;
    machine.creationDate = timeline.now().toEpochMilli();
    machine.revisionId = UUID.randomUUID().toString();
    machines.put(arn, machine);
    store.saveMachines(List.copyOf(machines.values()));
    return created(machine);
  }

  private static ObjectNode created(MachineRecord machine) {
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("stateMachineArn", machine.stateMachineArn);
    response.put("creationDate", seconds(machine.creationDate));
    return response;
  }

  private synchronized ObjectNode updateStateMachine(JsonNode request) {
    MachineRecord machine = machine(required(request, "stateMachineArn"));
    boolean any = false;
    String definition = machine.definition;
    String roleArn = machine.roleArn;
    if (request.hasNonNull("definition")) {
      definition = request.get("definition").asText();
      checkDefinition(definition);
      any = true;
    }
    if (request.hasNonNull("roleArn")) {
      roleArn = roleArn(request);
      any = true;
    }
    if (request.hasNonNull("loggingConfiguration") || request.hasNonNull("tracingConfiguration")) {
      any = true;
    }
    if (!any) {
      throw new AwsError(
          400,
          "MissingRequiredParameter",
          "Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration"
              + " must be specified");
    }
    machine.definition = definition;
    machine.roleArn = roleArn;
    machine.updateDate = timeline.now().toEpochMilli();
    machine.revisionId = UUID.randomUUID().toString();
    store.saveMachines(List.copyOf(machines.values()));
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("updateDate", seconds(machine.updateDate));
    response.put("revisionId", machine.revisionId);
    return response;
  }

  /** As in Step Functions, deleting what does not exist succeeds; running executions go on. */
  private synchronized ObjectNode deleteStateMachine(JsonNode request) {
    String arn = required(request, "stateMachineArn");
    checkStateMachineArn(arn);
    if (machines.remove(arn) != null) {
      store.saveMachines(List.copyOf(machines.values()));
    }
    return Json.MAPPER.createObjectNode();
  }

  private synchronized ObjectNode describeStateMachine(JsonNode request) {
    MachineRecord machine = machine(required(request, "stateMachineArn"));
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("stateMachineArn", machine.stateMachineArn);
    response.put("name", machine.name);
    response.put("status", "ACTIVE");
    response.put("definition", machine.definition);
    response.put("roleArn", machine.roleArn);
    response.put("type", machine.type);
    response.put("creationDate", seconds(machine.creationDate));
    ObjectNode logging = response.putObject("loggingConfiguration");
    logging.put("level", "OFF");
    logging.put("includeExecutionData", false);
    response.putObject("tracingConfiguration").put("enabled", false);
    response.put("revisionId", machine.revisionId);
    return response;
  }

  private synchronized ObjectNode listStateMachines(JsonNode request) {
    List<MachineRecord> all =
        machines.values().stream().sorted(Comparator.comparing(m -> m.name)).toList();
    Page page = page(request, "ListStateMachines", all.size());
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode list = response.putArray("stateMachines");
    for (MachineRecord machine : all.subList(page.from(), page.to())) {
      ObjectNode item = list.addObject();
      item.put("stateMachineArn", machine.stateMachineArn);
      item.put("name", machine.name);
      item.put("type", machine.type);
      item.put("creationDate", seconds(machine.creationDate));
    }
    page.nextToken().ifPresent(token -> response.put("nextToken", token));
    return response;
  }

  /**
   * Creates the state machine, or updates it when its definition changed; for the machines the
   * runtime makes from {@code state-machines/} on start.
   *
   * @return {@code created}, {@code updated} or {@code unchanged}
   */
  public synchronized String ensure(String name, String definition, String roleArn, String source) {
    checkDefinition(definition);
    String arn = stateMachineArn(name);
    MachineRecord machine = machines.get(arn);
    if (machine != null
        && machine.definition.equals(definition)
        && machine.roleArn.equals(roleArn)) {
      return "unchanged";
    }
    boolean created = machine == null;
    if (created) {
      machine = new MachineRecord();
      machine.stateMachineArn = arn;
      machine.name = name;
      machine.type = "STANDARD";
      machine.creationDate = timeline.now().toEpochMilli();
      machines.put(arn, machine);
    } else {
      machine.updateDate = timeline.now().toEpochMilli();
    }
    machine.definition = definition;
    machine.roleArn = roleArn;
    machine.source = source;
    machine.revisionId = UUID.randomUUID().toString();
    store.saveMachines(List.copyOf(machines.values()));
    return created ? "created" : "updated";
  }

  // ---------------------------------------------------------------- executions

  private ObjectNode startExecution(JsonNode request) {
    String machineArn = required(request, "stateMachineArn");
    String name =
        request.hasNonNull("name") ? request.get("name").asText() : UUID.randomUUID().toString();
    checkName(name);
    String input = request.hasNonNull("input") ? request.get("input").asText() : "{}";
    if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      throw new AwsError(
          400, "InvalidExecutionInput", "Input exceeds the " + MAX_INPUT_BYTES + " bytes allowed.");
    }
    JsonNode inputJson;
    try {
      inputJson = Json.parse(input.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AwsError(
          400,
          "InvalidExecutionInput",
          "Invalid State Machine Execution Input: '" + firstLine(e) + "'");
    }
    Run run;
    synchronized (this) {
      MachineRecord machine = machine(machineArn);
      String arn = executionArn(machine.name, name);
      Run existing = runs.get(arn);
      if (existing != null) {
        // STANDARD executions: the same name and input while it runs is the same start.
        ExecutionRecord record = existing.record();
        boolean same =
            existing.read(
                () ->
                    record.status == ExecutionRecord.Status.RUNNING
                        && Run.parseJsonOf(record.input).equals(inputJson));
        if (same) {
          return started(record);
        }
        throw new AwsError(
            400, "ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
      }
      ExecutionRecord record = new ExecutionRecord();
      record.executionArn = arn;
      record.stateMachineArn = machine.stateMachineArn;
      record.stateMachineName = machine.name;
      record.name = name;
      record.roleArn = machine.roleArn;
      record.definition = machine.definition;
      record.input = input;
      record.startDate = timeline.now().toEpochMilli();
      run = newRun(record, List.of());
      runs.put(arn, run);
      store.save(record, List.of(), 0);
    }
    run.begin();
    return started(run.record());
  }

  private static ObjectNode started(ExecutionRecord record) {
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("executionArn", record.executionArn);
    response.put("startDate", seconds(record.startDate));
    return response;
  }

  private ObjectNode describeExecution(JsonNode request) {
    Run run = run(required(request, "executionArn"));
    return run.read(
        () -> {
          ExecutionRecord record = run.record();
          ObjectNode response = Json.MAPPER.createObjectNode();
          response.put("executionArn", record.executionArn);
          response.put("stateMachineArn", record.stateMachineArn);
          response.put("name", record.name);
          response.put("status", record.status.name());
          response.put("startDate", seconds(record.startDate));
          if (record.stopDate != null) {
            response.put("stopDate", seconds(record.stopDate));
          }
          response.put("input", record.input);
          response.putObject("inputDetails").put("included", true);
          if (record.output != null) {
            response.put("output", record.output);
            response.putObject("outputDetails").put("included", true);
          }
          if (record.error != null) {
            response.put("error", record.error);
          }
          if (record.cause != null) {
            response.put("cause", record.cause);
          }
          return response;
        });
  }

  private ObjectNode getExecutionHistory(JsonNode request) {
    Run run = run(required(request, "executionArn"));
    boolean reverse = request.path("reverseOrder").asBoolean(false);
    boolean data = request.path("includeExecutionData").asBoolean(true);
    List<HistoryEvent> events = new ArrayList<>(run.history());
    if (reverse) {
      java.util.Collections.reverse(events);
    }
    Page page = page(request, "GetExecutionHistory:" + reverse, events.size());
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode list = response.putArray("events");
    for (HistoryEvent event : events.subList(page.from(), page.to())) {
      ObjectNode item = list.addObject();
      item.put("timestamp", seconds(event.timestamp));
      item.put("type", event.type);
      item.put("id", event.id);
      item.put("previousEventId", event.previousEventId);
      if (event.member != null && event.details != null) {
        ObjectNode details = event.details.deepCopy();
        if (!data) {
          details.remove(List.of("input", "inputDetails", "output", "outputDetails", "parameters"));
        }
        item.set(event.member, details);
      }
    }
    page.nextToken().ifPresent(token -> response.put("nextToken", token));
    return response;
  }

  private ObjectNode stopExecution(JsonNode request) {
    Run run = run(required(request, "executionArn"));
    String error = optionalText(request, "error", 256);
    String cause = optionalText(request, "cause", 32768);
    long stopDate = run.stop(error, cause);
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("stopDate", seconds(stopDate));
    return response;
  }

  private ObjectNode listExecutions(JsonNode request) {
    String machineArn = required(request, "stateMachineArn");
    synchronized (this) {
      machine(machineArn);
    }
    String status =
        request.hasNonNull("statusFilter") ? request.get("statusFilter").asText() : null;
    if (status != null && !STATUSES.contains(status)) {
      throw AwsError.validation(
          "1 validation error detected: Value '"
              + status
              + "' at 'statusFilter' failed to satisfy"
              + " constraint: Member must satisfy enum value set: "
              + STATUSES.stream().sorted().toList());
    }
    List<ExecutionRecord> matching = new ArrayList<>();
    for (Run run : runs.values()) {
      ExecutionRecord record = run.record();
      boolean keep =
          run.read(
              () ->
                  record.stateMachineArn.equals(machineArn)
                      && (status == null || record.status.name().equals(status)));
      if (keep) {
        matching.add(record);
      }
    }
    matching.sort(
        Comparator.comparingLong((ExecutionRecord r) -> r.startDate)
            .reversed()
            .thenComparing(r -> r.name));
    Page page = page(request, "ListExecutions:" + machineArn + ":" + status, matching.size());
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode list = response.putArray("executions");
    for (ExecutionRecord record : matching.subList(page.from(), page.to())) {
      ObjectNode item = list.addObject();
      item.put("executionArn", record.executionArn);
      item.put("stateMachineArn", record.stateMachineArn);
      item.put("name", record.name);
      item.put("status", record.status.name());
      item.put("startDate", seconds(record.startDate));
      if (record.stopDate != null) {
        item.put("stopDate", seconds(record.stopDate));
      }
    }
    page.nextToken().ifPresent(token -> response.put("nextToken", token));
    return response;
  }

  // ---------------------------------------------------------------- task tokens

  private ObjectNode sendTaskSuccess(JsonNode request) {
    String token = token(request);
    String output = required(request, "output");
    JsonNode json;
    try {
      json = Json.parse(output.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AwsError(400, "InvalidOutput", "Invalid Output: '" + firstLine(e) + "'");
    }
    return answer(token, taskRun(token).sendTaskSuccess(token, json));
  }

  private ObjectNode sendTaskFailure(JsonNode request) {
    String token = token(request);
    String error = optionalText(request, "error", 256);
    String cause = optionalText(request, "cause", 32768);
    return answer(token, taskRun(token).sendTaskFailure(token, error, cause));
  }

  private ObjectNode sendTaskHeartbeat(JsonNode request) {
    String token = token(request);
    return answer(token, taskRun(token).sendTaskHeartbeat(token));
  }

  private String token(JsonNode request) {
    String token = required(request, "taskToken");
    if (token.length() > 2048 || !Run.wellFormedToken(token)) {
      throw new AwsError(400, "InvalidToken", "Invalid Token: '" + token + "'");
    }
    return token;
  }

  /** The run holding the token, or the one whose task it was once (for TaskTimedOut). */
  private Run taskRun(String token) {
    Run run = tokens.get(token);
    if (run != null) {
      return run;
    }
    for (Run candidate : runs.values()) {
      if (candidate.read(() -> candidate.record().closedTokens.containsKey(token))) {
        return candidate;
      }
    }
    throw new AwsError(400, "TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
  }

  private static ObjectNode answer(String token, Run.TokenAnswer answer) {
    return switch (answer) {
      case ACCEPTED -> Json.MAPPER.createObjectNode();
      case TIMED_OUT -> throw new AwsError(400, "TaskTimedOut", "Task Timed Out: '" + token + "'");
      case DOES_NOT_EXIST ->
          throw new AwsError(400, "TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
    };
  }

  // ---------------------------------------------------------------- helpers

  private Run newRun(ExecutionRecord record, List<HistoryEvent> history) {
    return new Run(
        record,
        history,
        timeline,
        executor,
        (resource, parameters, callback) -> {
          Tasks integrations = tasks;
          if (integrations == null) {
            callback.failed("States.TaskFailed", "the local runtime has no task integrations yet");
          } else {
            integrations.call(resource, parameters, callback);
          }
        },
        random,
        new Run.Listener() {
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
            try {
              store.save(run.record(), history, from);
            } catch (RuntimeException e) {
              LOG.error("cannot keep {}: {}", run.record().executionArn, e.toString());
            }
          }
        });
  }

  private MachineRecord machine(String arn) {
    checkStateMachineArn(arn);
    MachineRecord machine = machines.get(arn);
    if (machine == null) {
      throw new AwsError(
          400, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }
    return machine;
  }

  private Run run(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length != 8
        || !arn.startsWith("arn:aws:states:")
        || !parts[5].equals("execution")
        || parts[6].isEmpty()
        || parts[7].isEmpty()) {
      throw new AwsError(
          400, "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
    }
    Run run = runs.get(arn);
    if (run == null) {
      throw new AwsError(400, "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
    return run;
  }

  private static void checkStateMachineArn(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length != 7
        || !arn.startsWith("arn:aws:states:")
        || !parts[5].equals("stateMachine")
        || parts[6].isEmpty()) {
      throw new AwsError(
          400, "InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
    }
  }

  private static void checkName(String name) {
    if (name.isEmpty() || name.length() > 80 || NAME_FORBIDDEN.matcher(name).find()) {
      throw new AwsError(400, "InvalidName", "Invalid Name: '" + name + "'");
    }
  }

  private static void checkType(String type) {
    if (type.equals("EXPRESS")) {
      throw AwsError.validation(
          "The local runtime runs STANDARD state machines only, not EXPRESS.");
    }
    if (!type.equals("STANDARD")) {
      throw AwsError.validation(
          "1 validation error detected: Value '"
              + type
              + "' at 'type' failed to satisfy"
              + " constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
    }
  }

  private static void checkDefinition(String definition) {
    try {
      Definition.parse(definition);
    } catch (Definition.InvalidDefinitionException e) {
      throw new AwsError(
          400, "InvalidDefinition", "Invalid State Machine Definition: '" + e.getMessage() + "'");
    }
  }

  private static String roleArn(JsonNode request) {
    String roleArn = required(request, "roleArn");
    if (!roleArn.matches("arn:aws:iam::[0-9]{12}:role/.+")) {
      throw new AwsError(
          400,
          "InvalidArn",
          "Invalid Arn: 'Resource type not valid in this context: " + roleArn + "'");
    }
    return roleArn;
  }

  private static String required(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      throw AwsError.validation(
          "1 validation error detected: Value null at '"
              + field
              + "' failed to satisfy constraint:"
              + " Member must not be null");
    }
    if (!value.isTextual()) {
      throw new AwsError(
          400, "SerializationException", "The field " + field + " must be a string.");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode request, String field, int max) {
    if (!request.hasNonNull(field)) {
      return null;
    }
    String value = request.get(field).asText();
    if (value.length() > max) {
      throw AwsError.validation(
          "1 validation error detected: Value at '"
              + field
              + "' failed to satisfy constraint:"
              + " Member must have length less than or equal to "
              + max);
    }
    return value;
  }

  private static String firstLine(IOException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** Epoch seconds with milliseconds, as the Step Functions API writes timestamps. */
  static BigDecimal seconds(long millis) {
    return BigDecimal.valueOf(millis, 3);
  }

  /** One page of a listing: {@code maxResults} (0 means the default, 100) and {@code nextToken}. */
  private record Page(int from, int to, java.util.Optional<String> nextToken) {}

  private static Page page(JsonNode request, String listing, int size) {
    int max = request.path("maxResults").asInt(0);
    if (max < 0 || max > 1000) {
      throw AwsError.validation(
          "1 validation error detected: Value '"
              + max
              + "' at 'maxResults' failed to satisfy"
              + " constraint: Member must have value less than or equal to 1000");
    }
    if (max == 0) {
      max = 100;
    }
    int from = 0;
    if (request.hasNonNull("nextToken")) {
      String token = request.get("nextToken").asText();
      try {
        String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        int colon = decoded.lastIndexOf('|');
        if (colon < 0 || !decoded.substring(0, colon).equals(listing)) {
          throw new IllegalArgumentException("another listing's token");
        }
        from = Integer.parseInt(decoded.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new AwsError(400, "InvalidToken", "Invalid Token: '" + token + "'");
      }
      if (from < 0 || from > size) {
        throw new AwsError(400, "InvalidToken", "Invalid Token: '" + token + "'");
      }
    }
    int to = Math.min(size, from + max);
    java.util.Optional<String> next =
        to < size
            ? java.util.Optional.of(
                Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((listing + "|" + to).getBytes(StandardCharsets.UTF_8)))
            : java.util.Optional.empty();
    return new Page(from, to, next);
  }
}
