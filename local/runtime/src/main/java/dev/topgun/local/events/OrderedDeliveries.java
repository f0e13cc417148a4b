package dev.topgun.local.events;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs deliveries one key at a time, in the order they were submitted, and retries a failed one
 * (after a delay, holding back the deliveries behind it) as Lambda retries an asynchronous
 * invocation: twice more, then it is given up. Keyed by target function and organization, this
 * keeps each consumer's events of one organization in the order they were put on the bus.
 */
final class OrderedDeliveries {

  /** One delivery: returns whether it succeeded; {@code onGivenUp} runs when no attempt did. */
  record Delivery(String description, BooleanSupplier attempt, Runnable onGivenUp) {}

  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final List<Duration> retryDelays;
  private final Map<String, Deque<Delivery>> queues = new HashMap<>();

  /**
   * @param retryDelays the pause before each retry; Lambda makes two, after about 1 and 2 minutes
   */
  OrderedDeliveries(Executor executor, ScheduledExecutorService timer, List<Duration> retryDelays) {
    this.executor = executor;
    this.timer = timer;
    this.retryDelays = List.copyOf(retryDelays);
  }

  void submit(String key, Delivery delivery) {
    boolean idle;
    synchronized (queues) {
      Deque<Delivery> queue = queues.computeIfAbsent(key, k -> new ArrayDeque<>());
      idle = queue.isEmpty();
      queue.addLast(delivery);
    }
    if (idle) {
      executor.execute(() -> drain(key, 0));
    }
  }

  /** Runs the key's deliveries until its queue is empty or one waits for a retry. */
  private void drain(String key, int failedAttempts) {
    int attempts = failedAttempts;
    while (true) {
      Delivery head;
      synchronized (queues) {
        head = queues.get(key).peekFirst();
      }
      boolean done;
      try {
        done = head.attempt().getAsBoolean();
      } catch (RuntimeException e) {
        done = false;
      }
      if (!done && attempts < retryDelays.size()) {
        int next = attempts + 1;
        timer.schedule(
            () -> executor.execute(() -> drain(key, next)),
            retryDelays.get(attempts).toMillis(),
            TimeUnit.MILLISECONDS);
        return;
      }
      if (!done) {
        head.onGivenUp().run();
      }
      attempts = 0;
      synchronized (queues) {
        Deque<Delivery> queue = queues.get(key);
        queue.pollFirst();
        if (queue.isEmpty()) {
          queues.remove(key);
          return;
        }
      }
    }
  }
}
