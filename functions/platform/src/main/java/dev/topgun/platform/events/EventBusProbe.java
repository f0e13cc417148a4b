package dev.topgun.platform.events;

import dev.topgun.platform.domain.DependencyCheck;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusRequest;

/** Asks EventBridge for the bus every domain publishes to. */
@Singleton
public class EventBusProbe implements DependencyCheck {

  private final EventBridgeClient events;
  private final String bus;

  public EventBusProbe(EventBridgeClient events, @Value("${topgun.events.bus:topgun}") String bus) {
    this.events = events;
    this.bus = bus;
  }

  @Override
  public String name() {
    return "events";
  }

  @Override
  public void probe() {
    events.describeEventBus(DescribeEventBusRequest.builder().name(bus).build());
  }
}
