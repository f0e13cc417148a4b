package dev.topgun.shared.metrics;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The operational metrics every function emits, as CloudWatch Embedded Metric Format documents on
 * standard output (Lambda sends its output to CloudWatch Logs, which extracts the metrics; the
 * local runtime shows them in its log), through Powertools for AWS Lambda's metrics: namespace
 * {@code Topgun} ({@code POWERTOOLS_METRICS_NAMESPACE}), default dimension {@code Service} = the
 * function. Per invocation: {@code ColdStart} on the first; {@code Requests} and {@code Latency}
 * for API requests, and {@code Errors} with a {@code ProblemType} dimension for 4xx/5xx answers;
 * {@code EventsProcessed}/{@code EventDuplicates} for bus events; {@code StreamRecords} for stream
 * batches; and the domain counters adapters add with {@link #count}.
 */
public final class FunctionMetrics {

  public static final String NAMESPACE = "Topgun";

  private static final Object LOCK = new Object();
  private static volatile FunctionMetrics instance;

  private final Metrics metrics;

  private FunctionMetrics(Metrics metrics, String service) {
    this.metrics = metrics;
    if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
      metrics.setNamespace(NAMESPACE);
    }
    metrics.setDefaultDimensions(DimensionSet.of("Service", service));
    // An invocation that counted nothing (a duplicate delivery, say) writes no empty document.
    metrics.setRaiseOnEmptyMetrics(false);
  }

  /** This function's metrics; {@code service} names it (its module). */
  public static FunctionMetrics of(String service) {
    FunctionMetrics ready = instance;
    if (ready == null) {
      synchronized (LOCK) {
        ready = instance;
        if (ready == null) {
          ready = new FunctionMetrics(StdoutEmf.metrics(), service);
          instance = ready;
        }
      }
    }
    return ready;
  }

  /**
   * Loads and initialises the EMF machinery (Powertools, the EMF library, Jackson) without writing
   * anything: the entry point calls it on its preload thread, beside Micronaut's start, so that the
   * first invocation's metrics cost nothing more than the later ones.
   */
  public static void preload() {
    StdoutEmf.preload();
  }

  /** The instance, once the entry point has made it; metrics are dropped before that. */
  public static FunctionMetrics current() {
    return instance;
  }

  /** Counts {@code ColdStart} if this is the execution environment's first invocation. */
  public void coldStart(Context context) {
    if (context != null) {
      metrics.captureColdStartMetric(context);
    } else {
      metrics.captureColdStartMetric();
    }
  }

  /** An API request answered with {@code status} (and a problem type when it failed). */
  public void request(int status, String problemType, Duration latency) {
    metrics.addMetric("Requests", 1, MetricUnit.COUNT);
    metrics.addMetric("Latency", latency.toNanos() / 1_000_000.0, MetricUnit.MILLISECONDS);
    if (status >= 400) {
      String type = problemType == null ? "status-" + status : problemType;
      metrics.flushMetrics(
          errors -> {
            errors.addDimension("ProblemType", type);
            errors.addMetric("Errors", 1, MetricUnit.COUNT);
          });
    }
  }

  /** Adds {@code n} to the counter {@code name} of this invocation. */
  public void count(String name, double n) {
    metrics.addMetric(name, n, MetricUnit.COUNT);
  }

  /** Writes this invocation's metrics (the entry point calls it before it returns). */
  public void flush() {
    metrics.flush();
  }

  /** {@link #count} on the current instance, for adapters; a no-op before the entry point ran. */
  public static void record(String name, double n) {
    FunctionMetrics ready = instance;
    if (ready != null) {
      ready.count(name, n);
    }
  }
}
