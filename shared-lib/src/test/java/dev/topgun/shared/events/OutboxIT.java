package dev.topgun.shared.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.CursorCodec;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.WidgetItem;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.OutboxEvents;
import io.micronaut.json.JsonMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");
  private static final JsonMapper JSON = JsonMapper.createDefault();

  private TransactionalWriter writer;
  private SingleTableStore store;
  private Outbox outbox;
  private String orgId;

  @BeforeEach
  void setUp() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    writer = new TransactionalWriter(TABLE.client(), TABLE.table(), clock);
    store = new SingleTableStore(TABLE.client(), TABLE.table(), clock, new CursorCodec("it"));
    outbox = new Outbox(new EventEncoder(JSON, clock, "widgets"), Duration.ofDays(7));
    orgId = Ids.newId();
  }

  @Test
  void anEventAddedToACommittedTransaction_isInTheOutbox_withItsEnvelope() throws Exception {
    // given
    Transaction tx = writer.begin();
    WidgetItem widget =
        tx.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Blue", "b"));

    // when
    OutboundEvent event =
        outbox.add(tx, Event.of("WidgetMade", orgId, Map.of("widgetId", widget.getSk())));
    tx.commit();

    // then
    OutboxItem stored =
        store
            .get(
                OutboxItem.SCHEMA,
                new ItemKey("ORG#" + orgId + "#OUTBOX", "EVENT#" + event.eventId()))
            .orElseThrow();
    assertThat(stored.getSource()).isEqualTo("topgun.widgets");
    assertThat(stored.getDetailType()).isEqualTo("WidgetMade");
    assertThat(stored.getTtl()).isEqualTo(NOW.plus(Duration.ofDays(7)).getEpochSecond());
    Map<String, Object> detail = JSON.readValue(stored.getDetail(), Map.class);
    assertThat(detail)
        .containsEntry("eventId", event.eventId())
        .containsEntry("organizationId", orgId)
        .containsEntry("version", 1)
        .containsEntry("data", Map.of("widgetId", widget.getSk()));
    assertThat(Outbox.fromItem(stored)).isEqualTo(event);
  }

  @Test
  void aTransactionThatFails_leavesNoEvent() {
    // given
    WidgetItem existing =
        writer.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Red", "r"), List.of());
    Transaction tx = writer.begin();
    tx.create(
        WidgetItem.SCHEMA,
        WidgetItem.of(orgId, existing.getSk().substring("WIDGET#".length()), "Red again", "r2"));
    outbox.add(tx, Event.of("WidgetMade", orgId, Map.of("widgetId", existing.getSk())));

    // when / then
    assertThatThrownBy(tx::commit).isInstanceOf(ItemAlreadyExistsException.class);
    assertThat(OutboxEvents.of(TABLE).about(orgId)).isEmpty();
  }

  @Test
  void eventsOfOneChange_keepTheOrderTheyWereAdded() {
    // given
    Transaction tx = writer.begin();
    tx.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Green", "g"));

    // when
    List<OutboundEvent> added =
        outbox.addAll(
            tx,
            List.of(
                Event.of("WidgetMade", orgId, Map.of("n", 1)),
                Event.of("WidgetPainted", orgId, Map.of("n", 2)),
                Event.of("WidgetShipped", orgId, Map.of("n", 3))));
    tx.commit();

    // then
    assertThat(OutboxEvents.of(TABLE).about(orgId)).containsExactlyElementsOf(added);
  }

  @Test
  void anEventWithoutOrganization_goesToItsSourcesPartition() {
    // given
    Transaction tx = writer.begin();
    tx.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Grey", "gr"));

    // when
    OutboundEvent event = outbox.add(tx, Event.of("CatalogueRebuilt", null, Map.of()));
    tx.commit();

    // then
    assertThat(
            store.get(
                OutboxItem.SCHEMA,
                new ItemKey("OUTBOX#topgun.widgets", "EVENT#" + event.eventId())))
        .isPresent();
  }

  @Test
  void anEventTooLargeForEventBridge_isRefusedBeforeTheCommit() {
    // given
    Transaction tx = writer.begin();
    WidgetItem widget =
        tx.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Big", "big"));

    // when / then
    assertThatThrownBy(
            () ->
                outbox.add(tx, Event.of("WidgetMade", orgId, Map.of("blob", "x".repeat(300_000)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EventBridge takes at most");
    assertThat(tx.size()).isEqualTo(1);
    tx.commit();
    assertThat(store.get(WidgetItem.SCHEMA, widget.key())).isPresent();
    assertThat(OutboxEvents.of(TABLE).about(orgId)).isEmpty();
  }
}
