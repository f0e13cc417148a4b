package dev.topgun.platform.api;

import dev.topgun.platform.domain.Health;
import dev.topgun.platform.domain.HealthService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /v1/health}: each dependency the platform reaches, and whether it answered. */
@Controller("/v1/health")
public class HealthController {

  private final HealthService health;

  public HealthController(HealthService health) {
    this.health = health;
  }

  /**
   * @param timeoutMs how long each dependency may take, 100 to 10000 ms (default 3000)
   */
  @Get
  public HttpResponse<HealthResponse> health(
      @QueryValue @Nullable @Min(100) @Max(10_000) Integer timeoutMs) {
    Duration deadline =
        timeoutMs == null ? HealthService.DEFAULT_DEADLINE : Duration.ofMillis(timeoutMs);
    Health result = health.check(deadline);
    return HttpResponse.status(result.isUp() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(HealthResponse.of(result));
  }

  @Serdeable
  public record HealthResponse(String status, Map<String, CheckResponse> checks) {
    public static HealthResponse of(Health health) {
      Map<String, CheckResponse> checks = new TreeMap<>();
      health
          .checks()
          .forEach(
              (name, check) ->
                  checks.put(
                      name,
                      new CheckResponse(check.status().name(), check.latencyMs(), check.error())));
      return new HealthResponse(health.status().name(), checks);
    }
  }

  @Serdeable
  public record CheckResponse(String status, long latencyMs, @Nullable String error) {}
}
