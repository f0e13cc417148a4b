package dev.topgun.shared.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operational metrics every function emits, as CloudWatch Embedded Metric Format documents on
 * standard output: Lambda sends a function's output to CloudWatch Logs, which turns each document
 * into metrics; the local runtime shows them in its log. Namespace {@code Topgun} ({@code
 * POWERTOOLS_METRICS_NAMESPACE} overrides it), dimension {@code Service} = the function. Per
 * invocation: {@code ColdStart} on an execution environment's first; {@code Requests} and {@code
 * Latency} for API requests, and {@code Errors} with a {@code ProblemType} dimension for 4xx/5xx
 * answers; {@code EventsProcessed}/{@code EventDuplicates} for bus events; {@code StreamRecords}
 * for stream batches; and the domain counters adapters add with {@link #record}.
 *
 * <p>Written here rather than with Powertools' metrics module: that module brings Jackson databind,
 * the EMF library and commons-lang3 (2.7 MB in every jar) and their first-use cost into every cold
 * start, which the cold-start benchmark measured at 0.05–0.07 of the ratio to the floor (README,
 * "Cold start"); an EMF document is one JSON line ({@link EmfDocument}).
 *
 * <p>Each invocation's metrics are kept per thread until {@link #flush}, so the local runtime's
 * concurrent invocations of one function do not mix theirs.
 */
public final class FunctionMetrics {

  public static final String NAMESPACE = "Topgun";

  private static final Object LOCK = new Object();
  private static volatile FunctionMetrics instance;

  private final String namespace;
  private final String service;
  private final Clock clock;
  private final PrintStream out;
  private final ThreadLocal<Map<String, EmfDocument.Metric>> pending =
      ThreadLocal.withInitial(LinkedHashMap::new);
  private volatile boolean coldStartCounted;

  FunctionMetrics(String namespace, String service, Clock clock, PrintStream out) {
    this.namespace = namespace;
    this.service = service;
    this.clock = clock;
    this.out = out;
  }

  /** This function's metrics; {@code service} names it (its module). */
  public static FunctionMetrics of(String service) {
    FunctionMetrics ready = instance;
    if (ready == null) {
      synchronized (LOCK) {
        ready = instance;
        if (ready == null) {
          String namespace = System.getenv("POWERTOOLS_METRICS_NAMESPACE");
          ready =
              new FunctionMetrics(
                  namespace == null || namespace.isBlank() ? NAMESPACE : namespace,
                  service,
                  Clock.systemUTC(),
                  null);
          instance = ready;
        }
      }
    }
    return ready;
  }

  /** Counts {@code ColdStart} if this is the execution environment's first invocation. */
  public void coldStart(Context context) {
    if (!coldStartCounted) {
      synchronized (this) {
        if (!coldStartCounted) {
          coldStartCounted = true;
          write(Map.of(), Map.of("ColdStart", new EmfDocument.Metric(1, "Count")));
        }
      }
    }
  }

  /** An API request answered with {@code status} (and a problem type when it failed). */
  public void request(int status, String problemType, Duration latency) {
    count("Requests", 1);
    add("Latency", latency.toNanos() / 1_000_000.0, "Milliseconds");
    if (status >= 400) {
      write(
          Map.of("ProblemType", problemType == null ? "status-" + status : problemType),
          Map.of("Errors", new EmfDocument.Metric(1, "Count")));
    }
  }

  /** Adds {@code n} to the counter {@code name} of this invocation. */
  public void count(String name, double n) {
    add(name, n, "Count");
  }

  private void add(String name, double value, String unit) {
    pending
        .get()
        .merge(
            name,
            new EmfDocument.Metric(value, unit),
            (had, more) -> new EmfDocument.Metric(had.value() + more.value(), unit));
  }

  /** Writes this invocation's metrics (the entry point calls it before it returns). */
  public void flush() {
    Map<String, EmfDocument.Metric> metrics = pending.get();
    if (metrics.isEmpty()) {
      return;
    }
    try {
      write(Map.of(), metrics);
    } finally {
      metrics.clear();
    }
  }

  private void write(Map<String, String> dimensions, Map<String, EmfDocument.Metric> metrics) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Service", service);
    all.putAll(dimensions);
    String line = new EmfDocument(namespace, clock.millis(), all, metrics).toJson();
    // System.out as it is now: a test (or the local runtime) may have replaced it.
    PrintStream target = out == null ? System.out : out;
    target.println(line);
  }

  /** {@link #count} on the current instance, for adapters; a no-op before the entry point ran. */
  public static void record(String name, double n) {
    FunctionMetrics ready = instance;
    if (ready != null) {
      ready.count(name, n);
    }
  }
}
