package dev.topgun.shared.http.testapp;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts how often a test endpoint's body really ran, per widget name, and lets a test hold a
 * request inside the controller (to make a duplicate arrive while the first is in progress).
 */
@Singleton
public class Executions {

  private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CountDownLatch> entered = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CountDownLatch> gates = new ConcurrentHashMap<>();

  public long record(String name) {
    return counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
  }

  public long count(String name) {
    AtomicLong count = counts.get(name);
    return count == null ? 0 : count.get();
  }

  /** Makes the next request for {@code name} wait inside the controller until released. */
  public void hold(String name) {
    entered.put(name, new CountDownLatch(1));
    gates.put(name, new CountDownLatch(1));
  }

  void passGate(String name) throws InterruptedException {
    CountDownLatch in = entered.get(name);
    CountDownLatch gate = gates.get(name);
    if (in != null && gate != null) {
      in.countDown();
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released " + name);
      }
    }
  }

  public boolean awaitEntered(String name, long seconds) throws InterruptedException {
    return entered.get(name).await(seconds, TimeUnit.SECONDS);
  }

  public void release(String name) {
    gates.get(name).countDown();
  }
}
