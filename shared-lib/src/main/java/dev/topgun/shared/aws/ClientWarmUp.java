package dev.topgun.shared.aws;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the SDK clients on a background thread as soon as the application context has started,
 * instead of on the first request that needs them. Building a client loads several hundred SDK
 * classes; done beside the rest of the cold start (routing, binding the first request) it mostly
 * disappears from the first answer's latency where the function has a second vCPU, and costs
 * nothing where it has one. Under SnapStart it runs before the snapshot. Off with {@code
 * topgun.aws.warm-up=false}.
 */
@Singleton
@Requires(property = "topgun.aws.warm-up", notEquals = "false")
public class ClientWarmUp implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(ClientWarmUp.class);

  /** Clients of SDK modules shared-lib declares optional: warmed where the function has them. */
  static final java.util.List<String> OPTIONAL_CLIENTS =
      java.util.List.of(
          "software.amazon.awssdk.services.eventbridge.EventBridgeClient",
          "software.amazon.awssdk.services.kms.KmsClient",
          "software.amazon.awssdk.services.s3.S3Client");

  private final BeanContext beans;

  public ClientWarmUp(BeanContext beans) {
    this.beans = beans;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    Thread thread = new Thread(this::warmUp, "sdk-client-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private void warmUp() {
    try {
      // Singletons: the first request that needs one waits for this build instead of starting its
      // own.
      beans.getBean(DynamoDbClient.class);
      for (String optional : OPTIONAL_CLIENTS) {
        Class<?> type = OptionalClasses.load(optional);
        if (type != null) {
          beans.findBean(type);
        }
      }
    } catch (RuntimeException e) {
      // Not fatal: the request that needs the client builds it and reports what is wrong.
      LOG.warn("SDK client warm-up failed: {}", e.toString());
    }
  }
}
