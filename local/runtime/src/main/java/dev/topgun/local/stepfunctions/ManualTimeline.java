package dev.topgun.local.stepfunctions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A timeline that moves only when told to ({@link #advance}), for tests: the timers due by then run
 * on the caller's thread, in time order. Like {@code Clock.fixed}, a tool for tests that lives
 * beside what it stands in for.
 */
public final class ManualTimeline implements Timeline {

  private record Entry(Instant at, long sequence, Runnable task, boolean[] cancelled) {}

  private final PriorityQueue<Entry> queue =
      new PriorityQueue<>(Comparator.comparing(Entry::at).thenComparingLong(Entry::sequence));
  private Instant now;
  private long sequence;

  public ManualTimeline(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Timer schedule(Instant at, Runnable task) {
    boolean[] cancelled = {false};
    queue.add(new Entry(at, sequence++, task, cancelled));
    return () -> {
      synchronized (ManualTimeline.this) {
        cancelled[0] = true;
      }
    };
  }

  /** Moves the clock forward, running every timer due by the new time. */
  public void advance(Duration duration) {
    Instant target;
    synchronized (this) {
      target = now.plus(duration);
    }
    while (true) {
      Entry next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at().isAfter(target)) {
          now = target;
          return;
        }
        queue.poll();
        if (next.at().isAfter(now)) {
          now = next.at();
        }
        if (next.cancelled()[0]) {
          continue;
        }
      }
      next.task().run();
    }
  }

  /** The instants of the timers not yet fired nor cancelled, earliest first. */
  public synchronized List<Instant> pending() {
    List<Instant> due = new ArrayList<>();
    queue.stream()
        .filter(entry -> !entry.cancelled()[0])
        .sorted(queue.comparator())
        .forEach(entry -> due.add(entry.at()));
    return due;
  }
}
