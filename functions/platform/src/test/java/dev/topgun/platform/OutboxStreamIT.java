package dev.topgun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.lambda.FunctionHandler;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.RecordingEvents;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The relay through the platform function's Lambda entry point, given the batch Lambda's event
 * source mapping hands it (a DynamoDB stream event): outbox inserts go to the bus, other changes
 * are ignored, and a refusal names the record to retry from.
 */
class OutboxStreamIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static FunctionHandler handler;
  private static JsonMapper json;

  @BeforeAll
  static void start() {
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("test.events.recording", "true");
    properties.put("topgun.events.retry-backoff", "0ms");
    handler = new FunctionHandler(ApplicationContext.run(properties));
    json = handler.getApplicationContext().getBean(JsonMapper.class);
  }

  @AfterAll
  static void stop() {
    handler.close();
  }

  @BeforeEach
  void clear() {
    RecordingEvents.SENT.clear();
    RecordingEvents.refusing = false;
  }

  private static byte[] fixture() throws IOException {
    try (InputStream in =
        OutboxStreamIT.class.getResourceAsStream("/events/dynamodb-stream-outbox.json")) {
      return in.readAllBytes();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> invoke(byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload), out, null);
    return json.readValue(out.toByteArray(), Map.class);
  }

  @Test
  void outboxInserts_arePutOnTheBus_asWritten_andOtherChangesAreNot() throws IOException {
    // when
    Map<String, Object> response = invoke(fixture());

    // then
    assertThat(response).containsEntry("batchItemFailures", List.of());
    assertThat(RecordingEvents.SENT)
        .extracting(PutEventsRequestEntry::detailType)
        .containsExactly("OrganizationCreated", "MemberAdded");
    PutEventsRequestEntry first = RecordingEvents.SENT.get(0);
    assertThat(first.source()).isEqualTo("topgun.organizations");
    assertThat(first.eventBusName()).isEqualTo("topgun");
    assertThat(first.detail())
        .isEqualTo(
            "{\"version\":1,\"eventId\":\"01KBN8Q7JA4Y2B3C5D6E7F8G9H\",\"occurredAt\":\"2025-12-03T10:20:00.000Z\",\"organizationId\":\"01KBN8Q7J9C0E3V5D6W1XYZ2AB\",\"data\":{\"id\":\"01KBN8Q7J9C0E3V5D6W1XYZ2AB\"}}");
    assertThat(first.resources()).isEmpty();
  }

  @Test
  void whenTheBusRefuses_theFirstOutboxRecordIsNamedForTheRetry() throws IOException {
    // given
    RecordingEvents.refusing = true;

    // when
    Map<String, Object> response = invoke(fixture());

    // then
    assertThat(response)
        .containsEntry(
            "batchItemFailures", List.of(Map.of("itemIdentifier", "222200000000000000000001")));
    assertThat(RecordingEvents.SENT).isEmpty();
  }
}
