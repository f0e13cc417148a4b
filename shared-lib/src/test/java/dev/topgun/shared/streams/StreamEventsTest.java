package dev.topgun.shared.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.events.OutboxItem;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StreamEventsTest {

  private static final JsonMapper JSON = JsonMapper.createDefault();

  private static JsonNode fixture(String name) throws IOException {
    try (InputStream in = StreamEventsTest.class.getResourceAsStream("/events/" + name)) {
      return JSON.readValue(in, JsonNode.class);
    }
  }

  @Test
  void aLambdaStreamBatch_isRecognised_andOtherPayloadsAreNot() throws IOException {
    assertThat(StreamEvents.isStreamEvent(fixture("dynamodb-stream-batch.json"))).isTrue();
    assertThat(StreamEvents.isStreamEvent(fixture("eventbridge-scheduled.json"))).isFalse();
    assertThat(StreamEvents.isStreamEvent(fixture("api-gateway-post-widget.json"))).isFalse();
    assertThat(
            StreamEvents.isStreamEvent(
                JSON.readValue("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}", JsonNode.class)))
        .isFalse();
  }

  @Test
  void records_keepTheirOrder_kind_images_andTheTtlRemoval() throws IOException {
    // when
    List<StreamRecord> records = StreamEvents.records(fixture("dynamodb-stream-batch.json"));

    // then
    assertThat(records)
        .extracting(StreamRecord::sequenceNumber)
        .containsExactly(
            "111100000000000000000001", "111100000000000000000002", "111100000000000000000003");
    assertThat(records)
        .extracting(StreamRecord::eventName)
        .containsExactly(
            StreamRecord.Change.INSERT, StreamRecord.Change.MODIFY, StreamRecord.Change.REMOVE);
    assertThat(records.get(0).itemType()).isEqualTo("OUTBOX");
    assertThat(records.get(0).approximateCreation()).isEqualTo(Instant.ofEpochSecond(1764757200));
    assertThat(records.get(1).approximateCreation())
        .isEqualTo(Instant.ofEpochMilli(1764757201500L));
    assertThat(records.get(1).oldImage()).containsEntry("users", AttributeValue.fromN("2"));
    assertThat(records.get(2).newImage()).isEmpty();
    assertThat(records.get(2).itemType()).isEqualTo("Idempotency");
    assertThat(records.get(2).removedByTtl()).isTrue();
    assertThat(records.get(0).removedByTtl()).isFalse();
  }

  @Test
  void everyAttributeType_isRead() throws IOException {
    // when
    Map<String, AttributeValue> image =
        StreamEvents.records(fixture("dynamodb-stream-batch.json")).get(1).newImage();

    // then
    assertThat(image.get("users")).isEqualTo(AttributeValue.fromN("3"));
    assertThat(image.get("flags")).isEqualTo(AttributeValue.fromSs(List.of("a", "b")));
    assertThat(image.get("sizes")).isEqualTo(AttributeValue.fromNs(List.of("1", "2.5")));
    assertThat(image.get("blob"))
        .isEqualTo(AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2})));
    assertThat(image.get("blobs").bs())
        .containsExactly(
            SdkBytes.fromByteArray(new byte[] {0, 1}), SdkBytes.fromByteArray(new byte[] {2, 3}));
    assertThat(image.get("active")).isEqualTo(AttributeValue.fromBool(false));
    assertThat(image.get("nothing")).isEqualTo(AttributeValue.fromNul(true));
    assertThat(image.get("nested").m().get("list").l())
        .containsExactly(AttributeValue.fromN("7"), AttributeValue.fromS("x"));
  }

  @Test
  void anOutboxInsert_readsBackAsTheEventItHolds() throws IOException {
    // given
    StreamRecord insert = StreamEvents.records(fixture("dynamodb-stream-batch.json")).get(0);

    // when
    OutboundEvent event = Outbox.fromItem(OutboxItem.SCHEMA.mapToItem(insert.newImage()));

    // then
    assertThat(event.eventId()).isEqualTo("01KBN8Q7JA4Y2B3C5D6E7F8G9H");
    assertThat(event.source()).isEqualTo("topgun.organizations");
    assertThat(event.detailType()).isEqualTo("OrganizationUpdated");
    assertThat(event.organizationId()).isEqualTo("01KBN8Q7J9C0E3V5D6W1XYZ2AB");
    assertThat(event.resources()).containsExactly("topgun:organization/01KBN8Q7J9C0E3V5D6W1XYZ2AB");
    assertThat(event.time()).isEqualTo(Instant.parse("2025-12-03T10:20:00Z"));
    assertThat(event.detail()).contains("\"name\":\"Acme\"");
  }

  @Test
  void aMalformedAttributeValue_isRefused() {
    assertThatThrownBy(
            () -> StreamEvents.value(JSON.readValue("{\"S\":\"a\",\"N\":\"1\"}", JsonNode.class)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StreamEvents.value(JSON.readValue("{\"X\":\"a\"}", JsonNode.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown attribute type X");
  }
}
