package dev.topgun.local.stepfunctions;

import dev.topgun.local.events.EventBus;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Step Functions in the local runtime, put together: the service kept under {@code
 * <data>/stepfunctions/}, its engine's threads, and its task integrations, which call the runtime's
 * own Lambda Invoke API and bus. {@link #open} reads what was kept; {@link #start} (once the port
 * serves) creates or updates the repository's state machines and lets interrupted executions go on.
 */
public final class LocalStepFunctions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStepFunctions.class);

  /** Lambda functions may run for up to 15 minutes; the call waits as long. */
  static final Duration LAMBDA_TIMEOUT = Duration.ofMinutes(15);

  private final StepFunctions service;
  private final Timeline timeline;
  private final boolean ownTimeline;
  private final ExecutorService engine;
  private final ExecutorService calls;
  private LambdaClient lambda;

  private LocalStepFunctions(
      StepFunctions service,
      Timeline timeline,
      boolean ownTimeline,
      ExecutorService engine,
      ExecutorService calls) {
    this.service = service;
    this.timeline = timeline;
    this.ownTimeline = ownTimeline;
    this.engine = engine;
    this.calls = calls;
  }

  /**
   * @param timeline {@code null} for the system clock and timers
   */
  public static LocalStepFunctions open(
      Path dir, Timeline timeline, String region, String account) {
    boolean own = timeline == null;
    Timeline used = own ? Timeline.system() : timeline;
    ExecutorService engine = Executors.newFixedThreadPool(2, daemons("states-engine"));
    ExecutorService calls = Executors.newCachedThreadPool(daemons("states-task"));
    StepFunctions service =
        new StepFunctions(
            new ExecutionStore(dir), used, engine, new SecureRandom(), region, account);
    return new LocalStepFunctions(service, used, own, engine, calls);
  }

  public StepFunctions service() {
    return service;
  }

  /**
   * Wires the task integrations to the runtime's port, creates or updates the state machines of
   * {@code state-machines/}, and resumes the executions that were running.
   *
   * @param endpoint the runtime's own port (Lambda Invoke API)
   */
  public void start(
      URI endpoint,
      String region,
      String accessKey,
      String secretKey,
      EventBus bus,
      Path stateMachinesDir,
      Collection<String> functions,
      String functionArnPrefix) {
    lambda =
        LambdaClient.builder()
            .region(Region.of(region))
            .endpointOverride(endpoint)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(LAMBDA_TIMEOUT))
            // The state's Retry decides about retries, as in Step Functions.
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallTimeout(LAMBDA_TIMEOUT)
                    .build())
            .build();
    service.tasks(new LocalTasks(lambda, bus, calls));
    List<LocalStateMachines.Local> definitions =
        LocalStateMachines.load(stateMachinesDir, functions, functionArnPrefix, bus.name());
    for (LocalStateMachines.Local local : definitions) {
      String outcome;
      try {
        outcome =
            service.ensure(
                local.name(), local.definition(), LocalStateMachines.ROLE, local.file().toString());
      } catch (RuntimeException e) {
        throw new IllegalStateException(local.file() + " is refused: " + e.getMessage(), e);
      }
      LOG.info("state machine {} from {}: {}", local.name(), local.file().getFileName(), outcome);
    }
    service.resumeAll();
  }

  @Override
  public void close() {
    service.close();
    engine.shutdownNow();
    calls.shutdownNow();
    if (lambda != null) {
      lambda.close();
    }
    if (ownTimeline && timeline instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("stopping the Step Functions timers failed: {}", e.toString());
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemons(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
