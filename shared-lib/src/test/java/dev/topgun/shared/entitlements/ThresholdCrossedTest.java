package dev.topgun.shared.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThresholdCrossedTest {

  @Test
  void eightyAndHundredPercent_areEachReportedByTheReservationThatCrossesThem() {
    // limit 10: 80 % is the 8th slot, 100 % the 10th
    assertThat(ThresholdCrossed.between("p", Limit.MAX_SERVERS, 6, 7, 10)).isEmpty();
    assertThat(ThresholdCrossed.between("p", Limit.MAX_SERVERS, 7, 8, 10))
        .hasValueSatisfying(t -> assertThat(t.percent()).isEqualTo(80));
    assertThat(ThresholdCrossed.between("p", Limit.MAX_SERVERS, 8, 9, 10)).isEmpty();
    assertThat(ThresholdCrossed.between("p", Limit.MAX_SERVERS, 9, 10, 10))
        .hasValueSatisfying(
            t -> {
              assertThat(t.percent()).isEqualTo(100);
              assertThat(t.usage()).isEqualTo(10);
              assertThat(t.max()).isEqualTo(10);
            });
  }

  @Test
  void oneReservationCrossingBoth_reportsOneHundred_andSmallLimitsRoundUp() {
    assertThat(ThresholdCrossed.between("p", Limit.MAX_USERS, 0, 10, 10))
        .hasValueSatisfying(t -> assertThat(t.percent()).isEqualTo(100));
    // limit 3: 80 % is 2.4, so the 3rd slot crosses both; limit 2: 1.6 → the 2nd slot
    assertThat(ThresholdCrossed.between("p", Limit.MAX_USERS, 1, 2, 3)).isEmpty();
    assertThat(ThresholdCrossed.between("p", Limit.MAX_USERS, 1, 2, 2))
        .hasValueSatisfying(t -> assertThat(t.percent()).isEqualTo(100));
    assertThat(ThresholdCrossed.between("p", Limit.MAX_USERS, 0, 1, 0)).isEmpty();
  }
}
