package dev.topgun.local;

import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Sits in front of the real functions and records every invocation. It also answers, by itself, for
 * test-only targets that are not function modules (an event rule's {@code probe}).
 */
final class RecordingInvoker implements Invoker {

  record Call(String function, String payload) {}

  /** An invocation that has returned, with what the function answered. */
  record Completed(String function, String payload, Invocation result) {}

  private final Invoker functions;
  private final Set<String> ownTargets;
  private final List<Call> calls = new ArrayList<>();
  private final List<Completed> completed = new ArrayList<>();

  RecordingInvoker(Invoker functions, Set<String> ownTargets) {
    this.functions = functions;
    this.ownTargets = Set.copyOf(ownTargets);
  }

  @Override
  public boolean exists(String function) {
    return ownTargets.contains(function) || functions.exists(function);
  }

  @Override
  public Invocation invoke(String function, byte[] payload) {
    synchronized (this) {
      calls.add(new Call(function, new String(payload, StandardCharsets.UTF_8)));
      notifyAll();
    }
    Invocation result =
        ownTargets.contains(function)
            ? Invocation.ok("null".getBytes(StandardCharsets.UTF_8))
            : functions.invoke(function, payload);
    synchronized (this) {
      completed.add(new Completed(function, new String(payload, StandardCharsets.UTF_8), result));
      notifyAll();
    }
    return result;
  }

  synchronized List<Call> calls(Predicate<Call> filter) {
    return calls.stream().filter(filter).toList();
  }

  /**
   * Waits (without sleeping a fixed time) until {@code count} matching invocations have returned,
   * or the deadline passes; returns those that have.
   */
  synchronized List<Completed> awaitCompleted(
      Predicate<Completed> filter, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<Completed> found = completed.stream().filter(filter).toList();
      long left = deadline - System.nanoTime();
      if (found.size() >= count || left <= 0) {
        return found;
      }
      wait(Math.max(1, Duration.ofNanos(left).toMillis()));
    }
  }

  /** Waits (without sleeping a fixed time) until a matching call arrives or the deadline passes. */
  synchronized Optional<Call> await(Predicate<Call> filter, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Call> found = new ArrayList<>(calls).stream().filter(filter).findFirst();
      long left = deadline - System.nanoTime();
      if (found.isPresent() || left <= 0) {
        return found;
      }
      wait(Math.max(1, Duration.ofNanos(left).toMillis()));
    }
  }
}
