package dev.topgun.local.stepfunctions;

import static dev.topgun.local.stepfunctions.SfnSupport.ROLE;
import static dev.topgun.local.stepfunctions.SfnSupport.awaitEvent;
import static dev.topgun.local.stepfunctions.SfnSupport.awaitStatus;
import static dev.topgun.local.stepfunctions.SfnSupport.history;
import static dev.topgun.local.stepfunctions.SfnSupport.json;
import static dev.topgun.local.stepfunctions.SfnSupport.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.local.LocalConfig;
import dev.topgun.local.LocalRuntime;
import dev.topgun.shared.routes.EventRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The Step Functions API of the runtime through the SDK's SfnClient: every operation and its
 * errors, name idempotency, paging, task tokens, and Lambda tasks calling the platform function.
 * Step Functions' timers run on a {@link ManualTimeline}, so Wait states take no real time.
 */
class StepFunctionsIT {

  static final String WAIT =
      """
      {"StartAt": "Pause", "States": {"Pause": {"Type": "Wait", "Seconds": 3600, "End": true}}}
      """;
  static final String TOKEN =
      """
      {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "TimeoutSeconds": 300,
        "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
        "Parameters": {"Entries": [{"EventBusName": "topgun", "Source": "topgun.test",
          "DetailType": "ApprovalRequested", "Detail": {"token.$": "$$.Task.Token"}}]},
        "End": true}}}
      """;

  static Path data;
  static ManualTimeline timeline;
  static LocalRuntime runtime;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    data = Files.createTempDirectory("sfn-it");
    timeline = new ManualTimeline(Instant.now());
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withRules(EventRules.of(List.of()))
                .withTimeline(timeline));
    sfn = SfnSupport.client(runtime.endpoint());
  }

  @AfterAll
  static void stop() {
    if (sfn != null) {
      sfn.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  static String machine(String definition) {
    String name = "m-" + UUID.randomUUID();
    return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  static String start(String machine, String input) {
    return sfn.startExecution(r -> r.stateMachineArn(machine).input(input)).executionArn();
  }

  @Test
  void stateMachines_areCreatedDescribedListedUpdatedAndDeleted() {
    // given
    String name = "lifecycle-" + UUID.randomUUID();
    String definition =
        "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";

    // when
    var created = sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE));
    var again = sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE));

    // then
    assertThat(created.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:" + name);
    assertThat(again.stateMachineArn()).isEqualTo(created.stateMachineArn());
    assertThat(again.creationDate()).isEqualTo(created.creationDate());
    var described = sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn()));
    assertThat(described.name()).isEqualTo(name);
    assertThat(described.definition()).isEqualTo(definition);
    assertThat(described.roleArn()).isEqualTo(ROLE);
    assertThat(described.typeAsString()).isEqualTo("STANDARD");
    assertThat(described.statusAsString()).isEqualTo("ACTIVE");
    assertThat(
            sfn.listStateMachinesPaginator(r -> r.maxResults(2)).stateMachines().stream()
                .map(m -> m.name()))
        .contains(name);
    String updated = definition.replace("\"End\": true", "\"Result\": 1, \"End\": true");
    sfn.updateStateMachine(r -> r.stateMachineArn(created.stateMachineArn()).definition(updated));
    assertThat(
            sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn()))
                .definition())
        .isEqualTo(updated);
    assertThatThrownBy(
            () -> sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE)))
        .isInstanceOf(StateMachineAlreadyExistsException.class);
    sfn.deleteStateMachine(r -> r.stateMachineArn(created.stateMachineArn()));
    assertThatThrownBy(
            () -> sfn.describeStateMachine(r -> r.stateMachineArn(created.stateMachineArn())))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    sfn.deleteStateMachine(r -> r.stateMachineArn(created.stateMachineArn()));
  }

  @Test
  void badRequests_getStepFunctionsErrors() {
    String good = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";
    assertThatThrownBy(
            () ->
                sfn.createStateMachine(
                    r ->
                        r.name("bad")
                            .definition("{\"StartAt\": \"X\", \"States\": {}}")
                            .roleArn(ROLE)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("Invalid State Machine Definition");
    assertThatThrownBy(
            () -> sfn.createStateMachine(r -> r.name("has space").definition(good).roleArn(ROLE)))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> sfn.createStateMachine(r -> r.name("norole").definition(good)))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThatThrownBy(
            () -> sfn.createStateMachine(r -> r.name("badrole").definition(good).roleArn("role")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> sfn.describeStateMachine(r -> r.stateMachineArn("not-an-arn")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    r ->
                        r.stateMachineArn(
                            "arn:aws:states:us-east-1:000000000000:stateMachine:none")))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    String machine = machine(good);
    assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machine).input("{not json")))
        .isInstanceOf(InvalidExecutionInputException.class);
    assertThatThrownBy(() -> sfn.startExecution(r -> r.stateMachineArn(machine).name("a/b")))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(
            () ->
                sfn.describeExecution(
                    r -> r.executionArn("arn:aws:states:us-east-1:000000000000:execution:x:none")))
        .isInstanceOf(ExecutionDoesNotExistException.class);
    assertThatThrownBy(() -> sfn.getExecutionHistory(r -> r.executionArn("garbage")))
        .isInstanceOf(InvalidArnException.class);
    assertThatThrownBy(() -> sfn.listExecutions(r -> r.stateMachineArn(machine).maxResults(1001)))
        .isInstanceOfSatisfying(
            SfnException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken("nope").output("{}")))
        .isInstanceOf(InvalidTokenException.class);
    assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken("A".repeat(64)).output("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
  }

  @Test
  void
      startExecution_withTheSameNameAndInputWhileRunning_isTheSameExecution_otherwiseAlreadyExists()
          throws Exception {
    // given
    String machine = machine(WAIT);
    String arn =
        sfn.startExecution(r -> r.stateMachineArn(machine).name("once").input("{\"a\": 1}"))
            .executionArn();

    // when
    var repeated =
        sfn.startExecution(r -> r.stateMachineArn(machine).name("once").input("{\"a\": 1}"));

    // then
    assertThat(arn).isEqualTo(machine.replace(":stateMachine:", ":execution:") + ":once");
    assertThat(repeated.executionArn()).isEqualTo(arn);
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    r -> r.stateMachineArn(machine).name("once").input("{\"a\": 2}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
    sfn.stopExecution(r -> r.executionArn(arn));
    awaitStatus(sfn, arn, ExecutionStatus.ABORTED);
    assertThatThrownBy(
            () ->
                sfn.startExecution(
                    r -> r.stateMachineArn(machine).name("once").input("{\"a\": 1}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
  }

  @Test
  void waitState_endsWhenTheTimelineReachesIt() throws Exception {
    // given
    String arn = start(machine(WAIT), "{\"v\": 1}");
    awaitEvent(sfn, arn, HistoryEventType.WAIT_STATE_ENTERED);

    // when
    timeline.advance(Duration.ofSeconds(3600));

    // then
    awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
    DescribeExecutionResponse described = sfn.describeExecution(r -> r.executionArn(arn));
    assertThat(json(described.output())).isEqualTo(json("{\"v\": 1}"));
    assertThat(described.stopDate()).isAfterOrEqualTo(described.startDate());
  }

  @Test
  void history_isPagedForwardAndBackward() throws Exception {
    // given
    String definition =
        """
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"},
          "C": {"Type": "Pass", "End": true}}}
        """;
    String arn = start(machine(definition), "{}");
    awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);

    // when
    List<HistoryEvent> forward = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      GetExecutionHistoryResponse page =
          sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(3).nextToken(next));
      assertThat(page.events()).hasSizeLessThanOrEqualTo(3);
      forward.addAll(page.events());
      token = page.nextToken();
    } while (token != null);
    List<HistoryEvent> backward =
        sfn.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true)).events();

    // then
    assertThat(forward)
        .extracting(HistoryEvent::id)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(forward.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_STARTED);
    assertThat(forward.get(0).executionStartedEventDetails().roleArn()).isEqualTo(ROLE);
    assertThat(forward.get(1).stateEnteredEventDetails().name()).isEqualTo("A");
    assertThat(forward.get(7).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(backward)
        .extracting(HistoryEvent::id)
        .containsExactly(8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(forward.get(2).timestamp()).isNotNull();
    assertThatThrownBy(() -> sfn.getExecutionHistory(r -> r.executionArn(arn).nextToken("bogus")))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void listExecutions_filtersByStatus_andPages() throws Exception {
    // given
    String machine = machine(WAIT);
    String first = start(machine, "{}");
    String second = start(machine, "{}");
    String third = start(machine, "{}");
    sfn.stopExecution(r -> r.executionArn(second).error("E").cause("C"));
    awaitStatus(sfn, second, ExecutionStatus.ABORTED);

    // when
    var running =
        sfn.listExecutions(r -> r.stateMachineArn(machine).statusFilter(ExecutionStatus.RUNNING));
    var firstPage = sfn.listExecutions(r -> r.stateMachineArn(machine).maxResults(2));
    var secondPage =
        sfn.listExecutions(
            r -> r.stateMachineArn(machine).maxResults(2).nextToken(firstPage.nextToken()));

    // then
    assertThat(running.executions())
        .extracting(e -> e.executionArn())
        .containsExactlyInAnyOrder(first, third);
    assertThat(firstPage.executions()).hasSize(2);
    assertThat(secondPage.executions()).hasSize(1);
    assertThat(secondPage.nextToken()).isNull();
    var stopped = sfn.describeExecution(r -> r.executionArn(second));
    assertThat(stopped.error()).isEqualTo("E");
    assertThat(stopped.cause()).isEqualTo("C");
    assertThat(history(sfn, second).get(history(sfn, second).size() - 1).type())
        .isEqualTo(HistoryEventType.EXECUTION_ABORTED);
  }

  @Test
  void tokenTask_completesOnSendTaskSuccess_withTheOutputGiven() throws Exception {
    // given
    String arn = start(machine(TOKEN), "{}");
    String token = tokenOf(awaitEvent(sfn, arn, HistoryEventType.TASK_SCHEDULED), "token");
    awaitEvent(sfn, arn, HistoryEventType.TASK_SUBMITTED);

    // when
    sfn.sendTaskHeartbeat(r -> r.taskToken(token));
    assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output("not json")))
        .isInstanceOf(InvalidOutputException.class);
    sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"approved\": true}"));

    // then
    awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
    assertThat(json(sfn.describeExecution(r -> r.executionArn(arn)).output()))
        .isEqualTo(json("{\"approved\": true}"));
    HistoryEvent submitted = awaitEvent(sfn, arn, HistoryEventType.TASK_SUBMITTED);
    assertThat(json(submitted.taskSubmittedEventDetails().output()).get("FailedEntryCount").asInt())
        .isZero();
    assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}")))
        .isInstanceOf(TaskDoesNotExistException.class);
  }

  @Test
  void tokenTask_failsOnSendTaskFailure_withTheErrorAndCauseGiven() throws Exception {
    // given
    String arn = start(machine(TOKEN), "{}");
    String token = tokenOf(awaitEvent(sfn, arn, HistoryEventType.TASK_SCHEDULED), "token");
    awaitEvent(sfn, arn, HistoryEventType.TASK_SUBMITTED);

    // when
    sfn.sendTaskFailure(r -> r.taskToken(token).error("Rejected").cause("no capacity"));

    // then
    awaitStatus(sfn, arn, ExecutionStatus.FAILED);
    var described = sfn.describeExecution(r -> r.executionArn(arn));
    assertThat(described.error()).isEqualTo("Rejected");
    assertThat(described.cause()).isEqualTo("no capacity");
    HistoryEvent failed = awaitEvent(sfn, arn, HistoryEventType.TASK_FAILED);
    assertThat(failed.taskFailedEventDetails().resourceType()).isEqualTo("events");
    assertThat(failed.taskFailedEventDetails().resource()).isEqualTo("putEvents.waitForTaskToken");
  }

  @Test
  void tokenTask_timesOut_andALateAnswerGetsTaskTimedOut() throws Exception {
    // given
    String arn = start(machine(TOKEN), "{}");
    String token = tokenOf(awaitEvent(sfn, arn, HistoryEventType.TASK_SCHEDULED), "token");
    awaitEvent(sfn, arn, HistoryEventType.TASK_SUBMITTED);

    // when
    timeline.advance(Duration.ofSeconds(300));

    // then
    awaitStatus(sfn, arn, ExecutionStatus.FAILED);
    assertThat(sfn.describeExecution(r -> r.executionArn(arn)).error()).isEqualTo("States.Timeout");
    assertThatThrownBy(() -> sfn.sendTaskSuccess(r -> r.taskToken(token).output("{}")))
        .isInstanceOf(TaskTimedOutException.class);
  }

  @Test
  void lambdaInvokeTask_callsTheLocalFunction_andAnswersAsStepFunctionsDoes() throws Exception {
    // given
    String event =
        Files.readString(Path.of("src/test/resources/events/api-gateway-get-health.json"));
    String definition =
        """
        {"StartAt": "Health", "States": {"Health": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:platform:live",
                         "Payload.$": "$"},
          "End": true}}}
        """;

    // when
    String arn = start(machine(definition), event);

    // then
    awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
    JsonNode output = json(sfn.describeExecution(r -> r.executionArn(arn)).output());
    assertThat(output.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(output.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
    assertThat(output.get("Payload").get("statusCode").asInt()).isIn(200, 503);
    assertThat(output.get("SdkHttpMetadata").get("HttpStatusCode").asInt()).isEqualTo(200);
    assertThat(output.get("SdkHttpMetadata").get("AllHttpHeaders").fieldNames())
        .toIterable()
        .anySatisfy(header -> assertThat(header).isEqualToIgnoringCase("X-Amz-Executed-Version"));
    assertThat(output.get("SdkResponseMetadata").get("RequestId").asText()).isNotBlank();
  }

  @Test
  void functionErrors_becomeTheStateErrorNamedByErrorType_andACatchTakesThem() throws Exception {
    // given: the platform function refuses a payload that is neither an API Gateway nor an event
    String definition =
        """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:platform",
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Undo"}], "End": true},
          "Undo": {"Type": "Pass", "End": true}}}
        """;

    // when
    String arn = start(machine(definition), "{\"unknown\": true}");

    // then
    awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
    JsonNode error = json(sfn.describeExecution(r -> r.executionArn(arn)).output()).get("error");
    assertThat(error.get("Error").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(json(error.get("Cause").asText()).get("errorMessage").asText()).isNotBlank();
    HistoryEvent failed = awaitEvent(sfn, arn, HistoryEventType.LAMBDA_FUNCTION_FAILED);
    assertThat(failed.lambdaFunctionFailedEventDetails().error())
        .isEqualTo("java.lang.IllegalArgumentException");
  }

  @Test
  void unknownFunction_failsWithLambdaResourceNotFoundException() throws Exception {
    // given
    String definition =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "no-such-function"}, "End": true}}}
        """;

    // when
    String arn = start(machine(definition), "{}");

    // then
    awaitStatus(sfn, arn, ExecutionStatus.FAILED);
    var described = sfn.describeExecution(r -> r.executionArn(arn));
    assertThat(described.error()).isEqualTo("Lambda.ResourceNotFoundException");
    assertThat(described.cause()).contains("Function not found").contains("Status Code: 404");
  }
}
