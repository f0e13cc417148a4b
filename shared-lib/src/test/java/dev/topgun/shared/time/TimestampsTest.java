package dev.topgun.shared.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void timestamps_haveFixedWidth_soTheySortAsStrings() {
    // given
    Instant whole = Instant.parse("2025-01-31T12:00:00Z");
    Instant half = Instant.parse("2025-01-31T12:00:00.500Z");

    // when
    String first = Timestamps.format(whole);
    String second = Timestamps.format(half);

    // then
    assertThat(first).isEqualTo("2025-01-31T12:00:00.000Z");
    assertThat(second).isEqualTo("2025-01-31T12:00:00.500Z");
    assertThat(first).isLessThan(second);
  }

  @Test
  void now_readsTheGivenClock_inUtc_toTheMillisecond() {
    // given
    Clock clock = Clock.fixed(Instant.parse("2025-06-01T08:30:15.123456Z"), ZoneOffset.ofHours(2));

    // when / then
    assertThat(Timestamps.now(clock)).isEqualTo("2025-06-01T08:30:15.123Z");
  }

  @Test
  void parse_roundTripsAndRejectsNonsense() {
    assertThat(Timestamps.parse("2025-06-01T08:30:15.123Z"))
        .isEqualTo(Instant.parse("2025-06-01T08:30:15.123Z"));
    assertThatThrownBy(() -> Timestamps.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
