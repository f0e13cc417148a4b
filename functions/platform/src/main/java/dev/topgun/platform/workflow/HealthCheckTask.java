package dev.topgun.platform.workflow;

import dev.topgun.platform.api.HealthController.HealthResponse;
import dev.topgun.platform.domain.HealthService;
import dev.topgun.shared.lambda.WorkflowTask;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The workflow task {@code health-check}: the dependency check of {@code GET /v1/health}, for a
 * state machine (the sample {@code state-machines/platform-health.asl.json} polls it and asks an
 * operator when the platform stays down). Input {@code {"timeoutMs": 1..10000}} (default 3000)
 * bounds each check; the answer is {@code {status, checks}} as the endpoint gives it.
 */
@Singleton
public class HealthCheckTask implements WorkflowTask {

  static final int MAX_TIMEOUT_MS = 10_000;

  private final HealthService health;

  public HealthCheckTask(HealthService health) {
    this.health = health;
  }

  @Override
  public String name() {
    return "health-check";
  }

  @Override
  public HealthResponse run(JsonNode input) {
    JsonNode timeout = input.get("timeoutMs");
    Duration deadline = HealthService.DEFAULT_DEADLINE;
    if (timeout != null && !timeout.isNull()) {
      if (!timeout.isNumber()
          || timeout.getNumberValue().doubleValue() != timeout.getIntValue()
          || timeout.getIntValue() < 1
          || timeout.getIntValue() > MAX_TIMEOUT_MS) {
        throw new IllegalArgumentException(
            "timeoutMs must be a whole number of milliseconds from 1 to " + MAX_TIMEOUT_MS);
      }
      deadline = Duration.ofMillis(timeout.getIntValue());
    }
    return HealthResponse.of(health.check(deadline));
  }
}
