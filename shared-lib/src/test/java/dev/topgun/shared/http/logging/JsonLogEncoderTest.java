package dev.topgun.shared.http.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogEncoderTest {

  private final JsonLogEncoder encoder = new JsonLogEncoder();
  private final LoggerContext context = new LoggerContext();

  @Test
  void writesOneJsonLineWithPowertoolsFieldNames() throws IOException {
    // given
    LoggingEvent event =
        event(
            "widget created",
            null,
            Map.of(
                "correlation_id",
                "corr-1",
                "cold_start",
                "true",
                "service",
                "organizations",
                "AWSRequestId",
                "req-1",
                "AWSFunctionName",
                "topgun-organizations",
                "AWS-XRAY-TRACE-ID",
                "1-abc-def",
                "AWSFunctionRemainingTime",
                "2999"));

    // when
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    // then
    assertThat(line).endsWith("\n").doesNotContain("\n{");
    Map<String, Object> json = parse(line);
    assertThat(json)
        .containsEntry("timestamp", "2025-01-02T03:04:05.678Z")
        .containsEntry("level", "INFO")
        .containsEntry("message", "widget created")
        .containsEntry("logger", "dev.topgun.Test")
        .containsEntry("correlation_id", "corr-1")
        .containsEntry("cold_start", true)
        .containsEntry("service", "organizations")
        .containsEntry("function_request_id", "req-1")
        .containsEntry("function_name", "topgun-organizations")
        .containsEntry("xray_trace_id", "1-abc-def")
        .doesNotContainKeys("AWSRequestId", "AWSFunctionRemainingTime", "error");
  }

  @Test
  void anExceptionIsAnErrorObjectWithItsStack() throws IOException {
    // given
    LoggingEvent event = event("failed", new IllegalStateException("it broke"));

    // when
    Map<String, Object> json = parse(new String(encoder.encode(event), StandardCharsets.UTF_8));

    // then
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) json.get("error");
    assertThat(error)
        .containsEntry("name", "java.lang.IllegalStateException")
        .containsEntry("message", "it broke");
    assertThat((String) error.get("stack")).contains("JsonLogEncoderTest");
  }

  @Test
  void credentialsNeverReachTheLine() {
    // given
    LoggingEvent event =
        event(
            "calling with Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig and password=hunter2",
            new IllegalArgumentException("client_secret=s3cr3t-value rejected"),
            Map.of("authorization", "Bearer abcdefghijkl", "api_key", "k-123"));

    // when
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    // then
    assertThat(line)
        .doesNotContain("eyJhbGciOiJSUzI1NiJ9")
        .doesNotContain("hunter2")
        .doesNotContain("s3cr3t-value")
        .doesNotContain("abcdefghijkl")
        .doesNotContain("k-123")
        .contains("Authorization: ***");
  }

  @Test
  void ordinaryWordsAreNotMasked() {
    assertThat(JsonLogEncoder.redact("the bearer of good news; token budget exceeded"))
        .isEqualTo("the bearer of good news; token budget exceeded");
  }

  private LoggingEvent event(String message, Throwable error) {
    return event(message, error, Map.of());
  }

  private LoggingEvent event(String message, Throwable error, Map<String, String> mdc) {
    LoggingEvent event = new LoggingEvent();
    event.setLoggerContext(context);
    event.setLoggerName("dev.topgun.Test");
    event.setLevel(Level.INFO);
    event.setMessage(message);
    event.setThreadName("main");
    event.setInstant(Instant.parse("2025-01-02T03:04:05.678Z"));
    event.setMDCPropertyMap(mdc);
    if (error != null) {
      event.setThrowableProxy(new ThrowableProxy(error));
    }
    return event;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String line) throws IOException {
    return ObjectMapper.getDefault().readValue(line, Map.class);
  }
}
