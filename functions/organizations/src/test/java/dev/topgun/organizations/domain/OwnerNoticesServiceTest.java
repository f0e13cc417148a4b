package dev.topgun.organizations.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.tenancy.Role;
import org.junit.jupiter.api.Test;

/** Who {@link OwnerNotices} mails, and what it tells its caller, over the ports in memory. */
class OwnerNoticesServiceTest {

  private final Scenario world = new Scenario();
  private final LimitThresholdCrossedV1 crossed =
      new LimitThresholdCrossedV1("reseller", "max_users", 100, 10, 10);

  @Test
  void theOwners_andOnlyThem_areMailed() {
    // given
    world.tree.seedMember(world.reseller, "owner-1", Role.OWNER);
    world.tree.seedMember(world.reseller, "owner-2", Role.OWNER);
    world.tree.seedMember(world.reseller, "admin-1", Role.ADMIN);

    // when
    OwnerNotices.Mailing mailing = world.notices.limitThresholdCrossed(crossed);

    // then
    assertThat(mailing).isEqualTo(new OwnerNotices.Mailing(2, 2));
    assertThat(world.mailbox.sent)
        .extracting(RecordingMailbox.Mail::to)
        .containsExactlyInAnyOrder("owner-1@example.test", "owner-2@example.test");
    assertThat(world.mailbox.sent)
        .allSatisfy(
            mail -> {
              assertThat(mail.orgId()).isEqualTo(world.reseller);
              assertThat(mail.template()).isEqualTo(MailTemplate.LIMIT_THRESHOLD);
              assertThat(mail.variables()).containsEntry("organization.name", "Org reseller");
            });
  }

  @Test
  void oneOwnerRefused_stillMailsTheOthers_andIsNoTotalFailure() {
    // given
    world.tree.seedMember(world.reseller, "owner-1", Role.OWNER);
    world.tree.seedMember(world.reseller, "owner-2", Role.OWNER);
    world.mailbox.refusing.add("owner-1@example.test");

    // when
    OwnerNotices.Mailing mailing = world.notices.limitThresholdCrossed(crossed);

    // then
    assertThat(mailing).isEqualTo(new OwnerNotices.Mailing(2, 1));
    assertThat(mailing.failedEntirely()).isFalse();
  }

  @Test
  void noOwnerReachable_isATotalFailure_butNoOwnerAtAllIsNone() {
    // given
    world.tree.seedMember(world.reseller, "owner-1", Role.OWNER);
    world.mailbox.down = true;

    // when / then
    assertThat(world.notices.limitThresholdCrossed(crossed).failedEntirely()).isTrue();
    assertThat(
            world
                .notices
                .limitThresholdCrossed(
                    new LimitThresholdCrossedV1("other", "max_users", 100, 10, 10))
                .failedEntirely())
        .isFalse();
  }
}
