package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.testing.LocalTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SingleTableStoreIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private SingleTableStore store;
  private String orgId;

  @BeforeEach
  void setUp() {
    store = storeAt(NOW);
    orgId = Ids.newId();
  }

  @Test
  void create_storesVersionOneAndTimestamps_andGetReadsItBack() {
    // given
    WidgetItem widget = WidgetItem.of(orgId, Ids.newId(), "Blue", "blue");

    // when
    WidgetItem stored = store.create(WidgetItem.SCHEMA, widget);

    // then
    assertThat(stored.getVersion()).isEqualTo(1L);
    assertThat(stored.getCreatedAt()).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(stored.getUpdatedAt()).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(widget.getVersion()).as("the caller's object is left alone").isNull();
    WidgetItem read = store.get(WidgetItem.SCHEMA, widget.key()).orElseThrow();
    assertThat(read.getName()).isEqualTo("Blue");
    assertThat(read.getType()).isEqualTo("WIDGET");
    assertThat(read.getVersion()).isEqualTo(1L);
  }

  @Test
  void createOnAnExistingKey_failsWithItemAlreadyExists_andKeepsTheFirst() {
    // given
    String id = Ids.newId();
    store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, id, "First", "first"));

    // when / then
    assertThatThrownBy(
            () -> store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, id, "Second", "second")))
        .isInstanceOf(ItemAlreadyExistsException.class);
    assertThat(store.get(WidgetItem.SCHEMA, Keys.org(orgId), "WIDGET#" + id))
        .get()
        .extracting(WidgetItem::getName)
        .isEqualTo("First");
  }

  @Test
  void update_atTheVersionRead_writesTheNextVersion_andKeepsCreatedAt() {
    // given
    WidgetItem created =
        store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Blue", "blue"));
    created.setName("Navy");

    // when
    WidgetItem updated = storeAt(NOW.plusSeconds(60)).update(WidgetItem.SCHEMA, created);

    // then
    assertThat(updated.getVersion()).isEqualTo(2L);
    assertThat(updated.getCreatedAt()).isEqualTo("2025-03-01T10:00:00.000Z");
    assertThat(updated.getUpdatedAt()).isEqualTo("2025-03-01T10:01:00.000Z");
    assertThat(store.get(WidgetItem.SCHEMA, created.key()).orElseThrow().getName())
        .isEqualTo("Navy");
  }

  @Test
  void update_fromAStaleRead_failsWithVersionConflict_naming_theCurrentVersion() {
    // given: two readers of version 1; the first writes version 2
    WidgetItem created =
        store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Blue", "blue"));
    WidgetItem first = store.get(WidgetItem.SCHEMA, created.key()).orElseThrow();
    WidgetItem second = store.get(WidgetItem.SCHEMA, created.key()).orElseThrow();
    first.setName("Navy");
    store.update(WidgetItem.SCHEMA, first);
    second.setName("Teal");

    // when / then
    assertThatThrownBy(() -> store.update(WidgetItem.SCHEMA, second))
        .isInstanceOfSatisfying(
            VersionConflictException.class,
            e -> {
              assertThat(e.expectedVersion()).isEqualTo(1L);
              assertThat(e.actualVersion()).isEqualTo(2L);
            });
    assertThat(store.get(WidgetItem.SCHEMA, created.key()).orElseThrow().getName())
        .isEqualTo("Navy");
  }

  @Test
  void concurrentUpdates_fromTheSameRead_letExactlyOneWin() throws Exception {
    // given
    WidgetItem created =
        store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Blue", "blue"));

    // when: 10 writers all start from version 1
    List<Concurrently.Outcome<WidgetItem>> outcomes =
        Concurrently.run(
            10,
            i ->
                () -> {
                  WidgetItem copy =
                      WidgetItem.SCHEMA.mapToItem(WidgetItem.SCHEMA.itemToMap(created, true));
                  copy.setName("Writer " + i);
                  return store.update(WidgetItem.SCHEMA, copy);
                });

    // then
    assertThat(outcomes).filteredOn(Concurrently.Outcome::succeeded).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.succeeded())
        .hasSize(9)
        .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(VersionConflictException.class));
    WidgetItem winner =
        outcomes.stream()
            .filter(Concurrently.Outcome::succeeded)
            .findFirst()
            .orElseThrow()
            .result();
    WidgetItem stored = store.get(WidgetItem.SCHEMA, created.key()).orElseThrow();
    assertThat(stored.getVersion()).isEqualTo(2L);
    assertThat(stored.getName()).isEqualTo(winner.getName());
  }

  @Test
  void update_ofADeletedItem_failsWithVersionConflict_thatSaysItIsMissing() {
    // given
    WidgetItem created =
        store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Blue", "blue"));
    store.delete(created);

    // when / then
    assertThatThrownBy(() -> store.update(WidgetItem.SCHEMA, created))
        .isInstanceOfSatisfying(
            VersionConflictException.class, e -> assertThat(e.itemMissing()).isTrue());
    assertThat(store.get(WidgetItem.SCHEMA, created.key())).isEmpty();
  }

  @Test
  void delete_fromAStaleRead_failsAndKeepsTheItem() {
    // given
    WidgetItem created =
        store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Blue", "blue"));
    store.update(WidgetItem.SCHEMA, created);

    // when / then
    assertThatThrownBy(() -> store.delete(created)).isInstanceOf(VersionConflictException.class);
    assertThat(store.get(WidgetItem.SCHEMA, created.key())).isPresent();
  }

  @Test
  void deleteByKey_reportsWhetherThereWasAnItem() {
    // given
    WidgetItem created =
        store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), "Blue", "blue"));

    // when / then
    assertThat(store.delete(created.key())).isTrue();
    assertThat(store.delete(created.key())).isFalse();
    assertThat(store.get(WidgetItem.SCHEMA, created.key())).isEmpty();
  }

  @Test
  void put_writesWhateverIsStored_andKeepsTheTtl() {
    // given
    WidgetItem sample = WidgetItem.of(orgId, Ids.newId(), "Sample", "sample");
    sample.setTtl(NOW.plusSeconds(3600).getEpochSecond());
    store.put(WidgetItem.SCHEMA, sample);
    sample.setName("Sample again");

    // when
    store.put(WidgetItem.SCHEMA, sample);

    // then
    Map<String, AttributeValue> raw =
        TABLE
            .client()
            .getItem(r -> r.tableName(TABLE.name()).key(sample.key().toAttributeMap()))
            .item();
    assertThat(raw.get("ttl").n()).isEqualTo(Long.toString(NOW.getEpochSecond() + 3600));
    assertThat(raw.get("name").s()).isEqualTo("Sample again");
  }

  @Test
  void aQuery_pagesThroughAPartition_inSortKeyOrder_withoutGapsOrRepeats() {
    // given: 25 widgets in the org, and items of other kinds and other orgs around them
    List<String> ids = createWidgets(orgId, 25);
    store.create(WidgetItem.SCHEMA, otherKind(orgId));
    createWidgets(Ids.newId(), 3);

    // when
    List<List<String>> pages = new ArrayList<>();
    Query query = Query.partition(Keys.org(orgId)).skBeginsWith(Keys.prefix("WIDGET")).limit(10);
    String cursor = null;
    do {
      Page<WidgetItem> page = store.query(WidgetItem.SCHEMA, query.after(cursor));
      pages.add(page.items().stream().map(w -> w.getSk().substring("WIDGET#".length())).toList());
      cursor = page.nextCursor();
    } while (cursor != null);

    // then
    assertThat(pages.get(0)).hasSize(10);
    assertThat(pages.get(1)).hasSize(10);
    assertThat(pages.get(2)).hasSize(5);
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(ids);
  }

  @Test
  void aBackwardQuery_listsNewestFirst() {
    // given
    List<String> ids = createWidgets(orgId, 5);

    // when
    Page<WidgetItem> page =
        store.query(
            WidgetItem.SCHEMA,
            Query.partition(Keys.org(orgId)).skBeginsWith("WIDGET#").backward().limit(3));

    // then
    assertThat(page.items())
        .extracting(WidgetItem::getSk)
        .containsExactly("WIDGET#" + ids.get(4), "WIDGET#" + ids.get(3), "WIDGET#" + ids.get(2));
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void aBetweenQuery_returnsTheRange_includingItsEnds() {
    // given
    List<String> ids = createWidgets(orgId, 6);

    // when
    Page<WidgetItem> page =
        store.query(
            WidgetItem.SCHEMA,
            Query.partition(Keys.org(orgId))
                .skBetween("WIDGET#" + ids.get(1), "WIDGET#" + ids.get(3)));

    // then
    assertThat(page.items())
        .extracting(WidgetItem::getSk)
        .containsExactly("WIDGET#" + ids.get(1), "WIDGET#" + ids.get(2), "WIDGET#" + ids.get(3));
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void gsi1_listsAnOrgsWidgetsBySlug_acrossPages() {
    // given
    for (String slug : List.of("delta", "alpha", "charlie", "bravo", "echo")) {
      store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), slug.toUpperCase(), slug));
    }
    Query bySlug = Query.on(Index.GSI1, Keys.org(orgId, "WIDGETS-BY-SLUG")).limit(2);

    // when
    Page<WidgetItem> first = store.query(WidgetItem.SCHEMA, bySlug);
    Page<WidgetItem> second = store.query(WidgetItem.SCHEMA, bySlug.after(first.nextCursor()));
    Page<WidgetItem> third = store.query(WidgetItem.SCHEMA, bySlug.after(second.nextCursor()));

    // then
    assertThat(first.items()).extracting(WidgetItem::getSlug).containsExactly("alpha", "bravo");
    assertThat(second.items()).extracting(WidgetItem::getSlug).containsExactly("charlie", "delta");
    assertThat(third.items()).extracting(WidgetItem::getSlug).containsExactly("echo");
  }

  @Test
  void gsi2_findsWidgetsByNameAcrossOrgs() {
    // given
    String otherOrg = Ids.newId();
    String name = "Shared-" + Ids.newId();
    store.create(WidgetItem.SCHEMA, WidgetItem.of(orgId, Ids.newId(), name, "one"));
    store.create(WidgetItem.SCHEMA, WidgetItem.of(otherOrg, Ids.newId(), name, "two"));

    // when
    Page<WidgetItem> page =
        store.query(WidgetItem.SCHEMA, Query.on(Index.GSI2, Keys.of("WIDGET-NAME", name)));

    // then
    assertThat(page.items())
        .extracting(WidgetItem::getPk)
        .containsExactlyInAnyOrder(Keys.org(orgId), Keys.org(otherOrg));
  }

  @Test
  void aCursorFromOneTenant_cannotPageIntoAnother() {
    // given: tenant A pages its widgets
    createWidgets(orgId, 3);
    String otherOrg = Ids.newId();
    createWidgets(otherOrg, 3);
    Page<WidgetItem> first =
        store.query(WidgetItem.SCHEMA, Query.partition(Keys.org(orgId)).limit(1));

    // when / then: tenant B's query with A's cursor
    assertThatThrownBy(
            () ->
                store.query(
                    WidgetItem.SCHEMA,
                    Query.partition(Keys.org(otherOrg)).limit(1).after(first.nextCursor())))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void aGarbledCursor_failsWithInvalidCursor_beforeReachingDynamoDb() {
    assertThatThrownBy(
            () -> store.query(WidgetItem.SCHEMA, Query.partition(Keys.org(orgId)).after("x.y")))
        .isInstanceOf(InvalidCursorException.class);
  }

  private List<String> createWidgets(String org, int count) {
    List<String> ids = IntStream.range(0, count).mapToObj(i -> Ids.newId()).toList();
    for (String id : ids) {
      store.create(WidgetItem.SCHEMA, WidgetItem.of(org, id, "W" + id, "w-" + id.toLowerCase()));
    }
    return ids;
  }

  private static WidgetItem otherKind(String org) {
    WidgetItem settings = WidgetItem.of(org, "x", "Settings", "settings");
    settings.setSk("SETTINGS");
    return settings;
  }

  private static SingleTableStore storeAt(Instant now) {
    return new SingleTableStore(
        TABLE.client(), TABLE.table(), Clock.fixed(now, ZoneOffset.UTC), new CursorCodec("it"));
  }
}
