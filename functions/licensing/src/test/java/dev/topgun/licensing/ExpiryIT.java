package dev.topgun.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.api.LicenseSweep;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import dev.topgun.shared.testing.RecordingEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reseller's license running out: active, then in grace (licensed writes still work, with a
 * warning), then expired (licensed writes refused, reads and validation's answer still work); the
 * sweep announces grace and expiry once each.
 */
class ExpiryIT {

  @RegisterExtension static final LicensingApi api = new LicensingApi();
  static final User OPERATOR = LicensingApi.OPERATOR;

  @AfterEach
  void backToNow() {
    TestClock.CLOCK.reset();
  }

  static String child(int servers) {
    return "{\"licenseType\":\"trial\",\"tier\":\"basic\",\"limits\":{\"max_servers\":"
        + servers
        + "},\"expiresAt\":\""
        + Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
        + "\"}";
  }

  @Test
  void activeThenGraceWithAWarningThenExpiredReadOnly() {
    User owner = User.named("expiring");
    String reseller = api.org(api.root, "master_branch", owner);
    Instant ends = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response license =
        api.issue(
            OPERATOR,
            reseller,
            "{\"licenseType\":\"subscription\",\"tier\":\"professional\","
                + "\"features\":[\"resell_licenses\"],\"limits\":{\"max_servers\":100},"
                + "\"expiresAt\":\""
                + ends
                + "\",\"graceDays\":7}");
    String key = (String) license.body().get("key");
    LicenseSweep sweep = api.context.getBean(LicenseSweep.class);
    int before = RecordingEvents.SENT.size();
    assertThat(sweep.run()).isZero();

    // Active: a licensed write (issuing out of the pool) works without a warning.
    Response active =
        api.call(
            owner,
            "POST",
            "/v1/organizations/" + api.org(reseller, "sub_user", null) + "/licenses",
            child(1));
    assertThat(active.status()).as(active.raw()).isEqualTo(201);
    assertThat(active.headers()).doesNotContainKey("warning");
    String carved = "/v1/licenses/" + active.id();

    // Four days on: in grace.
    TestClock.CLOCK.advance(Duration.ofDays(4));
    Response grace = api.validate(key, null);
    assertThat(grace.body())
        .containsEntry("valid", true)
        .containsEntry("graceEndsAt", ends.plus(7, ChronoUnit.DAYS).toString());
    Response warned = api.call(owner, "PATCH", carved, "{\"tier\":\"professional\"}");
    assertThat(warned.status()).as(warned.raw()).isEqualTo(200);
    assertThat(warned.headers().get("warning")).startsWith("299 topgun ");
    assertThat(warned.headers().get("topgun-license-grace-ends"))
        .isEqualTo(ends.plus(7, ChronoUnit.DAYS).toString());
    assertThat(api.call(owner, "GET", "/v1/licenses/" + license.id(), null).body())
        .containsEntry("status", "grace");
    // The reseller's license and the one carved from it (a day's term, 14 days' grace) both.
    assertThat(sweep.run()).isEqualTo(2);
    assertThat(sweep.run()).isZero();
    assertThat(RecordingEvents.SENT.subList(before, RecordingEvents.SENT.size()))
        .filteredOn(e -> e.detailType().equals("LicenseGraceStarted"))
        .filteredOn(e -> e.detail().contains(license.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains(license.id()).contains(reseller));

    // Eleven days on: grace is over.
    TestClock.CLOCK.advance(Duration.ofDays(7));
    assertThat(api.validate(key, null).body())
        .containsEntry("valid", false)
        .containsEntry("reason", "expired");
    for (Response refused :
        new Response[] {
          api.call(owner, "PATCH", carved, "{\"tier\":\"enterprise\"}"),
          api.call(owner, "POST", carved + "/suspend", null),
          api.call(
              owner,
              "POST",
              "/v1/organizations/" + api.org(reseller, "sub_user", null) + "/licenses",
              child(1))
        }) {
      assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
      assertThat(refused.body()).containsEntry("feature", "resell_licenses");
    }
    assertThat(api.call(owner, "GET", carved, null).body()).containsEntry("tier", "professional");
    assertThat(api.call(owner, "GET", "/v1/organizations/" + reseller + "/licenses", null).status())
        .isEqualTo(200);
    assertThat(
            api.call(owner, "GET", "/v1/organizations/" + reseller + "/entitlements", null).body())
        .containsEntry("status", "expired");
    assertThat(sweep.run()).isEqualTo(1);
    assertThat(sweep.run()).isZero();
    assertThat(RecordingEvents.SENT.subList(before, RecordingEvents.SENT.size()))
        .filteredOn(e -> e.detailType().equals("LicenseExpired"))
        .filteredOn(e -> e.detail().contains(license.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains(license.id()));

    // Renewed: works again, and will be announced again when it next runs out.
    Instant renewed = Instant.now().plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response renewal =
        api.call(
            OPERATOR,
            "PATCH",
            "/v1/licenses/" + license.id(),
            "{\"expiresAt\":\"" + renewed + "\"}");
    assertThat(renewal.status()).as(renewal.raw()).isEqualTo(200);
    assertThat(api.validate(key, null).body()).containsEntry("valid", true);
    TestClock.CLOCK.advance(Duration.ofDays(60));
    // Both past their grace now: the renewed license, and the carved one (its expiry this time).
    assertThat(sweep.run()).isEqualTo(2);
  }
}
