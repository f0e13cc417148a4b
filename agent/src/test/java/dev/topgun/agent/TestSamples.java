package dev.topgun.agent;

import dev.topgun.agent.sample.ContainerSample;
import dev.topgun.agent.sample.DiskUsage;
import dev.topgun.agent.sample.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Samples and a clock for tests. */
public final class TestSamples {

  private TestSamples() {}

  public static Sample at(Instant at) {
    return new Sample(
        at,
        12.5,
        0.5,
        0.4,
        0.3,
        2,
        4096,
        1024,
        3072,
        0,
        0,
        List.of(new DiskUsage("/", 10240, 2048, 8192)),
        100,
        200,
        300,
        400,
        7,
        5,
        List.of(new ContainerSample("abc", "web", 1.5, 64, 512)));
  }

  /** A clock that moves only when told. */
  public static final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant start) {
      this.now = start;
    }

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
