package dev.topgun.local.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.AwsError;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.EventRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBusTest {

  record Delivery(String function, JsonNode event) {}

  private final List<Delivery> deliveries = new ArrayList<>();

  private final Invoker recorder =
      new Invoker() {
        @Override
        public boolean exists(String function) {
          return true;
        }

        @Override
        public Invocation invoke(String function, byte[] payload) {
          try {
            deliveries.add(new Delivery(function, Json.parse(payload)));
          } catch (IOException e) {
            throw new AssertionError(e);
          }
          return Invocation.ok("null".getBytes(StandardCharsets.UTF_8));
        }
      };

  private final EventBus bus =
      new EventBus(
          "topgun",
          "us-east-1",
          "000000000000",
          EventRules.of(
              List.of(
                  new EventRules.Rule(
                      "licenses-revoked",
                      Map.of(
                          "source", List.of("topgun.licensing"),
                          "detail-type", List.of("LicenseRevoked")),
                      List.of("servers", "billing")),
                  new EventRules.Rule(
                      "big-orders",
                      Map.of(
                          "detail",
                          Map.of("amount", List.of(Map.of("numeric", List.of(">", 100))))),
                      List.of("billing")))),
          recorder,
          Runnable::run,
          Clock.fixed(Instant.parse("2025-01-02T03:04:05.678Z"), ZoneOffset.UTC));

  @Test
  void matchingEvent_isDeliveredToEachTargetOfTheRule_inTheEventBridgeEnvelope() {
    // when
    JsonNode response =
        bus.putEvents(
            request(entry("topgun.licensing", "LicenseRevoked", "{\"licenseId\":\"L1\"}")));

    // then
    String id = response.path("Entries").get(0).path("EventId").asText();
    assertThat(deliveries).extracting(Delivery::function).containsExactly("servers", "billing");
    JsonNode event = deliveries.get(0).event();
    assertThat(event.path("version").asText()).isEqualTo("0");
    assertThat(event.path("id").asText()).isEqualTo(id);
    assertThat(event.path("detail-type").asText()).isEqualTo("LicenseRevoked");
    assertThat(event.path("source").asText()).isEqualTo("topgun.licensing");
    assertThat(event.path("account").asText()).isEqualTo("000000000000");
    assertThat(event.path("time").asText()).isEqualTo("2025-01-02T03:04:05Z");
    assertThat(event.path("region").asText()).isEqualTo("us-east-1");
    assertThat(event.path("resources").isArray()).isTrue();
    assertThat(event.path("detail").path("licenseId").asText()).isEqualTo("L1");
  }

  @Test
  void aStoppedBus_refusesEveryEntryAsEventBridgeDoes_andDeliversNothing_untilItRestarts() {
    // given
    bus.setRefusing(true);

    // when
    JsonNode refused =
        bus.putEvents(
            request(entry("topgun.licensing", "LicenseRevoked", "{\"licenseId\":\"L1\"}")));
    bus.setRefusing(false);
    JsonNode taken =
        bus.putEvents(
            request(entry("topgun.licensing", "LicenseRevoked", "{\"licenseId\":\"L2\"}")));

    // then
    assertThat(refused.path("FailedEntryCount").asInt()).isEqualTo(1);
    assertThat(refused.path("Entries").get(0).path("ErrorCode").asText())
        .isEqualTo("InternalFailure");
    assertThat(refused.path("Entries").get(0).has("EventId")).isFalse();
    assertThat(taken.path("FailedEntryCount").asInt()).isZero();
    assertThat(deliveries)
        .extracting(d -> d.event().path("detail").path("licenseId").asText())
        .containsExactly("L2", "L2");
  }

  @Test
  void patternOnTheDetail_matchesWithEventRulerSemantics() {
    // when
    bus.putEvents(request(entry("topgun.billing", "OrderPlaced", "{\"amount\":150}")));
    bus.putEvents(request(entry("topgun.billing", "OrderPlaced", "{\"amount\":50}")));

    // then
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).event().path("detail").path("amount").asInt()).isEqualTo(150);
  }

  @Test
  void nonMatchingEvent_isAcceptedButDeliveredNowhere() {
    // when
    JsonNode response = bus.putEvents(request(entry("topgun.licensing", "LicenseIssued", "{}")));

    // then
    assertThat(response.path("FailedEntryCount").asInt()).isZero();
    assertThat(deliveries).isEmpty();
  }

  @Test
  void eventOnTheDefaultBus_isNotMatchedAgainstTheTopgunRules() {
    // given
    ObjectNode entry = entry("topgun.licensing", "LicenseRevoked", "{}");
    entry.put("EventBusName", "default");

    // when
    JsonNode response = bus.putEvents(request(entry));

    // then
    assertThat(response.path("FailedEntryCount").asInt()).isZero();
    assertThat(deliveries).isEmpty();
  }

  @Test
  void badEntries_failOneByOne_withEventBridgesErrorCodes() {
    // given
    ObjectNode noDetailType = entry("topgun.x", null, "{}");
    ObjectNode detailNotJson = entry("topgun.x", "T", "{not json");
    ObjectNode awsSource = entry("aws.ec2", "T", "{}");
    ObjectNode unknownBus = entry("topgun.x", "T", "{}");
    unknownBus.put("EventBusName", "elsewhere");
    ObjectNode good = entry("topgun.x", "T", "{}");

    // when
    JsonNode response =
        bus.putEvents(request(noDetailType, detailNotJson, awsSource, unknownBus, good));

    // then
    assertThat(response.path("FailedEntryCount").asInt()).isEqualTo(4);
    JsonNode entries = response.path("Entries");
    assertThat(entries.get(0).path("ErrorCode").asText()).isEqualTo("InvalidArgument");
    assertThat(entries.get(0).path("ErrorMessage").asText()).contains("DetailType");
    assertThat(entries.get(1).path("ErrorCode").asText()).isEqualTo("MalformedDetail");
    assertThat(entries.get(2).path("ErrorCode").asText())
        .isEqualTo("NotAuthorizedForSourceException");
    assertThat(entries.get(3).path("ErrorCode").asText()).isEqualTo("ResourceNotFoundException");
    assertThat(entries.get(4).has("ErrorCode")).isFalse();
    assertThat(entries.get(4).path("EventId").asText()).isNotBlank();
  }

  @Test
  void noEntriesOrMoreThanTen_isAValidationError() {
    // given
    ObjectNode[] eleven = new ObjectNode[11];
    for (int i = 0; i < eleven.length; i++) {
      eleven[i] = entry("topgun.x", "T", "{}");
    }

    // when / then
    assertThatThrownBy(() -> bus.putEvents(request()))
        .isInstanceOfSatisfying(
            AwsError.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> bus.putEvents(request(eleven)))
        .isInstanceOfSatisfying(
            AwsError.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
    assertThat(deliveries).isEmpty();
  }

  @Test
  void busByArn_isTheSameBus() {
    // given
    ObjectNode entry = entry("topgun.licensing", "LicenseRevoked", "{}");
    entry.put("EventBusName", bus.arn());

    // when
    bus.putEvents(request(entry));

    // then
    assertThat(deliveries).hasSize(2);
  }

  @Test
  void describeEventBus_knowsTheTopgunBusAndNoOther() {
    // when
    JsonNode described = bus.describeEventBus(Json.MAPPER.createObjectNode().put("Name", "topgun"));

    // then
    assertThat(described.path("Arn").asText())
        .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/topgun");
    assertThatThrownBy(
            () -> bus.describeEventBus(Json.MAPPER.createObjectNode().put("Name", "elsewhere")))
        .isInstanceOfSatisfying(
            AwsError.class, e -> assertThat(e.code()).isEqualTo("ResourceNotFoundException"));
  }

  private static ObjectNode entry(String source, String detailType, String detail) {
    ObjectNode entry = Json.MAPPER.createObjectNode();
    entry.put("EventBusName", "topgun");
    if (source != null) {
      entry.put("Source", source);
    }
    if (detailType != null) {
      entry.put("DetailType", detailType);
    }
    if (detail != null) {
      entry.put("Detail", detail);
    }
    return entry;
  }

  private static ObjectNode request(ObjectNode... entries) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    ArrayNode list = request.putArray("Entries");
    for (ObjectNode entry : entries) {
      list.add(entry);
    }
    return request;
  }
}
