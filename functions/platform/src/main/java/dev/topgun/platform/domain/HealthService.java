package dev.topgun.platform.domain;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes every dependency at once, each within the same deadline, so that one slow dependency
 * delays the answer by at most the deadline and is reported as down rather than hanging the call.
 */
public final class HealthService {

  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(3);

  private final List<DependencyCheck> checks;
  private final Executor executor;
  private final Clock clock;

  public HealthService(List<DependencyCheck> checks, Executor executor, Clock clock) {
    this.checks = List.copyOf(checks);
    this.executor = executor;
    this.clock = clock;
  }

  public Health check(Duration deadline) {
    Map<String, CompletableFuture<Health.Check>> running = new TreeMap<>();
    for (DependencyCheck check : checks) {
      running.put(check.name(), CompletableFuture.supplyAsync(() -> probe(check), executor));
    }
    long deadlineAt = clock.millis() + deadline.toMillis();
    Map<String, Health.Check> results = new TreeMap<>();
    running.forEach(
        (name, future) -> results.put(name, await(future, deadlineAt, deadline.toMillis())));
    boolean allUp = results.values().stream().allMatch(c -> c.status() == Health.Status.UP);
    return new Health(allUp ? Health.Status.UP : Health.Status.DOWN, results);
  }

  private Health.Check probe(DependencyCheck check) {
    long started = clock.millis();
    try {
      check.probe();
      return new Health.Check(Health.Status.UP, clock.millis() - started, null);
    } catch (Exception e) {
      return new Health.Check(Health.Status.DOWN, clock.millis() - started, reason(e));
    }
  }

  private Health.Check await(
      CompletableFuture<Health.Check> future, long deadlineAt, long deadlineMs) {
    try {
      long left = Math.max(0, deadlineAt - clock.millis());
      return future.get(left, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Health.Check(
          Health.Status.DOWN, deadlineMs, "no answer within " + deadlineMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health.Check(Health.Status.DOWN, deadlineMs, "interrupted");
    } catch (ExecutionException e) {
      return new Health.Check(Health.Status.DOWN, deadlineMs, reason(e.getCause()));
    }
  }

  private static String reason(Throwable e) {
    String message = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return type;
    }
    // The first line is enough to act on; SDK messages append request ids and stack-like detail.
    String firstLine = message.lines().findFirst().orElse(message);
    return type + ": " + (firstLine.length() > 200 ? firstLine.substring(0, 200) : firstLine);
  }
}
