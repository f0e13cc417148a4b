package dev.topgun.shared.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.http.Correlation;
import dev.topgun.shared.ids.Ids;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

class EventPublisherTest {

  @Serdeable
  record OrganizationCreated(String id, String name) {}

  private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");

  private final RecordingEventBridge eventBridge = new RecordingEventBridge();
  private final ObjectMapper json = ObjectMapper.getDefault();

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  @Test
  void anEventGoesToTheBusWithSourceDetailTypeAndEnvelope() throws IOException {
    // given
    EventPublisher publisher = publisher("organizations", 3);
    MDC.put(Correlation.MDC_KEY, "corr-7");

    // when
    List<OutboundEvent> published =
        publisher.publish(
            Event.of("OrganizationCreated", "org-1", new OrganizationCreated("org-1", "Acme"))
                .withResources(List.of("topgun:organization/org-1")));

    // then
    assertThat(eventBridge.requests).hasSize(1);
    PutEventsRequestEntry entry = eventBridge.requests.get(0).entries().get(0);
    assertThat(entry.eventBusName()).isEqualTo("topgun-test");
    assertThat(entry.source()).isEqualTo("topgun.organizations");
    assertThat(entry.detailType()).isEqualTo("OrganizationCreated");
    assertThat(entry.resources()).containsExactly("topgun:organization/org-1");
    assertThat(entry.time()).isEqualTo(NOW);
    Map<String, Object> detail = detail(entry);
    assertThat(detail)
        .containsEntry("version", 1)
        .containsEntry("eventId", published.get(0).eventId())
        .containsEntry("occurredAt", "2025-03-04T05:06:07.123Z")
        .containsEntry("organizationId", "org-1")
        .containsEntry("correlationId", "corr-7")
        .containsEntry("data", Map.of("id", "org-1", "name", "Acme"));
    assertThat(Ids.isValid(published.get(0).eventId())).isTrue();
  }

  @Test
  void withoutATenantOrRequestThoseMembersAreLeftOut() throws IOException {
    // when
    publisher("platform", 3).publish(Event.of("PlatformStarted", null, Map.of("ok", true)));

    // then
    assertThat(detail(eventBridge.requests.get(0).entries().get(0)))
        .doesNotContainKeys("organizationId", "correlationId")
        .containsEntry("data", Map.of("ok", true));
  }

  @Test
  void entriesGoInBatchesOfAtMostTenInOrder() {
    // given
    List<Event> events =
        IntStream.range(0, 23)
            .mapToObj(i -> Event.of("WidgetMade", "org-1", Map.of("n", i)))
            .toList();

    // when
    publisher("widgets", 3).publish(events);

    // then
    assertThat(eventBridge.requests).extracting(r -> r.entries().size()).containsExactly(10, 10, 3);
    List<Object> order = new ArrayList<>();
    eventBridge.requests.forEach(
        r ->
            r.entries()
                .forEach(e -> order.add(((Map<?, ?>) detailUnchecked(e).get("data")).get("n"))));
    assertThat(order).isEqualTo(IntStream.range(0, 23).boxed().map(Object.class::cast).toList());
  }

  @Test
  void batchesAlsoStayUnder256KiB() {
    // given: three events of ~100 KiB each
    String big = "x".repeat(100 * 1024);
    List<Event> events =
        IntStream.range(0, 3)
            .mapToObj(i -> Event.of("BigThing", null, Map.of("blob", big)))
            .toList();

    // when
    publisher("widgets", 3).publish(events);

    // then
    assertThat(eventBridge.requests).extracting(r -> r.entries().size()).containsExactly(2, 1);
  }

  @Test
  void onlyTheRefusedEntriesAreSentAgain() throws IOException {
    // given
    eventBridge.answer(RecordingEventBridge.failing("ThrottlingException", 1));
    List<Event> events =
        List.of(
            Event.of("WidgetMade", "org-1", Map.of("n", 0)),
            Event.of("WidgetMade", "org-1", Map.of("n", 1)),
            Event.of("WidgetMade", "org-1", Map.of("n", 2)));

    // when
    List<OutboundEvent> published = publisher("widgets", 3).publish(events);

    // then
    assertThat(eventBridge.requests).hasSize(2);
    List<PutEventsRequestEntry> retried = eventBridge.requests.get(1).entries();
    assertThat(retried).hasSize(1);
    assertThat(detail(retried.get(0))).containsEntry("eventId", published.get(1).eventId());
    assertThat(retried.get(0)).isEqualTo(eventBridge.requests.get(0).entries().get(1));
  }

  @Test
  void afterTheLastAttemptTheRefusedEventsAreNamed() {
    // given
    for (int i = 0; i < 3; i++) {
      eventBridge.answer(RecordingEventBridge.failing("InternalFailure", 0));
    }
    EventPublisher publisher = publisher("widgets", 3);

    // when / then
    assertThatThrownBy(() -> publisher.publish(Event.of("WidgetMade", "org-1", Map.of("n", 0))))
        .isInstanceOfSatisfying(
            EventPublishException.class,
            e -> {
              assertThat(e.failures()).hasSize(1);
              assertThat(e.failures().get(0).errorCode()).isEqualTo("InternalFailure");
              assertThat(e.failures().get(0).name()).isEqualTo("WidgetMade");
              assertThat(Ids.isValid(e.failures().get(0).eventId())).isTrue();
            });
    assertThat(eventBridge.requests).hasSize(3);
  }

  @Test
  void anEventTooLargeForEventBridgeIsRefusedBeforeSending() {
    // given
    EventPublisher publisher = publisher("widgets", 3);
    Event huge = Event.of("BigThing", null, Map.of("blob", "x".repeat(260 * 1024)));

    // when / then
    assertThatThrownBy(() -> publisher.publish(huge)).isInstanceOf(IllegalArgumentException.class);
    assertThat(eventBridge.requests).isEmpty();
  }

  @Test
  void withoutADomainThereIsNoSource() {
    EventPublisher publisher = publisher("", 3);

    assertThatThrownBy(() -> publisher.publish(Event.of("WidgetMade", null, Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("topgun.domain");
  }

  @Test
  void withoutTopgunDomainTheSourceIsTheApplicationName() {
    // given
    EventPublisher publisher =
        new EventPublisher(
            eventBridge.client,
            new EventEncoder(json, Clock.fixed(NOW, ZoneOffset.UTC), null, "billing"),
            "topgun-test",
            3,
            Duration.ZERO);

    // when
    publisher.publish(Event.of("InvoicePaid", "org-9", Map.of()));

    // then
    assertThat(eventBridge.requests.get(0).entries().get(0).source()).isEqualTo("topgun.billing");
  }

  @Test
  void eventNamesArePascalCaseFacts() {
    assertThatThrownBy(() -> Event.of("organization.created", null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private EventPublisher publisher(String domain, int maxAttempts) {
    return new EventPublisher(
        eventBridge.client,
        json,
        Clock.fixed(NOW, ZoneOffset.UTC),
        "topgun-test",
        domain,
        maxAttempts,
        Duration.ZERO);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> detail(PutEventsRequestEntry entry) throws IOException {
    return json.readValue(entry.detail(), Map.class);
  }

  private Map<String, Object> detailUnchecked(PutEventsRequestEntry entry) {
    try {
      return detail(entry);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
