package dev.topgun.shared.metrics;

import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * Powertools' EMF metrics, always written as Lambda writes them: to standard output. The EMF
 * library otherwise works out where it runs on first use, and outside Lambda (the local runtime,
 * tests, the cold-start probe) that means asking the EC2 and ECS metadata endpoints — network calls
 * to link-local addresses, with timeouts, on a request's path. A function's output is where its
 * metrics belong everywhere it runs, so there is nothing to work out. (Built on Powertools' {@code
 * EmfMetricsLogger}, whose constructor is public but internal: pinned with Powertools.)
 */
final class StdoutEmf implements MetricsProvider {

  /** Powertools' one {@code Metrics} of this JVM, made through this provider. */
  static Metrics metrics() {
    return Holder.METRICS;
  }

  /** Makes the metrics and serializes an empty document once, writing nothing. */
  static void preload() {
    metrics();
    try {
      MetricsContext context = new MetricsContext();
      context.setNamespace(FunctionMetrics.NAMESPACE);
      context.putMetric("Preload", 0);
      context.serialize();
    } catch (Exception e) {
      // Only the timing depends on it: the first real flush reports a real problem.
    }
  }

  private static final class Holder {
    static final Metrics METRICS = create();

    private static Metrics create() {
      MetricsFactory.setMetricsProvider(new StdoutEmf());
      return MetricsFactory.getMetricsInstance();
    }
  }

  @Override
  public Metrics getMetricsInstance() {
    return new EmfMetricsLogger(new StdoutEnvironment(), new MetricsContext());
  }

  /** The Lambda environment: its sink is the console. */
  static final class StdoutEnvironment extends EnvironmentProvider {
    private final Environment lambda = new LambdaEnvironment();

    @Override
    public CompletableFuture<Environment> resolveEnvironment() {
      return CompletableFuture.completedFuture(lambda);
    }

    @Override
    public Environment getDefaultEnvironment() {
      return lambda;
    }
  }
}
