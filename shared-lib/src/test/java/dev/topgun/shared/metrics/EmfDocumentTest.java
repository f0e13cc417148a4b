package dev.topgun.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfDocumentTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();

  @Test
  void aDocument_isTheEmfLineCloudWatchReads() {
    // given
    Map<String, EmfDocument.Metric> metrics = new LinkedHashMap<>();
    metrics.put("Requests", new EmfDocument.Metric(1, "Count"));
    metrics.put("Latency", new EmfDocument.Metric(12.3456, "Milliseconds"));

    // when
    String line =
        new EmfDocument("Topgun", 1764757200000L, Map.of("Service", "platform"), metrics).toJson();

    // then
    assertThat(line)
        .isEqualTo(
            "{\"_aws\":{\"Timestamp\":1764757200000,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"Topgun\",\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"Requests\","
                + "\"Unit\":\"Count\"},{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]}]},"
                + "\"Service\":\"platform\",\"Requests\":1,\"Latency\":12.346}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHostileDimensionValue_staysOneJsonString() throws IOException {
    // when
    String line =
        new EmfDocument(
                "Topgun",
                0,
                Map.of("ProblemType", "x\",\"Injected\":1,\"\\\n\u0001"),
                Map.of("Errors", new EmfDocument.Metric(1, "Count")))
            .toJson();

    // then
    Map<String, Object> parsed = JSON.readValue(line, Map.class);
    assertThat(parsed)
        .containsEntry("ProblemType", "x\",\"Injected\":1,\"\\\n\u0001")
        .doesNotContainKey("Injected");
    assertThat(line).doesNotContain("\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInvocationsCounts_addUp_andOneDocumentIsWrittenPerFlush() throws IOException {
    // given
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    FunctionMetrics metrics =
        new FunctionMetrics(
            "Topgun",
            "organizations",
            Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC),
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    // when
    metrics.coldStart(null);
    metrics.coldStart(null);
    metrics.count("EventsProcessed", 1);
    metrics.count("EventsProcessed", 2);
    metrics.request(404, "not-found", Duration.ofMillis(5));
    metrics.flush();
    metrics.flush();

    // then
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(JSON.readValue(lines.get(0), Map.class)).containsEntry("ColdStart", 1);
    Map<String, Object> error = JSON.readValue(lines.get(1), Map.class);
    assertThat(error).containsEntry("ProblemType", "not-found").containsEntry("Errors", 1);
    Map<String, Object> invocation = JSON.readValue(lines.get(2), Map.class);
    assertThat(invocation)
        .containsEntry("Service", "organizations")
        .containsEntry("EventsProcessed", 3)
        .containsEntry("Requests", 1)
        .containsEntry("Latency", 5);
    assertThat(((Map<String, Object>) invocation.get("_aws")))
        .containsEntry("Timestamp", 1796292000000L);
  }
}
