package dev.topgun.local.stepfunctions.asl;

import static dev.topgun.local.stepfunctions.asl.Engine.json;
import static dev.topgun.local.stepfunctions.asl.Engine.output;
import static dev.topgun.local.stepfunctions.asl.Engine.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's states, data flow, errors and waits, on an injected timeline with fake tasks. */
class RunTest {

  private final Engine engine = new Engine();

  @Test
  void givenPassStates_whenRun_thenParametersResultResultPathAndOutputPathApplyInOrder() {
    // given
    String definition =
        """
        {"StartAt": "Shape", "States": {
          "Shape": {"Type": "Pass", "InputPath": "$.order",
                    "Parameters": {"id.$": "$.id", "fixed": 1, "nested": {"name.$": "$.name"}},
                    "ResultPath": "$.shaped", "OutputPath": "$.shaped", "Next": "Constant"},
          "Constant": {"Type": "Pass", "Result": {"ok": true}, "ResultPath": "$.a.b", "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{\"order\": {\"id\": \"o-1\", \"name\": \"Ada\"}}");

    // then
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.SUCCEEDED);
    assertThat(output(run))
        .isEqualTo(
            json("{'id': 'o-1', 'fixed': 1, 'nested': {'name': 'Ada'}, 'a': {'b': {'ok': true}}}"));
    assertThat(types(run))
        .containsExactly(
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void givenTask_whenItAnswers_thenResultSelectorResultPathOutputPathShapeTheOutput() {
    // given
    engine.function(
        "platform", payload -> json("{'status': 'UP', 'echo': " + Json.text(payload) + "}"));
    String definition =
        """
        {"StartAt": "Check", "States": {"Check": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "InputPath": "$.in",
          "Parameters": {"FunctionName": "platform", "Payload": {"task": "health", "who.$": "$.who"}},
          "ResultSelector": {"status.$": "$.Payload.status", "code.$": "$.StatusCode"},
          "ResultPath": "$.health", "OutputPath": "$.health", "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{\"in\": {\"who\": \"ops\"}}");

    // then
    assertThat(engine.calls.get(0).parameters())
        .isEqualTo(
            json("{'FunctionName': 'platform', 'Payload': {'task': 'health', 'who': 'ops'}}"));
    assertThat(output(run)).isEqualTo(json("{'status': 'UP', 'code': 200}"));
    assertThat(types(run))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void historyEvents_carryIdsPreviousIdsAndDetailsAsStepFunctionsDoes() {
    // given
    engine.function("platform", payload -> json("{'ok': true}"));
    String definition =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 30,
          "Parameters": {"FunctionName": "platform", "Payload.$": "$"}, "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{\"x\": 1}");

    // then
    List<HistoryEvent> history = run.history();
    assertThat(history).extracting(e -> e.id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(history)
        .extracting(e -> e.previousEventId)
        .containsExactly(0L, 0L, 2L, 3L, 4L, 5L, 6L);
    HistoryEvent scheduled = history.get(2);
    assertThat(scheduled.member).isEqualTo("taskScheduledEventDetails");
    assertThat(scheduled.details.get("resourceType").asText()).isEqualTo("lambda");
    assertThat(scheduled.details.get("resource").asText()).isEqualTo("invoke");
    assertThat(scheduled.details.get("region").asText()).isEqualTo("us-east-1");
    assertThat(scheduled.details.get("timeoutInSeconds").asInt()).isEqualTo(30);
    assertThat(json(scheduled.details.get("parameters").asText()))
        .isEqualTo(json("{'FunctionName': 'platform', 'Payload': {'x': 1}}"));
    assertThat(history.get(1).details.get("name").asText()).isEqualTo("Call");
    assertThat(history.get(0).details.get("input").asText()).isEqualTo("{\"x\": 1}");
    assertThat(history).allMatch(e -> e.timestamp == Engine.START.toEpochMilli());
  }

  @Test
  void givenLambdaFunctionArnAsResource_whenRun_thenThePayloadIsTheInputAndTheAnswerTheResult() {
    // given
    engine.function("platform", payload -> json("{'got': " + Json.text(payload) + "}"));
    String definition =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:lambda:us-east-1:000000000000:function:platform", "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{\"a\": 1}");

    // then
    assertThat(output(run)).isEqualTo(json("{'got': {'a': 1}}"));
    assertThat(types(run))
        .containsExactly(
            "ExecutionStarted",
            "TaskStateEntered",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void givenFailingTask_whenRetried_thenIntervalsGrowByTheBackoffRateUntilItSucceeds() {
    // given
    AtomicInteger attempts = new AtomicInteger();
    engine.function(
        "flaky",
        payload -> {
          if (attempts.incrementAndGet() < 4) {
            throw new Engine.Failure("Lambda.ServiceException", "try again");
          }
          return json("{'done': true}");
        });
    String definition =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "flaky"},
          "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2,
                     "MaxAttempts": 3, "BackoffRate": 3}],
          "OutputPath": "$.Payload", "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{}");

    // then: 2 s, 6 s, 18 s
    assertThat(engine.timeline.pending()).containsExactly(Engine.START.plusSeconds(2));
    engine.advance(Duration.ofSeconds(2));
    assertThat(engine.timeline.pending()).containsExactly(Engine.START.plusSeconds(8));
    engine.advance(Duration.ofSeconds(6));
    assertThat(engine.timeline.pending()).containsExactly(Engine.START.plusSeconds(26));
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.RUNNING);
    engine.advance(Duration.ofSeconds(18));
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.SUCCEEDED);
    assertThat(output(run)).isEqualTo(json("{'done': true}"));
    assertThat(types(run).stream().filter("TaskFailed"::equals)).hasSize(3);
    assertThat(types(run).stream().filter("TaskStateEntered"::equals)).hasSize(1);
  }

  @Test
  void givenRetrierWithMaxDelay_thenTheIntervalIsCapped_andFullJitterStaysBelowIt() {
    // given
    Run run =
        engine.start(
            "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}", "{}");
    JsonNode capped =
        json(
            "{'ErrorEquals': ['X'], 'IntervalSeconds': 10, 'BackoffRate': 2, 'MaxDelaySeconds': 15}");
    JsonNode jittered =
        json("{'ErrorEquals': ['X'], 'IntervalSeconds': 10, 'JitterStrategy': 'FULL'}");

    // when / then
    assertThat(run.retryDelay(capped, 0)).isEqualTo(10_000);
    assertThat(run.retryDelay(capped, 1)).isEqualTo(15_000);
    assertThat(run.retryDelay(capped, 5)).isEqualTo(15_000);
    for (int attempt = 0; attempt < 20; attempt++) {
      assertThat(run.retryDelay(jittered, 1)).isBetween(0L, 20_000L);
    }
  }

  @Test
  void givenMaxAttemptsZero_thenNoRetry_andTheCatchTakesTheErrorWithItsResultPath() {
    // given
    engine.function(
        "boom",
        payload -> {
          throw new Engine.Failure("java.lang.IllegalStateException", "{\"errorMessage\":\"no\"}");
        });
    String definition =
        """
        {"StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "boom"},
            "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
            "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.failure", "Next": "Undo"}],
            "End": true},
          "Undo": {"Type": "Pass", "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{\"keep\": 1}");

    // then
    assertThat(engine.calls).hasSize(1);
    assertThat(output(run))
        .isEqualTo(
            json(
                "{'keep': 1, 'failure': {'Error': 'java.lang.IllegalStateException', 'Cause': '{\\'errorMessage\\':\\'no\\'}'}}"
                    .replace("\\'", "\\\"")));
    assertThat(types(run))
        .containsSubsequence(
            "TaskFailed", "TaskStateExited", "PassStateEntered", "ExecutionSucceeded");
  }

  @Test
  void givenUncaughtError_thenTheExecutionFailsWithItsErrorAndCause() {
    // given
    engine.function(
        "boom",
        payload -> {
          throw new Engine.Failure("Oops", "because");
        });
    String definition =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "boom"},
          "Catch": [{"ErrorEquals": ["Other"], "Next": "Never"}], "End": true},
          "Never": {"Type": "Succeed"}}}
        """;

    // when
    Run run = engine.start(definition, "{}");

    // then
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.FAILED);
    assertThat(run.record().error).isEqualTo("Oops");
    assertThat(run.record().cause).isEqualTo("because");
    assertThat(types(run)).endsWith("TaskFailed", "ExecutionFailed");
  }

  @Test
  void givenChoice_thenTheFirstMatchingRuleOrTheDefaultIsTaken_andNoMatchFails() {
    // given
    String definition =
        """
        {"StartAt": "Route", "States": {
          "Route": {"Type": "Choice", "Choices": [
              {"And": [{"Variable": "$.n", "NumericGreaterThan": 10},
                       {"Not": {"Variable": "$.tag", "StringEquals": "skip"}}], "Next": "Big"},
              {"Variable": "$.n", "NumericLessThanEqualsPath": "$.limit", "Next": "Small"}],
            "Default": "Other"},
          "Big": {"Type": "Pass", "Result": "big", "End": true},
          "Small": {"Type": "Pass", "Result": "small", "End": true},
          "Other": {"Type": "Pass", "Result": "other", "End": true}}}
        """;

    // when / then
    assertThat(
            output(engine.start(definition, "{\"n\": 11, \"tag\": \"x\", \"limit\": 0}")).asText())
        .isEqualTo("big");
    assertThat(
            output(engine.start(definition, "{\"n\": 11, \"tag\": \"skip\", \"limit\": 20}"))
                .asText())
        .isEqualTo("small");
    assertThat(
            output(engine.start(definition, "{\"n\": 11, \"tag\": \"skip\", \"limit\": 3}"))
                .asText())
        .isEqualTo("other");
    Run noDefault =
        engine.start(
            """
            {"StartAt": "Route", "States": {"Route": {"Type": "Choice", "Choices": [
              {"Variable": "$.n", "NumericEquals": 1, "Next": "Done"}]}, "Done": {"Type": "Succeed"}}}
            """,
            "{\"n\": 2}");
    assertThat(noDefault.record().error).isEqualTo("States.NoChoiceMatched");
  }

  @Test
  void givenChoiceOnAMissingVariable_thenTheExecutionFailsWithStatesRuntime_butIsPresentIsFalse() {
    // given
    String definition =
        """
        {"StartAt": "Route", "States": {"Route": {"Type": "Choice", "Choices": [
            {"Variable": "$.maybe", "IsPresent": true, "Next": "Has"},
            {"Variable": "$.missing", "StringEquals": "x", "Next": "Has"}], "Default": "Has"},
          "Has": {"Type": "Succeed"}}}
        """;

    // when
    Run run = engine.start(definition, "{}");

    // then
    assertThat(run.record().error).isEqualTo("States.Runtime");
    assertThat(run.record().cause).contains("'Route'").contains("$.missing");
  }

  @Test
  void givenWaitStates_thenEachWaitsOnTheTimelineForItsSecondsOrTimestamp() {
    // given
    String definition =
        """
        {"StartAt": "Fixed", "States": {
          "Fixed": {"Type": "Wait", "Seconds": 60, "Next": "FromInput"},
          "FromInput": {"Type": "Wait", "SecondsPath": "$.delay", "Next": "Until"},
          "Until": {"Type": "Wait", "TimestampPath": "$.at", "Next": "Fixed2"},
          "Fixed2": {"Type": "Wait", "Timestamp": "2026-03-01T12:00:00Z", "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{\"delay\": 30, \"at\": \"2026-03-01T11:00:00Z\"}");

    // then
    assertThat(engine.timeline.pending()).containsExactly(Engine.START.plusSeconds(60));
    engine.advance(Duration.ofSeconds(59));
    assertThat(types(run)).doesNotContain("WaitStateExited");
    engine.advance(Duration.ofSeconds(1));
    assertThat(engine.timeline.pending()).containsExactly(Engine.START.plusSeconds(90));
    engine.advance(Duration.ofSeconds(30));
    assertThat(engine.timeline.pending()).containsExactly(Instant.parse("2026-03-01T11:00:00Z"));
    engine.advance(Duration.ofHours(1));
    assertThat(engine.timeline.pending()).containsExactly(Instant.parse("2026-03-01T12:00:00Z"));
    engine.advance(Duration.ofHours(1));
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.SUCCEEDED);
    assertThat(types(run).stream().filter("WaitStateExited"::equals)).hasSize(4);
  }

  @Test
  void givenParallel_thenEveryBranchGetsTheInput_andTheOutputIsTheirResultsInOrder() {
    // given
    String definition =
        """
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
          "ResultSelector": {"first.$": "$[0]", "second.$": "$[1]"},
          "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 5, "Next": "A2"},
                                         "A2": {"Type": "Pass", "InputPath": "$.x", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}
        """;

    // when
    Run run = engine.start(definition, "{\"x\": 42}");
    engine.advance(Duration.ofSeconds(5));

    // then
    assertThat(output(run)).isEqualTo(json("{'first': 42, 'second': 'b'}"));
    List<HistoryEvent> history = run.history();
    long started =
        history.stream()
            .filter(e -> e.type.equals("ParallelStateStarted"))
            .findFirst()
            .orElseThrow()
            .id;
    assertThat(
            history.stream()
                .filter(e -> e.type.equals("WaitStateEntered"))
                .findFirst()
                .orElseThrow()
                .previousEventId)
        .isEqualTo(started);
    assertThat(
            history.stream()
                .filter(
                    e ->
                        e.type.equals("PassStateEntered")
                            && e.details.get("name").asText().equals("B"))
                .findFirst()
                .orElseThrow()
                .previousEventId)
        .isEqualTo(started);
    assertThat(types(run))
        .containsSubsequence(
            "ParallelStateEntered",
            "ParallelStateStarted",
            "ParallelStateSucceeded",
            "ParallelStateExited");
  }

  @Test
  void givenParallelBranchFails_thenTheOthersAreAborted_andTheParallelsCatchTakesTheError() {
    // given
    String definition =
        """
        {"StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "Next": "Done",
            "Catch": [{"ErrorEquals": ["Broken"], "ResultPath": "$.error", "Next": "Compensate"}],
            "Branches": [
              {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 100, "End": true}}},
              {"StartAt": "Bad", "States": {"Bad": {"Type": "Fail", "Error": "Broken", "Cause": "b"}}}]},
          "Done": {"Type": "Succeed"},
          "Compensate": {"Type": "Pass", "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{}");

    // then
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.SUCCEEDED);
    assertThat(output(run)).isEqualTo(json("{'error': {'Error': 'Broken', 'Cause': 'b'}}"));
    assertThat(types(run))
        .containsSubsequence(
            "FailStateEntered",
            "WaitStateAborted",
            "ParallelStateFailed",
            "ParallelStateExited",
            "PassStateEntered");
    assertThat(engine.timeline.pending()).isEmpty();
  }

  @Test
  void givenMap_thenEachItemRunsWithItsSelector_inOrder_andMaxConcurrencyHoldsTheRestBack() {
    // given
    engine.function("each", payload -> null);
    String definition =
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
          "MaxConcurrency": 2, "ResultPath": "$.results", "End": true,
          "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "tag.$": "$.tag"},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Call", "States": {
            "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                     "Parameters": {"FunctionName": "each", "Payload.$": "$"},
                     "OutputPath": "$.Payload", "End": true}}}}}}
        """;

    // when
    Run run = engine.start(definition, "{\"items\": [\"a\", \"b\", \"c\"], \"tag\": \"t\"}");

    // then: two at a time
    assertThat(engine.pending).hasSize(2);
    assertThat(engine.pending.get(0).parameters().get("Payload"))
        .isEqualTo(json("{'index': 0, 'value': 'a', 'tag': 't'}"));
    answer(1, "{'n': 'B'}");
    assertThat(engine.pending).hasSize(3);
    answer(0, "{'n': 'A'}");
    answer(2, "{'n': 'C'}");
    assertThat(output(run))
        .isEqualTo(
            json(
                "{'items': ['a', 'b', 'c'], 'tag': 't', 'results': [{'n': 'A'}, {'n': 'B'}, {'n': 'C'}]}"));
    HistoryEvent started =
        run.history().stream()
            .filter(e -> e.type.equals("MapStateStarted"))
            .findFirst()
            .orElseThrow();
    assertThat(started.details.get("length").asInt()).isEqualTo(3);
    assertThat(types(run).stream().filter("MapIterationSucceeded"::equals)).hasSize(3);
  }

  @Test
  void givenEmptyMap_thenItSucceedsWithAnEmptyArray() {
    // given
    String definition =
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
        """;

    // when
    Run run = engine.start(definition, "[]");

    // then
    assertThat(output(run)).isEqualTo(json("[]"));
  }

  @Test
  void givenWaitForTaskToken_whenSendTaskSuccess_thenTheTaskSucceedsWithTheGivenOutput() {
    // given
    engine.function("approve", payload -> json("{'accepted': true}"));
    String definition =
        """
        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "approve", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """;
    Run run = engine.start(definition, "{}");
    String token = engine.calls.get(0).parameters().get("Payload").get("token").asText();

    // when
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.RUNNING);
    Run.TokenAnswer answer = run.sendTaskSuccess(token, json("{'approved': 'yes'}"));

    // then
    assertThat(answer).isEqualTo(Run.TokenAnswer.ACCEPTED);
    assertThat(output(run)).isEqualTo(json("{'approved': 'yes'}"));
    assertThat(types(run))
        .containsSubsequence(
            "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited");
    assertThat(run.sendTaskSuccess(token, json("{}"))).isEqualTo(Run.TokenAnswer.DOES_NOT_EXIST);
    assertThat(engine.tokens).isEmpty();
  }

  @Test
  void givenWaitForTaskToken_whenSendTaskFailure_thenTheTaskFailsWithThatErrorAndCause() {
    // given
    engine.function("approve", payload -> json("{}"));
    String definition =
        """
        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "approve", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """;
    Run run = engine.start(definition, "{}");
    String token = engine.tokens.keySet().iterator().next();

    // when
    run.sendTaskFailure(token, "Rejected", "the operator said no");

    // then
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.FAILED);
    assertThat(run.record().error).isEqualTo("Rejected");
    assertThat(run.record().cause).isEqualTo("the operator said no");
  }

  @Test
  void givenTaskTimeout_whenNoAnswerInTime_thenStatesTimeout_andTheLateTokenIsTimedOut() {
    // given
    engine.function("approve", payload -> json("{}"));
    String definition =
        """
        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "TimeoutSeconds": 60,
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "approve", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """;
    Run run = engine.start(definition, "{}");
    String token = engine.tokens.keySet().iterator().next();

    // when
    engine.advance(Duration.ofSeconds(60));

    // then
    assertThat(run.record().error).isEqualTo("States.Timeout");
    assertThat(types(run)).endsWith("TaskTimedOut", "ExecutionFailed");
    assertThat(run.sendTaskSuccess(token, json("{}"))).isEqualTo(Run.TokenAnswer.TIMED_OUT);
  }

  @Test
  void
      givenHeartbeatSeconds_thenHeartbeatsKeepTheTaskAlive_andSilenceFailsItWithHeartbeatTimeout() {
    // given
    engine.function("approve", payload -> json("{}"));
    String definition =
        """
        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "HeartbeatSecondsPath": "$.beat",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "approve", "Payload": {"token.$": "$$.Task.Token"}},
          "Catch": [{"ErrorEquals": ["States.HeartbeatTimeout"], "Next": "Late"}], "End": true},
          "Late": {"Type": "Pass", "End": true}}}
        """;
    Run run = engine.start(definition, "{\"beat\": 10}");
    String token = engine.tokens.keySet().iterator().next();

    // when
    engine.advance(Duration.ofSeconds(8));
    assertThat(run.sendTaskHeartbeat(token)).isEqualTo(Run.TokenAnswer.ACCEPTED);
    engine.advance(Duration.ofSeconds(8));

    // then
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.RUNNING);
    engine.advance(Duration.ofSeconds(2));
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.SUCCEEDED);
    assertThat(output(run).get("Error").asText()).isEqualTo("States.HeartbeatTimeout");
  }

  @Test
  void givenFailStateWithPaths_thenErrorAndCauseComeFromTheInput() {
    // given
    String definition =
        """
        {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "ErrorPath": "$.e", "CausePath": "$.c"}}}
        """;

    // when
    Run run = engine.start(definition, "{\"e\": \"Quota\", \"c\": \"too many\"}");

    // then
    assertThat(run.record().error).isEqualTo("Quota");
    assertThat(run.record().cause).isEqualTo("too many");
    assertThat(types(run))
        .containsExactly("ExecutionStarted", "FailStateEntered", "ExecutionFailed");
  }

  @Test
  void contextObject_givesTheExecutionStateAndStateMachine() {
    // given
    String definition =
        """
        {"StartAt": "Ctx", "States": {"Ctx": {"Type": "Pass", "End": true, "Parameters": {
          "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "input.$": "$$.Execution.Input",
          "start.$": "$$.Execution.StartTime", "state.$": "$$.State.Name",
          "entered.$": "$$.State.EnteredTime", "machine.$": "$$.StateMachine.Id"}}}}
        """;

    // when
    Run run = engine.start(definition, "{\"k\": 1}");

    // then
    JsonNode out = output(run);
    assertThat(out.get("id").asText()).isEqualTo(run.record().executionArn);
    assertThat(out.get("name").asText()).isEqualTo(run.record().name);
    assertThat(out.get("input")).isEqualTo(json("{'k': 1}"));
    assertThat(out.get("start").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(out.get("state").asText()).isEqualTo("Ctx");
    assertThat(out.get("entered").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(out.get("machine").asText()).isEqualTo(Engine.MACHINE);
  }

  @Test
  void givenAParameterPathThatSelectsNothing_thenTheExecutionFailsWithStatesRuntime() {
    // given
    String definition =
        """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$.nope"}, "End": true}}}
        """;

    // when
    Run run = engine.start(definition, "{}");

    // then
    assertThat(run.record().error).isEqualTo("States.Runtime");
    assertThat(run.record().cause).contains("'a.$'").contains("$.nope");
  }

  @Test
  void givenStopExecution_thenItIsAborted_andItsTimersNoLongerMoveIt() {
    // given
    Run run =
        engine.start(
            "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 5, \"End\": true}}}",
            "{}");

    // when
    run.stop("Operator", "stopped by hand");
    engine.advance(Duration.ofSeconds(10));

    // then
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.ABORTED);
    assertThat(types(run)).endsWith("WaitStateEntered", "ExecutionAborted");
    HistoryEvent aborted = run.history().get(run.history().size() - 1);
    assertThat(aborted.details.get("error").asText()).isEqualTo("Operator");
  }

  @Test
  void givenExecutionTimeoutSeconds_thenItTimesOut() {
    // given
    Run run =
        engine.start(
            "{\"TimeoutSeconds\": 30, \"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 60, \"End\": true}}}",
            "{}");

    // when
    engine.advance(Duration.ofSeconds(30));

    // then
    assertThat(run.record().status).isEqualTo(ExecutionRecord.Status.TIMED_OUT);
    assertThat(types(run)).endsWith("ExecutionTimedOut");
  }

  @Test
  void givenAnExecutionReadBackMidWait_whenResumed_thenItWaitsOnlyTheRemainingTime() {
    // given
    engine.start(
        "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 60, \"Next\": \"P\"}, \"P\": {\"Type\": \"Pass\", \"End\": true}}}",
        "{\"v\": 1}");
    engine.advance(Duration.ofSeconds(20));
    Engine restarted = new Engine();
    restarted.saved = engine.saved;
    restarted.savedHistory = engine.savedHistory;
    restarted.timeline.advance(Duration.ofSeconds(30));

    // when
    Run resumed = restarted.reload();

    // then
    assertThat(restarted.timeline.pending()).containsExactly(Engine.START.plusSeconds(60));
    restarted.advance(Duration.ofSeconds(30));
    assertThat(resumed.record().status).isEqualTo(ExecutionRecord.Status.SUCCEEDED);
    assertThat(output(resumed)).isEqualTo(json("{'v': 1}"));
    assertThat(types(resumed))
        .containsExactly(
            "ExecutionStarted",
            "WaitStateEntered",
            "WaitStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
  }

  @Test
  void givenAnExecutionReadBackWhileWaitingForAToken_whenResumed_thenTheSameTokenCompletesIt() {
    // given
    engine.function("approve", payload -> json("{}"));
    engine.start(
        """
        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "approve", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """,
        "{}");
    String token = engine.tokens.keySet().iterator().next();

    // when
    Run resumed = engine.reload();

    // then
    assertThat(engine.tokens).containsKey(token);
    assertThat(engine.calls).hasSize(1);
    assertThat(resumed.sendTaskSuccess(token, json("{'late': true}")))
        .isEqualTo(Run.TokenAnswer.ACCEPTED);
    assertThat(output(resumed)).isEqualTo(json("{'late': true}"));
  }

  @Test
  void givenAnExecutionReadBackMidCall_whenResumed_thenTheCallIsMadeAgain() {
    // given
    AtomicInteger calls = new AtomicInteger();
    engine.function(
        "slow", payload -> calls.incrementAndGet() == 1 ? null : json("{'second': true}"));
    engine.start(
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "slow"}, "OutputPath": "$.Payload", "End": true}}}
        """,
        "{}");

    // when
    Run resumed = engine.reload();

    // then
    assertThat(calls.get()).isEqualTo(2);
    assertThat(output(resumed)).isEqualTo(json("{'second': true}"));
  }

  private void answer(int index, String payload) {
    Engine.Call call = engine.pending.get(index);
    com.fasterxml.jackson.databind.node.ObjectNode result = Json.MAPPER.createObjectNode();
    result.set("Payload", json(payload));
    call.callback().succeeded(result);
  }
}
