package dev.topgun.shared.entitlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.entitlements.FeatureGate.Access;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureGateTest {

  private static final Instant EXPIRES = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void withoutALicenseUpTheTree_everythingIsAllowed() {
    assertThatCode(
            () ->
                FeatureGate.check(
                    Entitlements.unlimited(), "white_label", Access.WRITE, EXPIRES.plusSeconds(1)))
        .doesNotThrowAnyException();
  }

  @Test
  void aFeatureTheLicenseLacks_isRefusedForReadsAndWrites() {
    Entitlements pool = pool("active", Set.of("api_access"), EXPIRES, 7);

    for (Access access : Access.values()) {
      assertThatThrownBy(
              () -> FeatureGate.check(pool, "white_label", access, EXPIRES.minusSeconds(60)))
          .isInstanceOfSatisfying(
              FeatureNotLicensedException.class,
              e -> assertThat(e.feature()).isEqualTo("white_label"));
    }
  }

  @Test
  void activeThenGraceThenExpired_writesStopOnlyAfterTheGracePeriod() {
    Entitlements pool = pool("active", Set.of("white_label"), EXPIRES, 7);

    assertThat(pool.state(EXPIRES.minusSeconds(1))).isEqualTo(LicenseState.ACTIVE);
    assertThat(pool.state(EXPIRES)).isEqualTo(LicenseState.GRACE);
    assertThat(pool.state(EXPIRES.plus(Duration.ofDays(7)).minusSeconds(1)))
        .isEqualTo(LicenseState.GRACE);
    assertThat(pool.state(EXPIRES.plus(Duration.ofDays(7)))).isEqualTo(LicenseState.EXPIRED);
    assertThatCode(
            () -> FeatureGate.check(pool, "white_label", Access.WRITE, EXPIRES.plusSeconds(5)))
        .doesNotThrowAnyException();
    Instant afterGrace = EXPIRES.plus(Duration.ofDays(8));
    assertThatCode(() -> FeatureGate.check(pool, "white_label", Access.READ, afterGrace))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> FeatureGate.check(pool, "white_label", Access.WRITE, afterGrace))
        .isInstanceOfSatisfying(
            LicenseReadOnlyException.class,
            e -> assertThat(e.state()).isEqualTo(LicenseState.EXPIRED));
  }

  @Test
  void suspendedAndRevoked_areReadOnlyAtOnce_andAPerpetualLicenseNeverExpires() {
    Instant before = EXPIRES.minus(Duration.ofDays(30));
    for (String status : new String[] {"suspended", "revoked"}) {
      Entitlements pool = pool(status, Set.of("white_label"), EXPIRES, 7);
      assertThatCode(() -> FeatureGate.check(pool, "white_label", Access.READ, before))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> FeatureGate.check(pool, "white_label", Access.WRITE, before))
          .isInstanceOf(LicenseReadOnlyException.class)
          .hasMessageContaining(status);
    }
    Entitlements perpetual = pool("active", Set.of("white_label"), null, 0);
    assertThat(perpetual.state(Instant.parse("2100-01-01T00:00:00Z")))
        .isEqualTo(LicenseState.ACTIVE);
  }

  private static Entitlements pool(
      String status, Set<String> features, Instant expires, int grace) {
    return new Entitlements("pool", "lic", status, features, Map.of(), expires, grace);
  }
}
