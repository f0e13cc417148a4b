package dev.topgun.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.emulators.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** The SDK's SfnClient on the runtime's port, and waiting on what an execution does. */
public final class SfnSupport {

  public static final String ROLE = "arn:aws:iam::000000000000:role/test";

  private SfnSupport() {}

  public static SfnClient client(URI endpoint) {
    return SfnClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  /** Polls (a twentieth of a second apart) until {@code condition} holds; fails at the deadline. */
  public static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("waited 30 s for " + what);
      }
      Thread.sleep(50);
    }
  }

  public static ExecutionStatus awaitStatus(
      SfnClient sfn, String executionArn, ExecutionStatus status) throws Exception {
    await(
        executionArn + " to be " + status,
        () -> sfn.describeExecution(r -> r.executionArn(executionArn)).status() == status);
    return status;
  }

  public static List<HistoryEvent> history(SfnClient sfn, String executionArn) {
    return sfn.getExecutionHistory(r -> r.executionArn(executionArn).maxResults(1000)).events();
  }

  public static HistoryEvent awaitEvent(SfnClient sfn, String executionArn, HistoryEventType type)
      throws Exception {
    await(
        executionArn + " to record " + type,
        () -> history(sfn, executionArn).stream().anyMatch(e -> e.type() == type));
    return history(sfn, executionArn).stream()
        .filter(e -> e.type() == type)
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  /** The task token a state passed on: read from its TaskScheduled parameters. */
  public static String tokenOf(HistoryEvent scheduled, String field) {
    return json(scheduled.taskScheduledEventDetails().parameters()).findValue(field).asText();
  }

  public static JsonNode json(String text) {
    try {
      return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
