package dev.topgun.local.stepfunctions;

import static dev.topgun.local.stepfunctions.SfnSupport.ROLE;
import static dev.topgun.local.stepfunctions.SfnSupport.awaitEvent;
import static dev.topgun.local.stepfunctions.SfnSupport.awaitStatus;
import static dev.topgun.local.stepfunctions.SfnSupport.history;
import static dev.topgun.local.stepfunctions.SfnSupport.json;
import static dev.topgun.local.stepfunctions.SfnSupport.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.local.LocalConfig;
import dev.topgun.local.LocalRuntime;
import dev.topgun.shared.routes.EventRules;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * A runtime stopped mid-execution loses nothing: the next start on the same data directory has the
 * state machine, the execution and its whole history, a Wait resumes for what remains of it, and a
 * task waiting for its token takes SendTaskSuccess with the same token.
 */
class StepFunctionsRestartIT {

  static final String DEFINITION =
      """
      {"StartAt": "Pause", "States": {
        "Pause": {"Type": "Wait", "Seconds": 600, "Next": "Approve"},
        "Approve": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
          "Parameters": {"Entries": [{"EventBusName": "topgun", "Source": "topgun.test",
            "DetailType": "ApprovalRequested", "Detail": {"token.$": "$$.Task.Token"}}]},
          "ResultPath": "$.approval", "End": true}}}
      """;

  @Test
  void restartMidWaitAndMidToken_losesNothing(@TempDir Path data) throws Exception {
    // given
    ManualTimeline timeline = new ManualTimeline(Instant.now());
    String machine;
    String arn;
    List<HistoryEvent> before;
    try (LocalRuntime first = LocalRuntime.start(config(data, timeline));
        SfnClient sfn = SfnSupport.client(first.endpoint())) {
      machine =
          sfn.createStateMachine(r -> r.name("restart").definition(DEFINITION).roleArn(ROLE))
              .stateMachineArn();
      arn =
          sfn.startExecution(r -> r.stateMachineArn(machine).name("kept").input("{\"order\": 7}"))
              .executionArn();
      awaitEvent(sfn, arn, HistoryEventType.WAIT_STATE_ENTERED);
      timeline.advance(Duration.ofSeconds(200));
      before = history(sfn, arn);
    }

    // when: the second runtime sees the wait through, then stops while the task waits
    String token;
    try (LocalRuntime second = LocalRuntime.start(config(data, timeline));
        SfnClient sfn = SfnSupport.client(second.endpoint())) {
      assertThat(sfn.describeStateMachine(r -> r.stateMachineArn(machine)).definition())
          .isEqualTo(DEFINITION);
      assertThat(sfn.describeExecution(r -> r.executionArn(arn)).status())
          .isEqualTo(ExecutionStatus.RUNNING);
      assertThat(history(sfn, arn)).isEqualTo(before);
      timeline.advance(Duration.ofSeconds(399));
      assertThat(history(sfn, arn)).hasSameSizeAs(before);
      timeline.advance(Duration.ofSeconds(1));
      token = tokenOf(awaitEvent(sfn, arn, HistoryEventType.TASK_SCHEDULED), "token");
      awaitEvent(sfn, arn, HistoryEventType.TASK_SUBMITTED);
    }

    // then: the third takes the same token
    try (LocalRuntime third = LocalRuntime.start(config(data, timeline));
        SfnClient sfn = SfnSupport.client(third.endpoint())) {
      sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"by\": \"ops\"}"));
      awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
      assertThat(json(sfn.describeExecution(r -> r.executionArn(arn)).output()))
          .isEqualTo(json("{\"order\": 7, \"approval\": {\"by\": \"ops\"}}"));
      List<HistoryEvent> all = history(sfn, arn);
      assertThat(all.subList(0, before.size())).isEqualTo(before);
      assertThat(all).extracting(HistoryEvent::id).doesNotHaveDuplicates().isSorted();
      assertThat(all)
          .extracting(HistoryEvent::type)
          .containsExactly(
              HistoryEventType.EXECUTION_STARTED,
              HistoryEventType.WAIT_STATE_ENTERED,
              HistoryEventType.WAIT_STATE_EXITED,
              HistoryEventType.TASK_STATE_ENTERED,
              HistoryEventType.TASK_SCHEDULED,
              HistoryEventType.TASK_STARTED,
              HistoryEventType.TASK_SUBMITTED,
              HistoryEventType.TASK_SUCCEEDED,
              HistoryEventType.TASK_STATE_EXITED,
              HistoryEventType.EXECUTION_SUCCEEDED);
      HistoryEvent exited = all.get(2);
      assertThat(Duration.between(all.get(1).timestamp(), exited.timestamp()))
          .isEqualTo(Duration.ofSeconds(600));
    }
  }

  @Test
  void fresh_wipesStateMachinesAndExecutions(@TempDir Path data) throws Exception {
    // given
    ManualTimeline timeline = new ManualTimeline(Instant.now());
    String arn;
    try (LocalRuntime first = LocalRuntime.start(config(data, timeline));
        SfnClient sfn = SfnSupport.client(first.endpoint())) {
      String machine =
          sfn.createStateMachine(r -> r.name("gone").definition(DEFINITION).roleArn(ROLE))
              .stateMachineArn();
      arn = sfn.startExecution(r -> r.stateMachineArn(machine)).executionArn();
    }

    // when
    try (LocalRuntime fresh = LocalRuntime.start(config(data, timeline).withFresh(true));
        SfnClient sfn = SfnSupport.client(fresh.endpoint())) {

      // then
      assertThat(sfn.listStateMachines().stateMachines())
          .extracting(m -> m.name())
          .doesNotContain("gone");
      String executionArn = arn;
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> sfn.describeExecution(r -> r.executionArn(executionArn)))
          .isInstanceOf(
              software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException.class);
    }
  }

  private static LocalConfig config(Path data, ManualTimeline timeline) {
    return LocalConfig.defaults()
        .withFreePorts()
        .withDataDir(data)
        .withRules(EventRules.of(List.of()))
        .withTimeline(timeline);
  }
}
