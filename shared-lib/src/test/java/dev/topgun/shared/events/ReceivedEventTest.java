package dev.topgun.shared.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedEventTest {

  private final JsonMapper json = JsonMapper.createDefault();

  @Test
  void topgunEvent_isDedupedOnItsEnvelopesEventId_notOnEventBridgesId() {
    // when
    ReceivedEvent event =
        ReceivedEvent.fromJson(
            json,
            fixture("eventbridge-license-expired.json")
                .replace("${id}", "eb-1")
                .replace("${eventId}", "01JD2Y5XK4B6V8N0Q2S4T6W8Y0"));

    // then
    assertThat(event.id()).isEqualTo("eb-1");
    assertThat(event.eventId()).isEqualTo("01JD2Y5XK4B6V8N0Q2S4T6W8Y0");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(event.isScheduled()).isFalse();
    assertThat(event.scheduleName()).isEmpty();
  }

  @Test
  void eventWithoutAnEnvelope_isDedupedOnEventBridgesId() {
    // given: a detail whose nested objects hold an eventId, but not at its top
    ReceivedEvent event =
        new ReceivedEvent(
            "eb-2",
            "aws.ec2",
            "EC2 Instance State-change Notification",
            null,
            null,
            "{\"instance\":{\"eventId\":\"nested\"},\"state\":\"running\"}");

    // then
    assertThat(event.eventId()).isEqualTo("eb-2");
    assertThat(event.resources()).isEmpty();
  }

  @Test
  void data_readsTheEnvelopesData_andAbsentDataIsAnError() {
    // given
    ReceivedEvent event =
        new ReceivedEvent(
            "eb-3",
            "topgun.organizations",
            "OrganizationCreated",
            null,
            List.of(),
            fixture("envelope-v1.json"));
    ReceivedEvent bare =
        new ReceivedEvent("eb-4", "topgun.organizations", "OrganizationCreated", null, null, "{}");

    // then
    assertThat(event.data(json, Created.class))
        .isEqualTo(new Created("01JD2Y5WZZ0000000000000000", "Acme Hosting"));
    assertThat(event.correlationId()).contains("01JD2Y5X000000000000000000");
    assertThatThrownBy(() -> bare.data(json, Created.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no data");
  }

  @Test
  void scheduledEvent_isNamedByItsDetail_elseByTheRuleThatFired() {
    // when
    ReceivedEvent fromTopgunRule =
        ReceivedEvent.fromJson(json, fixture("eventbridge-scheduled.json").replace("${id}", "s1"));
    ReceivedEvent fromNamedRule =
        ReceivedEvent.fromJson(
            json, fixture("eventbridge-scheduled-native.json").replace("${id}", "s2"));

    // then
    assertThat(fromTopgunRule.isScheduled()).isTrue();
    assertThat(fromTopgunRule.scheduleName()).contains("test-sweep");
    assertThat(fromNamedRule.scheduleName()).contains("test-sweep");
    assertThat(fromNamedRule.eventId()).isEqualTo("s2");
  }

  @Test
  void onlyEventBridgeEvents_areRecognised() throws IOException {
    assertThat(
            ReceivedEvent.isEventBridgeEvent(
                json.readValue(
                    fixture("eventbridge-scheduled.json").replace("${id}", "s1"), JsonNode.class)))
        .isTrue();
    assertThat(
            ReceivedEvent.isEventBridgeEvent(
                json.readValue(fixture("api-gateway-post-widget.json"), JsonNode.class)))
        .isFalse();
  }

  @io.micronaut.serde.annotation.Serdeable
  record Created(String id, String name) {}

  static String fixture(String name) {
    try (InputStream in = ReceivedEventTest.class.getResourceAsStream("/events/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
