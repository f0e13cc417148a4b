package dev.topgun.organizations.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.mail.MailTemplate;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Role;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Invitations over the ports in memory ({@link Scenario}): mail first, store after, accept once.
 */
class InvitationServiceTest {

  private static final Pattern LINK = Pattern.compile("https://app\\.test/invitations/(\\S+)");

  private final Scenario world = new Scenario();

  @Test
  void invite_mailsTheLink_thenStoresOnlyTheTokensHash() {
    // when
    Invitation invitation = invite("Guest@Example.TEST", Role.ADMIN);

    // then
    String token = mailedToken();
    assertThat(invitation.email()).isEqualTo("guest@example.test");
    assertThat(invitation.tokenHash()).isEqualTo(InvitationToken.hash(token)).isNotEqualTo(token);
    assertThat(invitation.expiresAt()).isEqualTo(Scenario.NOW.plus(Duration.ofDays(7)));
    RecordingMailbox.Mail mail = world.mailbox.sent.get(0);
    assertThat(mail.orgId()).isEqualTo(world.reseller);
    assertThat(mail.template()).isEqualTo(MailTemplate.INVITATION);
    assertThat(mail.variables())
        .containsEntry("organization.name", "Org reseller")
        .containsEntry("invitation.role", "admin")
        .containsEntry("invitation.acceptUrl", "/invitations/" + token);
    assertThat(mail.subject()).isEqualTo("You are invited to Org reseller");
    assertThat(mail.text())
        .startsWith("You are invited to join Org reseller on Topgun as admin.")
        .contains("(valid for 7 days, once)");
    assertThat(world.eventNames()).containsExactly("InvitationCreated");
    assertThat(world.tree.events.get(0).data().toString()).doesNotContain(token);
  }

  @Test
  void whenTheMailServerRefuses_nothingIsStored() {
    // given
    world.mailbox.down = true;

    // when / then
    assertThatThrownBy(() -> invite("lost@example.test", Role.MEMBER))
        .isInstanceOf(MailNotSentException.class);
    assertThat(world.tree.invitations).isEmpty();
    assertThat(world.tree.writes).isZero();
  }

  @Test
  void theInvitedVerifiedAddress_acceptsOnce_andBecomesAMember() {
    // given
    invite("guest@example.test", Role.ADMIN);
    String token = mailedToken();

    // when
    InvitationService.Joined joined = accept(token, "Guest@example.test", true);

    // then
    assertThat(joined.organization().id()).isEqualTo(world.reseller);
    assertThat(joined.member().role()).isEqualTo(Role.ADMIN);
    assertThat(world.tree.find(world.reseller, "guest-sub")).isPresent();
    assertThat(world.pools.used(Limit.MAX_USERS)).isEqualTo(1);
    assertThat(world.eventNames()).containsExactly("InvitationCreated", "MemberAdded");
    assertRefused(
        () -> accept(token, "guest@example.test", true), TreeRuleException.INVITATION_USED);
    assertThat(world.pools.used(Limit.MAX_USERS)).isEqualTo(1);
  }

  @Test
  void anotherOrAnUnverifiedAddress_isNotTheInvitee() {
    // given
    invite("guest@example.test", Role.MEMBER);
    String token = mailedToken();

    // when / then
    assertRefused(
        () -> accept(token, "other@example.test", true), TreeRuleException.EMAIL_MISMATCH);
    assertRefused(
        () -> accept(token, "guest@example.test", false), TreeRuleException.EMAIL_MISMATCH);
    assertThat(world.tree.members).isEmpty();
  }

  @Test
  void anUnknownToken_orOneOfADeletedOrganization_isNotFound() {
    // given
    invite("guest@example.test", Role.MEMBER);
    String token = mailedToken();
    world.tree.organizations.put(
        world.reseller, world.tree.find(world.reseller).orElseThrow().deleted(Scenario.NOW));

    // when / then
    for (String wrong : List.of(token, token + "x", "", "y".repeat(129))) {
      assertThatThrownBy(() -> accept(wrong, "guest@example.test", true))
          .as(wrong)
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void anExpiredInvitation_isGone() {
    // given: invited 7 days ago, to the second
    InvitationService earlier =
        new InvitationService(
            world.tree.invitationStore,
            world.tree,
            world.tree.profileStore,
            world.pools,
            world.mailbox,
            java.time.Clock.fixed(
                Scenario.NOW.minus(Duration.ofDays(7)), java.time.ZoneOffset.UTC));
    earlier.invite(
        world.owner(world.reseller).get(), "late@example.test", Role.MEMBER, null, Scenario.AUDIT);

    // when / then
    assertRefused(
        () -> accept(mailedToken(), "late@example.test", true),
        TreeRuleException.INVITATION_EXPIRED);
  }

  private Invitation invite(String email, Role role) {
    return world.invitations.invite(
        world.owner(world.reseller).get(), email, role, null, Scenario.AUDIT);
  }

  private InvitationService.Joined accept(String token, String email, boolean verified) {
    return world.invitations.accept(
        token, new InvitationService.Invitee("guest-sub", email, verified), Scenario.AUDIT);
  }

  private String mailedToken() {
    Matcher link = LINK.matcher(world.mailbox.sent.get(world.mailbox.sent.size() - 1).text());
    assertThat(link.find()).isTrue();
    return link.group(1);
  }

  private static void assertRefused(Runnable call, String reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            TreeRuleException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
