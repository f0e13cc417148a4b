package dev.topgun.shared.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Latency figures for the benchmarks (never for tests: nothing asserts a time): one operation at a
 * time after a warm-up, then percentiles, the maximum and the rate.
 */
public final class Latencies {

  private Latencies() {}

  /** The header matching {@link Result#print()}. */
  public static void printHeader() {
    System.out.printf(
        Locale.ROOT,
        "%-80s %7s %8s %8s %8s %8s %9s%n",
        "operation",
        "n",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "ops/s");
  }

  /** Runs {@code operation} {@code warmups} times unmeasured, then {@code count} times measured. */
  public static Result measure(String name, int count, int warmups, IntSupplier operation) {
    for (int i = 0; i < warmups; i++) {
      operation.getAsInt();
    }
    long[] nanos = new long[count];
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long before = System.nanoTime();
      operation.getAsInt();
      nanos[i] = System.nanoTime() - before;
    }
    long total = System.nanoTime() - start;
    Arrays.sort(nanos);
    System.err.printf(Locale.ROOT, "measured: %s%n", name);
    return new Result(name, nanos, total);
  }

  /** Sorted durations of one measured operation and the wall time they took together. */
  public record Result(String name, long[] sorted, long totalNanos) {

    /** The {@code p} quantile (nearest rank), in milliseconds. */
    public double percentile(double p) {
      int rank = (int) Math.ceil(p * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    public double perSecond() {
      return sorted.length / (totalNanos / 1e9);
    }

    public void print() {
      System.out.printf(
          Locale.ROOT,
          "%-80s %7d %8.2f %8.2f %8.2f %8.2f %9.1f%n",
          name,
          sorted.length,
          percentile(0.50),
          percentile(0.90),
          percentile(0.99),
          sorted[sorted.length - 1] / 1e6,
          perSecond());
    }
  }
}
