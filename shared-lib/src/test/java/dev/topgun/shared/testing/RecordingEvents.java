package dev.topgun.shared.testing;

import dev.topgun.shared.aws.EventBridgeClients;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * An event bus that keeps what was sent, for the ITs of a function (property {@code
 * test.events.recording=true}): no EventBridge emulator runs beside them.
 */
@Factory
@Requires(property = "test.events.recording", value = "true")
public class RecordingEvents {

  public static final List<PutEventsRequestEntry> SENT = new CopyOnWriteArrayList<>();

  /** While set, every entry is refused (as EventBridge does with {@code InternalFailure}). */
  public static volatile boolean refusing;

  @Singleton
  @Replaces(value = EventBridgeClient.class, factory = EventBridgeClients.class)
  public EventBridgeClient recordingEventBridge() {
    return new EventBridgeClient() {
      @Override
      public PutEventsResponse putEvents(PutEventsRequest request) {
        if (refusing) {
          return PutEventsResponse.builder()
              .failedEntryCount(request.entries().size())
              .entries(
                  request.entries().stream()
                      .map(
                          e ->
                              PutEventsResultEntry.builder()
                                  .errorCode("InternalFailure")
                                  .errorMessage("refused by the test")
                                  .build())
                      .toList())
              .build();
        }
        SENT.addAll(request.entries());
        return PutEventsResponse.builder()
            .failedEntryCount(0)
            .entries(
                request.entries().stream()
                    .map(e -> PutEventsResultEntry.builder().eventId("e").build())
                    .toList())
            .build();
      }

      @Override
      public String serviceName() {
        return "events";
      }

      @Override
      public void close() {}
    };
  }
}
