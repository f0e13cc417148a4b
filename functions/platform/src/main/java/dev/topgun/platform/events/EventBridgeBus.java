package dev.topgun.platform.events;

import dev.topgun.platform.domain.EventBus;
import dev.topgun.shared.events.EventPublishException;
import dev.topgun.shared.events.EventPublisher;
import dev.topgun.shared.events.OutboundEvent;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/** The Topgun bus on EventBridge, through shared-lib's {@link EventPublisher}. */
@Singleton
public class EventBridgeBus implements EventBus {

  private final EventPublisher publisher;

  public EventBridgeBus(EventPublisher publisher) {
    this.publisher = publisher;
  }

  @Override
  public void put(List<OutboundEvent> events) {
    try {
      publisher.send(events);
    } catch (EventPublishException e) {
      Set<String> refused = new HashSet<>();
      e.failures().forEach(failure -> refused.add(failure.eventId()));
      int first = 0;
      while (first < events.size() && !refused.contains(events.get(first).eventId())) {
        first++;
      }
      throw new BusRefusedException(first, e.getMessage(), e);
    } catch (SdkException e) {
      // The call itself failed (throttled past the SDK's retries, unreachable): nothing is known
      // to have been taken.
      throw new BusRefusedException(0, e.toString(), e);
    }
  }
}
