package dev.topgun.organizations;

import dev.topgun.shared.aws.AwsClients;
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

/** An event bus that keeps what was sent, for the ITs (there is no EventBridge emulator). */
@Factory
@Requires(property = "test.events.recording", value = "true")
class RecordingEvents {

  static final List<PutEventsRequestEntry> SENT = new CopyOnWriteArrayList<>();

  /** While set, every entry is refused (as EventBridge does with {@code InternalFailure}). */
  static volatile boolean refusing;

  @Singleton
  @Replaces(value = EventBridgeClient.class, factory = AwsClients.class)
  EventBridgeClient recordingEventBridge() {
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
