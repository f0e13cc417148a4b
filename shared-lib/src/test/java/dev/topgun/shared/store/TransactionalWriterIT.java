package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.emulators.DynamoDbControl;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.testing.LocalTable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TransactionalWriterIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private TransactionalWriter writer;
  private SingleTableStore store;
  private Counters counters;
  private String orgId;

  @BeforeEach
  void setUp() {
    Clock clock = Clock.systemUTC();
    writer = new TransactionalWriter(TABLE.client(), TABLE.table(), clock);
    store = new SingleTableStore(TABLE.client(), TABLE.table(), clock, new CursorCodec("it"));
    counters = new Counters(TABLE.client(), TABLE.table(), clock);
    orgId = Ids.newId();
  }

  @Test
  void create_writesTheEntityAndItsMarkers_together() {
    // given
    WidgetItem widget = WidgetItem.of(orgId, Ids.newId(), "Blue", slug());
    Unique slug = Unique.of("widget-slug", widget.getSlug());

    // when
    WidgetItem stored = writer.create(WidgetItem.SCHEMA, widget, List.of(slug));

    // then
    assertThat(stored.getVersion()).isEqualTo(1L);
    assertThat(store.get(WidgetItem.SCHEMA, widget.key())).isPresent();
    assertThat(store.uniqueOwner(slug)).contains(widget.key());
  }

  @Test
  void aTakenValue_failsWithUniqueConstraintViolation_namingIt_andWritesNothing() {
    // given
    String taken = slug();
    writer.create(
        WidgetItem.SCHEMA,
        WidgetItem.of(orgId, Ids.newId(), "First", taken),
        List.of(Unique.of("widget-slug", taken)));
    WidgetItem second = WidgetItem.of(orgId, Ids.newId(), "Second", taken);
    String freeName = "name-" + Ids.newId();

    // when / then
    assertThatThrownBy(
            () ->
                writer.create(
                    WidgetItem.SCHEMA,
                    second,
                    List.of(Unique.of("widget-name", freeName), Unique.of("widget-slug", taken))))
        .isInstanceOfSatisfying(
            UniqueConstraintViolationException.class,
            e -> {
              assertThat(e.kind()).isEqualTo("widget-slug");
              assertThat(e.value()).isEqualTo(taken);
            });
    assertThat(store.get(WidgetItem.SCHEMA, second.key())).isEmpty();
    assertThat(store.uniqueOwner(Unique.of("widget-name", freeName))).isEmpty();
  }

  @Test
  void concurrentCreations_ofTheSameUniqueValue_letExactlyOneWin() throws Exception {
    // given
    String contested = slug();

    // when: 12 different widgets claim one slug at once
    List<Concurrently.Outcome<WidgetItem>> outcomes =
        Concurrently.run(
            12,
            i ->
                () ->
                    writer.create(
                        WidgetItem.SCHEMA,
                        WidgetItem.of(orgId, Ids.newId(), "Widget " + i, contested),
                        List.of(Unique.of("widget-slug", contested))));

    // then
    List<WidgetItem> winners =
        outcomes.stream()
            .filter(Concurrently.Outcome::succeeded)
            .map(Concurrently.Outcome::result)
            .toList();
    assertThat(winners).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.succeeded())
        .hasSize(11)
        .allSatisfy(
            o -> assertThat(o.failure()).isInstanceOf(UniqueConstraintViolationException.class));
    assertThat(store.uniqueOwner(Unique.of("widget-slug", contested)))
        .contains(winners.get(0).key());
    Page<WidgetItem> stored =
        store.query(
            WidgetItem.SCHEMA,
            Query.on(Index.GSI1, Keys.org(orgId, "WIDGETS-BY-SLUG")).skBeginsWith(contested));
    assertThat(stored.items()).hasSize(1);
  }

  @Test
  void createOnAnExistingKey_failsWithItemAlreadyExists_andClaimsNothing() {
    // given
    String id = Ids.newId();
    writer.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, id, "First", slug()), List.of());
    String newSlug = slug();

    // when / then
    assertThatThrownBy(
            () ->
                writer.create(
                    WidgetItem.SCHEMA,
                    WidgetItem.of(orgId, id, "Again", newSlug),
                    List.of(Unique.of("widget-slug", newSlug))))
        .isInstanceOf(ItemAlreadyExistsException.class);
    assertThat(store.uniqueOwner(Unique.of("widget-slug", newSlug))).isEmpty();
  }

  @Test
  void update_swapsMarkers_releasingTheOldValueForOthers() {
    // given
    String oldSlug = slug();
    String newSlug = slug();
    WidgetItem created =
        writer.create(
            WidgetItem.SCHEMA,
            WidgetItem.of(orgId, Ids.newId(), "Blue", oldSlug),
            List.of(Unique.of("widget-slug", oldSlug)));
    created.setSlug(newSlug);

    // when
    WidgetItem updated =
        writer.update(
            WidgetItem.SCHEMA,
            created,
            List.of(Unique.of("widget-slug", oldSlug)),
            List.of(Unique.of("widget-slug", newSlug)));

    // then
    assertThat(updated.getVersion()).isEqualTo(2L);
    assertThat(store.uniqueOwner(Unique.of("widget-slug", newSlug))).contains(created.key());
    assertThat(store.uniqueOwner(Unique.of("widget-slug", oldSlug))).isEmpty();
    WidgetItem other = WidgetItem.of(orgId, Ids.newId(), "Other", oldSlug);
    writer.create(WidgetItem.SCHEMA, other, List.of(Unique.of("widget-slug", oldSlug)));
    assertThat(store.uniqueOwner(Unique.of("widget-slug", oldSlug))).contains(other.key());
  }

  @Test
  void update_toATakenValue_failsAndChangesNothing() {
    // given
    String mine = slug();
    String theirs = slug();
    WidgetItem created =
        writer.create(
            WidgetItem.SCHEMA,
            WidgetItem.of(orgId, Ids.newId(), "Mine", mine),
            List.of(Unique.of("widget-slug", mine)));
    writer.create(
        WidgetItem.SCHEMA,
        WidgetItem.of(orgId, Ids.newId(), "Theirs", theirs),
        List.of(Unique.of("widget-slug", theirs)));
    created.setSlug(theirs);

    // when / then
    assertThatThrownBy(
            () ->
                writer.update(
                    WidgetItem.SCHEMA,
                    created,
                    List.of(Unique.of("widget-slug", mine)),
                    List.of(Unique.of("widget-slug", theirs))))
        .isInstanceOf(UniqueConstraintViolationException.class);
    assertThat(store.uniqueOwner(Unique.of("widget-slug", mine))).contains(created.key());
    WidgetItem stored = store.get(WidgetItem.SCHEMA, created.key()).orElseThrow();
    assertThat(stored.getSlug()).isEqualTo(mine);
    assertThat(stored.getVersion()).isEqualTo(1L);
  }

  @Test
  void update_keepingTheSameValue_neitherReleasesNorReclaimsIt() {
    // given
    String same = slug();
    WidgetItem created =
        writer.create(
            WidgetItem.SCHEMA,
            WidgetItem.of(orgId, Ids.newId(), "Blue", same),
            List.of(Unique.of("widget-slug", same)));
    created.setName("Navy");

    // when
    writer.update(
        WidgetItem.SCHEMA,
        created,
        List.of(Unique.of("widget-slug", same)),
        List.of(Unique.of("widget-slug", same)));

    // then
    assertThat(store.uniqueOwner(Unique.of("widget-slug", same))).contains(created.key());
    assertThat(store.get(WidgetItem.SCHEMA, created.key()).orElseThrow().getName())
        .isEqualTo("Navy");
  }

  @Test
  void update_fromAStaleRead_failsWithVersionConflict_andKeepsTheMarkers() {
    // given
    String oldSlug = slug();
    WidgetItem created =
        writer.create(
            WidgetItem.SCHEMA,
            WidgetItem.of(orgId, Ids.newId(), "Blue", oldSlug),
            List.of(Unique.of("widget-slug", oldSlug)));
    store.update(WidgetItem.SCHEMA, created);
    String newSlug = slug();

    // when / then
    assertThatThrownBy(
            () ->
                writer.update(
                    WidgetItem.SCHEMA,
                    created,
                    List.of(Unique.of("widget-slug", oldSlug)),
                    List.of(Unique.of("widget-slug", newSlug))))
        .isInstanceOfSatisfying(
            VersionConflictException.class, e -> assertThat(e.actualVersion()).isEqualTo(2L));
    assertThat(store.uniqueOwner(Unique.of("widget-slug", oldSlug))).contains(created.key());
    assertThat(store.uniqueOwner(Unique.of("widget-slug", newSlug))).isEmpty();
  }

  @Test
  void delete_releasesTheMarkers() {
    // given
    String value = slug();
    WidgetItem created =
        writer.create(
            WidgetItem.SCHEMA,
            WidgetItem.of(orgId, Ids.newId(), "Blue", value),
            List.of(Unique.of("widget-slug", value)));

    // when
    writer.delete(created, List.of(Unique.of("widget-slug", value)));

    // then
    assertThat(store.get(WidgetItem.SCHEMA, created.key())).isEmpty();
    assertThat(store.uniqueOwner(Unique.of("widget-slug", value))).isEmpty();
  }

  @Test
  void aMarkerHeldByAnotherEntity_isNeverReleased() {
    // given
    String value = slug();
    WidgetItem holder =
        writer.create(
            WidgetItem.SCHEMA,
            WidgetItem.of(orgId, Ids.newId(), "Holder", value),
            List.of(Unique.of("widget-slug", value)));
    WidgetItem other =
        writer.create(
            WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Other", slug()), List.of());

    // when / then
    assertThatThrownBy(() -> writer.delete(other, List.of(Unique.of("widget-slug", value))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.uniqueOwner(Unique.of("widget-slug", value))).contains(holder.key());
    assertThat(store.get(WidgetItem.SCHEMA, other.key())).isPresent();
  }

  @Test
  void aTransaction_reservesACounter_onlyTogetherWithTheEntity() {
    // given: a limit of 1 widget
    ItemKey usage = new ItemKey(Keys.org(orgId), Keys.counter("widgets"));
    Transaction first = writer.begin();
    first.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "One", slug()));
    first.reserve(usage, "widgets", 1, 1);
    first.commit();
    WidgetItem second = WidgetItem.of(orgId, Ids.newId(), "Two", slug());

    // when
    Transaction tx = writer.begin();
    tx.create(WidgetItem.SCHEMA, second);
    tx.reserve(usage, "widgets", 1, 1);

    // then
    assertThatThrownBy(tx::commit)
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(1);
              assertThat(e.usage()).isEqualTo(1);
            });
    assertThat(store.get(WidgetItem.SCHEMA, second.key())).isEmpty();
    assertThat(counters.current(usage, "widgets")).isEqualTo(1);
  }

  @Test
  void aTransaction_releasesACounter_withTheDeletion() {
    // given
    ItemKey usage = new ItemKey(Keys.org(orgId), Keys.counter("widgets"));
    Transaction create = writer.begin();
    WidgetItem stored =
        create.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "One", slug()));
    create.reserve(usage, "widgets", 1, 5);
    create.commit();

    // when
    Transaction delete = writer.begin();
    delete.delete(stored);
    delete.releaseCounter(usage, "widgets", 1);
    delete.commit();

    // then
    assertThat(counters.current(usage, "widgets")).isZero();
    assertThat(store.get(WidgetItem.SCHEMA, stored.key())).isEmpty();
  }

  @Test
  void theSameItemTwiceInOneTransaction_isRefusedBeforeSending() {
    Transaction tx = writer.begin();
    WidgetItem widget = WidgetItem.of(orgId, Ids.newId(), "Blue", slug());
    tx.create(WidgetItem.SCHEMA, widget);

    assertThatThrownBy(() -> tx.put(WidgetItem.SCHEMA, widget))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String slug() {
    return "s-" + Ids.newId().toLowerCase();
  }

  @Test
  void aTransactionCancelledByAConflict_isRetried_andCommits() {
    // given: the next transaction touching the widget's slug marker meets another in flight
    WidgetItem widget = WidgetItem.of(orgId, Ids.newId(), "Blue", slug());
    Unique slug = Unique.of("widget-slug", widget.getSlug());
    DynamoDbControl control = DynamoDbControl.at(TABLE.endpoint());
    control.injectTransactionConflicts(TABLE.name(), keyOf(slug.key()), 1);

    // when
    WidgetItem stored = writer.create(WidgetItem.SCHEMA, widget, List.of(slug));

    // then: the conflict was met, and the retry wrote it all
    assertThat(control.remainingTransactionConflicts(TABLE.name(), keyOf(slug.key()))).isZero();
    assertThat(store.get(WidgetItem.SCHEMA, widget.key()))
        .hasValueSatisfying(w -> assertThat(w.getVersion()).isEqualTo(stored.getVersion()));
    assertThat(store.uniqueOwner(slug)).contains(widget.key());
  }

  @Test
  void conflictsOnEveryAttempt_surfaceAsTransactionConflictException_andWriteNothing() {
    // given: more conflicts armed than commit() makes attempts
    WidgetItem widget = WidgetItem.of(orgId, Ids.newId(), "Blue", slug());
    Unique slug = Unique.of("widget-slug", widget.getSlug());
    DynamoDbControl control = DynamoDbControl.at(TABLE.endpoint());
    control.injectTransactionConflicts(TABLE.name(), keyOf(widget.key()), 4);

    // when / then
    assertThatThrownBy(() -> writer.create(WidgetItem.SCHEMA, widget, List.of(slug)))
        .isInstanceOf(TransactionConflictException.class);
    assertThat(control.remainingTransactionConflicts(TABLE.name(), keyOf(widget.key())))
        .as("one conflict left: three attempts were made")
        .isEqualTo(1);
    assertThat(store.get(WidgetItem.SCHEMA, widget.key())).isEmpty();
    assertThat(store.uniqueOwner(slug)).isEmpty();
  }

  private static Map<String, String> keyOf(ItemKey key) {
    return Map.of(TopgunTable.PK, key.pk(), TopgunTable.SK, key.sk());
  }
}
