package dev.topgun.shared.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.Counters;
import dev.topgun.shared.store.CursorCodec;
import dev.topgun.shared.store.LimitExceededException;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.testing.LocalTable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Usage#reserving}: the one helper through which a domain creates a limited resource. */
class UsageIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private Usage usage;
  private String poolOrg;
  private Entitlements pool;

  @BeforeEach
  void setUp() {
    Clock clock = Clock.systemUTC();
    usage =
        new Usage(
            new Counters(TABLE.client(), TABLE.table(), clock),
            new SingleTableStore(TABLE.client(), TABLE.table(), clock, new CursorCodec("it")));
    poolOrg = Ids.newId();
    pool =
        new Entitlements(
            poolOrg, "lic", "active", Set.of(), Map.of(Limit.MAX_SERVERS, 5L), null, 0);
  }

  @Test
  void theWriteGetsTheCrossingItsReservationMade_exactlyOnce() {
    // given
    List<Optional<ThresholdCrossed>> seen = new ArrayList<>();

    // when: five servers, one at a time
    for (int i = 0; i < 5; i++) {
      usage.reserving(pool, Limit.MAX_SERVERS, 1, crossed -> seen.add(crossed));
    }

    // then: the 4th crossed 80 %, the 5th 100 %
    assertThat(seen)
        .containsExactly(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new ThresholdCrossed(poolOrg, Limit.MAX_SERVERS, 80, 4, 5)),
            Optional.of(new ThresholdCrossed(poolOrg, Limit.MAX_SERVERS, 100, 5, 5)));
    assertThat(usage.current(poolOrg, Limit.MAX_SERVERS)).isEqualTo(5);
  }

  @Test
  void aWriteThatFails_givesItsSlotBack_andTheFailureGoesOn() {
    // given
    IllegalStateException refused = new IllegalStateException("the store refused");

    // when
    assertThatThrownBy(
            () ->
                usage.reserving(
                    pool,
                    Limit.MAX_SERVERS,
                    2,
                    crossed -> {
                      throw refused;
                    }))
        .isSameAs(refused);

    // then
    assertThat(usage.current(poolOrg, Limit.MAX_SERVERS)).isZero();
  }

  @Test
  void aFullPool_refusesBeforeTheWriteRuns() {
    // given
    usage.reserving(pool, Limit.MAX_SERVERS, 5, crossed -> "five");
    List<String> written = new ArrayList<>();

    // when / then
    assertThatThrownBy(
            () -> usage.reserving(pool, Limit.MAX_SERVERS, 1, crossed -> written.add("sixth")))
        .isInstanceOf(LimitExceededException.class);
    assertThat(written).isEmpty();
    assertThat(usage.current(poolOrg, Limit.MAX_SERVERS)).isEqualTo(5);
  }

  @Test
  void anUnlimitedPool_countsNothing_andStillWrites() {
    // when
    String result =
        usage.reserving(
            Entitlements.unlimited(),
            Limit.MAX_SERVERS,
            1,
            crossed -> crossed.isPresent() ? "crossed" : "written");

    // then
    assertThat(result).isEqualTo("written");
  }
}
