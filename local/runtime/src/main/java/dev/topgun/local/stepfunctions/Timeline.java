package dev.topgun.local.stepfunctions;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clock and the timers of the Step Functions engine: Wait states, retry intervals, task
 * timeouts and heartbeats. Production uses {@link #system()}; tests drive a {@link ManualTimeline}
 * so that no test waits real time for a Wait state.
 */
public interface Timeline {

  Instant now();

  /**
   * Runs {@code task} once at {@code at} (at once when {@code at} has passed), on a thread of the
   * timeline's own.
   */
  Timer schedule(Instant at, Runnable task);

  /** A scheduled task that can still be called off. */
  interface Timer {
    void cancel();
  }

  /** The system clock and one daemon thread that fires the timers. */
  static Timeline system() {
    return new SystemTimeline();
  }

  /** {@link Timeline#system()}. */
  final class SystemTimeline implements Timeline, AutoCloseable {

    private final ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "states-timers");
              thread.setDaemon(true);
              return thread;
            });

    @Override
    public Instant now() {
      return Instant.now();
    }

    @Override
    public Timer schedule(Instant at, Runnable task) {
      long delay = Math.max(0, at.toEpochMilli() - System.currentTimeMillis());
      ScheduledFuture<?> future = timers.schedule(task, delay, TimeUnit.MILLISECONDS);
      return () -> future.cancel(false);
    }

    @Override
    public void close() {
      timers.shutdownNow();
    }
  }
}
