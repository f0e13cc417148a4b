package dev.topgun.statemachines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.topgun.local.LocalConfig;
import dev.topgun.local.LocalRuntime;
import dev.topgun.local.stepfunctions.ManualTimeline;
import dev.topgun.shared.routes.EventRules;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * {@code platform-health.asl.json} on the local runtime, which creates it on start as {@code
 * topgun-platform-health} and runs its Lambda task on the real platform function: healthy, degraded
 * until an operator acknowledges, and the compensation path when the check itself fails.
 */
class PlatformHealthIT {

  static final ObjectMapper JSON = new ObjectMapper();
  static ManualTimeline timeline;
  static LocalRuntime runtime;
  static SfnClient sfn;
  static String machine;

  @BeforeAll
  static void start() throws Exception {
    timeline = new ManualTimeline(Instant.now());
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(Files.createTempDirectory("platform-health"))
                .withRules(EventRules.of(List.of()))
                .withTimeline(timeline));
    sfn =
        SfnClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(runtime.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    machine = "arn:aws:states:us-east-1:000000000000:stateMachine:topgun-platform-health";
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

  @Test
  void theRuntimeCreatesIt_withThePlaceholdersSubstituted() {
    String definition = sfn.describeStateMachine(r -> r.stateMachineArn(machine)).definition();
    assertThat(definition)
        .contains("arn:aws:lambda:us-east-1:000000000000:function:platform")
        .contains("\"EventBusName\": \"topgun\"")
        .doesNotContain("${");
  }

  @Test
  void healthyPlatform_succeedsAfterOneCheck() throws Exception {
    // when
    String arn = start("{\"timeoutMs\": 5000}");

    // then
    await(arn, ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(sfn.describeExecution(r -> r.executionArn(arn)).output());
    assertThat(output.at("/health/status").asText()).isEqualTo("UP");
    assertThat(output.at("/health/checks").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("table", "identity", "events");
  }

  @Test
  void degradedPlatform_isCheckedThreeTimes_thenWaitsForTheOperatorsAcknowledgement()
      throws Exception {
    // given: 1 ms is too short for any dependency to answer
    String arn = start("{\"timeoutMs\": 1}");

    // when
    for (int wait = 1; wait <= 2; wait++) {
      int entered = wait;
      poll("wait " + wait, () -> count(arn, HistoryEventType.WAIT_STATE_ENTERED) == entered);
      timeline.advance(Duration.ofSeconds(30));
    }
    poll("the operator's task", () -> count(arn, HistoryEventType.TASK_SUBMITTED) == 1);
    HistoryEvent scheduled =
        history(arn).stream()
            .filter(
                e ->
                    e.type() == HistoryEventType.TASK_SCHEDULED
                        && e.taskScheduledEventDetails().resourceType().equals("events"))
            .findFirst()
            .orElseThrow();
    String token =
        JSON.readTree(scheduled.taskScheduledEventDetails().parameters())
            .findValue("taskToken")
            .asText();
    sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"by\": \"operator@topgun.local\"}"));

    // then
    await(arn, ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(sfn.describeExecution(r -> r.executionArn(arn)).output());
    assertThat(output.at("/health/status").asText()).isEqualTo("DOWN");
    assertThat(output.at("/attempt/n").asInt()).isEqualTo(2);
    assertThat(output.at("/acknowledgement/by").asText()).isEqualTo("operator@topgun.local");
    assertThat(count(arn, HistoryEventType.TASK_SUCCEEDED)).isEqualTo(4);
  }

  @Test
  void failedCheck_takesTheCompensationPath_andEndsPlatformUnavailable() throws Exception {
    // when: the task refuses a timeout of 0 ms, a function error no Retry takes
    String arn = start("{\"timeoutMs\": 0}");

    // then
    await(arn, ExecutionStatus.FAILED);
    var described = sfn.describeExecution(r -> r.executionArn(arn));
    assertThat(described.error()).isEqualTo("PlatformUnavailable");
    assertThat(described.cause())
        .startsWith("java.lang.IllegalArgumentException: ")
        .contains("timeoutMs");
    assertThat(history(arn))
        .extracting(e -> e.type())
        .containsSubsequence(
            HistoryEventType.TASK_FAILED,
            HistoryEventType.TASK_STATE_EXITED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.FAIL_STATE_ENTERED);
  }

  private static String start(String input) {
    return sfn.startExecution(r -> r.stateMachineArn(machine).input(input)).executionArn();
  }

  private static List<HistoryEvent> history(String arn) {
    return sfn.getExecutionHistory(r -> r.executionArn(arn).maxResults(1000)).events();
  }

  private static long count(String arn, HistoryEventType type) {
    return history(arn).stream().filter(e -> e.type() == type).count();
  }

  private static void await(String arn, ExecutionStatus status) throws Exception {
    poll(
        arn + " " + status,
        () -> sfn.describeExecution(r -> r.executionArn(arn)).status() == status);
  }

  private static void poll(String what, Callable<Boolean> condition) throws Exception {
    Conditions.await(what, Duration.ofSeconds(30), condition);
  }
}
