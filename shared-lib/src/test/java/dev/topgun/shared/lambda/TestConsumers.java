package dev.topgun.shared.lambda;

import dev.topgun.shared.events.EventConsumer;
import dev.topgun.shared.events.ReceivedEvent;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Consumers for {@link FunctionHandlerIT}: they record what they take and fail or wait on cue. */
final class TestConsumers {

  private TestConsumers() {}

  /** The data of the test's {@code LicenseExpired}. */
  @Serdeable
  record LicenseData(
      String licenseId, String organizationId, Instant expiresAt, Instant graceEndsAt) {}

  /** Records each event it is handed; may throw for the next calls or wait on a latch. */
  abstract static class Scripted implements EventConsumer {
    private final List<ReceivedEvent> accepted = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile CountDownLatch entered;
    private volatile CountDownLatch release;

    @Override
    public void accept(ReceivedEvent event) {
      calls.incrementAndGet();
      CountDownLatch gate = release;
      if (gate != null) {
        entered.countDown();
        await(gate);
      }
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("scripted failure of " + event.eventId());
      }
      synchronized (accepted) {
        accepted.add(event);
      }
    }

    /** The events taken (calls that returned). */
    List<ReceivedEvent> accepted() {
      synchronized (accepted) {
        return List.copyOf(accepted);
      }
    }

    /** Every call of accept, including those that threw. */
    int calls() {
      return calls.get();
    }

    void failNext(int times) {
      failures.set(times);
    }

    /** Calls wait in accept until {@link #open()}; {@link #awaitEntered()} sees the first. */
    void hold() {
      entered = new CountDownLatch(1);
      release = new CountDownLatch(1);
    }

    void awaitEntered() {
      await(entered);
    }

    void open() {
      CountDownLatch gate = release;
      release = null;
      if (gate != null) {
        gate.countDown();
      }
    }

    void reset() {
      open();
      synchronized (accepted) {
        accepted.clear();
      }
      calls.set(0);
      failures.set(0);
    }

    private static void await(CountDownLatch latch) {
      try {
        if (!latch.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("latch not released within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Takes licensing's expiry events. */
  @Singleton
  @Requires(property = "test.event-consumers", value = "true")
  static class LicenseExpiries extends Scripted {
    @Override
    public String source() {
      return "topgun.licensing";
    }

    @Override
    public Set<String> detailTypes() {
      return Set.of("LicenseExpired", "LicenseGraceStarted");
    }
  }

  /** Takes another licensing event, never the expiry. */
  @Singleton
  @Requires(property = "test.event-consumers", value = "true")
  static class LicenseRevocations extends Scripted {
    @Override
    public String source() {
      return "topgun.licensing";
    }

    @Override
    public Set<String> detailTypes() {
      return Set.of("LicenseRevoked");
    }
  }

  /** Takes the {@code test-sweep} schedule. */
  @Singleton
  @Requires(property = "test.event-consumers", value = "true")
  static class Sweep extends Scripted {
    @Override
    public String source() {
      return ReceivedEvent.SCHEDULE_SOURCE;
    }

    @Override
    public Set<String> detailTypes() {
      return Set.of("test-sweep");
    }
  }

  /** Takes a domain-neutral fact from any {@code topgun.} source, as organizations' do. */
  @Singleton
  @Requires(property = "test.event-consumers", value = "true")
  static class AnyDomainThresholds extends Scripted {
    @Override
    public String source() {
      return "topgun.*";
    }

    @Override
    public boolean takesSource(String source) {
      return source.startsWith("topgun.");
    }

    @Override
    public Set<String> detailTypes() {
      return Set.of("LimitThresholdCrossed");
    }
  }
}
