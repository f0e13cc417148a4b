package dev.topgun.shared.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.testing.LocalTable;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Embedded Metric Format documents a function writes to standard output for each invocation,
 * read back as CloudWatch would extract them.
 */
class FunctionMetricsIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  static FunctionHandler handler;
  static JsonMapper json;

  @BeforeAll
  static void start() {
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("topgun.domain", "testing");
    handler = new FunctionHandler(ApplicationContext.builder().properties(properties).build());
    json = handler.getApplicationContext().getBean(JsonMapper.class);
  }

  @AfterAll
  static void stop() {
    handler.close();
  }

  /** Invokes the function with the fixture and returns the EMF documents it printed. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> metricsOf(String fixture) throws IOException {
    byte[] payload;
    try (InputStream in = FunctionMetricsIT.class.getResourceAsStream("/events/" + fixture)) {
      payload = in.readAllBytes();
    }
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), new ByteArrayOutputStream(), null);
    } finally {
      System.setOut(original);
    }
    List<Map<String, Object>> documents = new ArrayList<>();
    for (String line : printed.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("{") && line.contains("\"_aws\"")) {
        documents.add(json.readValue(line, Map.class));
      }
    }
    return documents;
  }

  @SuppressWarnings("unchecked")
  static List<String> metricNames(Map<String, Object> document) {
    Map<String, Object> aws = (Map<String, Object>) document.get("_aws");
    List<Map<String, Object>> directives = (List<Map<String, Object>>) aws.get("CloudWatchMetrics");
    List<String> names = new ArrayList<>();
    for (Map<String, Object> directive : directives) {
      assertThat(directive).containsEntry("Namespace", "Topgun");
      for (Map<String, Object> metric : (List<Map<String, Object>>) directive.get("Metrics")) {
        names.add((String) metric.get("Name"));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  static List<List<String>> dimensions(Map<String, Object> document) {
    Map<String, Object> aws = (Map<String, Object>) document.get("_aws");
    List<Map<String, Object>> directives = (List<Map<String, Object>>) aws.get("CloudWatchMetrics");
    return (List<List<String>>) directives.get(0).get("Dimensions");
  }

  @Test
  void anApiRequest_writesRequestsAndLatency_underTheFunctionsService() throws IOException {
    // when
    List<Map<String, Object>> documents = metricsOf("api-gateway-post-widget.json");

    // then
    Map<String, Object> request =
        documents.stream()
            .filter(d -> metricNames(d).contains("Requests"))
            .findFirst()
            .orElseThrow();
    assertThat(metricNames(request)).contains("Requests", "Latency");
    assertThat(request).containsEntry("Service", "testing").containsEntry("Requests", 1);
    assertThat(((Number) request.get("Latency")).doubleValue()).isPositive();
    assertThat(dimensions(request)).anySatisfy(set -> assertThat(set).contains("Service"));
    assertThat(documents).noneMatch(d -> metricNames(d).contains("Errors"));
  }

  @Test
  void aRefusedRequest_countsAnErrorByItsProblemType() throws IOException {
    // when
    List<Map<String, Object>> documents = metricsOf("api-gateway-get-missing.json");

    // then
    Map<String, Object> error =
        documents.stream().filter(d -> metricNames(d).contains("Errors")).findFirst().orElseThrow();
    assertThat(error).containsEntry("ProblemType", "not-found").containsEntry("Service", "testing");
    assertThat(dimensions(error)).anySatisfy(set -> assertThat(set).contains("ProblemType"));
  }

  @Test
  void aStreamBatch_countsItsRecords() throws IOException {
    // when
    List<Map<String, Object>> documents = metricsOf("dynamodb-stream-batch.json");

    // then
    assertThat(documents)
        .anySatisfy(
            d -> {
              assertThat(metricNames(d)).contains("StreamRecords");
              assertThat(d).containsEntry("StreamRecords", 3);
            });
  }
}
