package dev.topgun.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.domain.ExpirySweep;
import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reseller's license running out, through the Lambda handler with a clock the test moves: active,
 * then in grace (licensed writes still work, with a warning), then expired (licensed writes
 * refused, reads and validation's answer still work); the sweep announces grace and expiry once
 * each, in the outbox of the write that records them.
 */
class ExpiryIT {

  @RegisterExtension static final LicensingApi api = new LicensingApi();
  static final User OPERATOR = LicensingApi.OPERATOR;

  private final ExpirySweep sweep = api.context.getBean(ExpirySweep.class);

  @AfterEach
  void backToNow() {
    TestClock.reset();
  }

  /** A reseller whose license (resell_licenses, 7 days' grace) ends in 3 days, and its owner. */
  record Expiring(String orgId, User owner, String licenseId, String key, Instant ends) {

    String carve(String body) {
      Response carved =
          api.call(
              owner,
              "POST",
              "/v1/organizations/" + api.org(orgId, "sub_user", null) + "/licenses",
              body);
      assertThat(carved.status()).as(carved.raw()).isEqualTo(201);
      assertThat(carved.headers()).doesNotContainKey("warning");
      return "/v1/licenses/" + carved.id();
    }
  }

  static Expiring expiring(String name) {
    User owner = User.named(name);
    String reseller = api.org(api.root, "master_branch", owner);
    Instant ends = TestClock.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response license =
        api.issue(
            OPERATOR,
            reseller,
            "{\"licenseType\":\"subscription\",\"tier\":\"professional\","
                + "\"features\":[\"resell_licenses\"],\"limits\":{\"max_servers\":100},"
                + "\"expiresAt\":\""
                + ends
                + "\",\"graceDays\":7}");
    return new Expiring(reseller, owner, license.id(), (String) license.body().get("key"), ends);
  }

  /** A trial carved for a day, 14 days' grace (the default). */
  static String child() {
    return "{\"licenseType\":\"trial\",\"tier\":\"basic\",\"limits\":{\"max_servers\":1},"
        + "\"expiresAt\":\""
        + TestClock.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
        + "\"}";
  }

  /** Runs the sweep twice and answers what it announced about {@code licenseId}, in all. */
  OutboundEvent announcedOnce(String detailType, String licenseId) {
    sweep.run();
    sweep.run();
    List<OutboundEvent> announced = api.published(detailType, licenseId);
    assertThat(announced).as(detailType + " of " + licenseId).hasSize(1);
    return announced.get(0);
  }

  @Test
  void inGrace_licensedWritesWork_withAWarning_andGraceIsAnnouncedOnce() {
    // given
    Expiring reseller = expiring("in-grace");
    String carved = reseller.carve(child());
    sweep.run();
    assertThat(api.published("LicenseGraceStarted", reseller.licenseId())).isEmpty();

    // when: four days on
    TestClock.advance(Duration.ofDays(4));

    // then
    Instant graceEnds = reseller.ends().plus(7, ChronoUnit.DAYS);
    assertThat(api.validate(reseller.key(), null).body())
        .containsEntry("valid", true)
        .containsEntry("graceEndsAt", graceEnds.toString());
    Response warned = api.call(reseller.owner(), "PATCH", carved, "{\"tier\":\"professional\"}");
    assertThat(warned.status()).as(warned.raw()).isEqualTo(200);
    assertThat(warned.headers().get("warning")).startsWith("299 topgun ");
    assertThat(warned.headers().get("topgun-license-grace-ends")).isEqualTo(graceEnds.toString());
    assertThat(
            api.call(reseller.owner(), "GET", "/v1/licenses/" + reseller.licenseId(), null).body())
        .containsEntry("status", "grace");
    assertThat(announcedOnce("LicenseGraceStarted", reseller.licenseId()).detail())
        .contains(reseller.orgId())
        .contains("\"graceEndsAt\":\"" + graceEnds + "\"");
  }

  @Test
  void afterGrace_licensedWritesAre403_readsAndValidationAnswer_andExpiryIsAnnouncedOnce() {
    // given
    Expiring reseller = expiring("lapsed");
    String carved = reseller.carve(child());

    // when: eleven days on, grace is over
    TestClock.advance(Duration.ofDays(11));

    // then
    assertThat(api.validate(reseller.key(), null).body())
        .containsEntry("valid", false)
        .containsEntry("reason", "expired");
    for (Response refused :
        new Response[] {
          api.call(reseller.owner(), "PATCH", carved, "{\"tier\":\"enterprise\"}"),
          api.call(reseller.owner(), "POST", carved + "/suspend", null),
          api.call(
              reseller.owner(),
              "POST",
              "/v1/organizations/" + api.org(reseller.orgId(), "sub_user", null) + "/licenses",
              child())
        }) {
      assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
      assertThat(refused.body()).containsEntry("feature", "resell_licenses");
    }
    assertThat(api.call(reseller.owner(), "GET", carved, null).body())
        .containsEntry("tier", "basic");
    String entitlements = "/v1/organizations/" + reseller.orgId() + "/entitlements";
    assertThat(api.call(reseller.owner(), "GET", entitlements, null).body())
        .containsEntry("status", "expired");
    announcedOnce("LicenseExpired", reseller.licenseId());
    assertThat(api.published("LicenseGraceStarted", reseller.licenseId()))
        .as("found past both ends: only the expiry")
        .isEmpty();
  }

  @Test
  void aRenewal_worksAgain_andIsAnnouncedAgainWhenItRunsOut() {
    // given: announced expired
    Expiring reseller = expiring("renewed");
    TestClock.advance(Duration.ofDays(11));
    announcedOnce("LicenseExpired", reseller.licenseId());

    // when
    Instant renewed = TestClock.now().plus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response renewal =
        api.call(
            OPERATOR,
            "PATCH",
            "/v1/licenses/" + reseller.licenseId(),
            "{\"expiresAt\":\"" + renewed + "\"}");

    // then
    assertThat(renewal.status()).as(renewal.raw()).isEqualTo(200);
    assertThat(api.validate(reseller.key(), null).body()).containsEntry("valid", true);
    TestClock.advance(Duration.ofDays(61));
    sweep.run();
    assertThat(api.published("LicenseGraceStarted", reseller.licenseId())).hasSize(1);
    TestClock.advance(Duration.ofDays(7));
    sweep.run();
    assertThat(api.published("LicenseExpired", reseller.licenseId())).hasSize(2);
  }
}
