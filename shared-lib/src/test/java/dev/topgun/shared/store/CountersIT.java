package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.testing.LocalTable;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class CountersIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private Counters counters;
  private ItemKey usage;

  @BeforeEach
  void setUp() {
    counters = new Counters(TABLE.client(), TABLE.table(), Clock.systemUTC());
    usage = new ItemKey(Keys.org(Ids.newId()), Keys.counter("licensing"));
  }

  @Test
  void givenFiftyParallelReservations_underALimitOfTen_exactlyTenSucceed() throws Exception {
    // when
    List<Concurrently.Outcome<Long>> outcomes =
        Concurrently.run(50, i -> () -> counters.reserve(usage, "servers", 1, 10));

    // then
    assertThat(outcomes)
        .filteredOn(Concurrently.Outcome::succeeded)
        .extracting(Concurrently.Outcome::result)
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(outcomes)
        .filteredOn(o -> !o.succeeded())
        .hasSize(40)
        .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(LimitExceededException.class));
    assertThat(counters.current(usage, "servers")).isEqualTo(10);
  }

  @Test
  void givenLimitReached_thenReservationFails_namingLimitAndUsage() {
    // given
    counters.reserve(usage, "servers", 3, 4);

    // when / then
    assertThatThrownBy(() -> counters.reserve(usage, "servers", 2, 4))
        .isInstanceOfSatisfying(
            LimitExceededException.class,
            e -> {
              assertThat(e.counter()).isEqualTo("servers");
              assertThat(e.limit()).isEqualTo(4);
              assertThat(e.usage()).isEqualTo(3);
              assertThat(e.requested()).isEqualTo(2);
            });
    assertThat(counters.reserve(usage, "servers", 1, 4)).isEqualTo(4);
  }

  @Test
  void aReservationLargerThanTheLimit_failsEvenOnAFreshCounter() {
    assertThatThrownBy(() -> counters.reserve(usage, "servers", 5, 4))
        .isInstanceOf(LimitExceededException.class);
    assertThat(counters.current(usage, "servers")).isZero();
  }

  @Test
  void countersOfOneItem_countApart() {
    // when
    counters.reserve(usage, "servers", 2, 10);
    counters.reserve(usage, "domains", 1, 10);

    // then
    assertThat(counters.current(usage, "servers")).isEqualTo(2);
    assertThat(counters.current(usage, "domains")).isEqualTo(1);
  }

  @Test
  void release_givesBackCapacity() {
    // given
    counters.reserve(usage, "servers", 2, 2);

    // when
    long after = counters.release(usage, "servers", 1);

    // then
    assertThat(after).isEqualTo(1);
    assertThat(counters.reserve(usage, "servers", 1, 2)).isEqualTo(2);
  }

  @Test
  void release_neverGoesBelowZero() {
    // given
    counters.reserve(usage, "servers", 1, 5);

    // when
    long after = counters.release(usage, "servers", 3);

    // then
    assertThat(after).isZero();
    assertThat(counters.current(usage, "servers")).isZero();
    assertThat(counters.release(usage, "servers", 1)).isZero();
  }

  @Test
  void releaseOfANeverReservedCounter_writesNothing() {
    // when
    long after = counters.release(usage, "servers", 1);

    // then
    assertThat(after).isZero();
    assertThat(
            TABLE
                .client()
                .getItem(r -> r.tableName(TABLE.name()).key(usage.toAttributeMap()))
                .hasItem())
        .isFalse();
  }

  @Test
  void theCounterItem_carriesTypeAndTimestamps() {
    // when
    counters.reserve(usage, "servers", 1, 5);

    // then
    var item =
        TABLE.client().getItem(r -> r.tableName(TABLE.name()).key(usage.toAttributeMap())).item();
    assertThat(item.get("type")).isEqualTo(AttributeValue.fromS("COUNTER"));
    assertThat(item).containsKeys("createdAt", "updatedAt", "version");
  }

  @Test
  void theCommonAttributes_cannotBeUsedAsCounters() {
    assertThatThrownBy(() -> counters.reserve(usage, "version", 1, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
