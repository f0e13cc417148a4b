package dev.topgun.organizations.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.organizations.events.MemberChangedV1;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of members over the ports in memory ({@link Scenario}). */
class MemberServiceTest {

  private final Scenario world = new Scenario();

  @BeforeEach
  void signedIn() {
    world.tree.profileStore.ensure("new-sub", "new@example.test", true);
    world.tree.seedMember(world.reseller, "owner-sub", Role.OWNER);
  }

  @Test
  void add_aUserWhoSignedIn_withGrantsTheCallerHolds_drawsOneUser() {
    // when
    Member added =
        world.members.add(
            world.as(world.reseller, Role.ADMIN.permissions()),
            "new-sub",
            Role.VIEWER,
            List.of("servers:write"),
            Scenario.AUDIT);

    // then
    assertThat(added.grants()).containsExactly(Permission.SERVERS_WRITE);
    assertThat(added.email()).isEqualTo("new@example.test");
    assertThat(world.pools.used(Limit.MAX_USERS)).isEqualTo(1);
    assertThat(world.tree.events.get(0).data())
        .isEqualTo(
            new MemberChangedV1(
                world.reseller, "new-sub", "viewer", List.of("servers:write"), "actor-sub"));
  }

  @Test
  void add_someoneWhoNeverSignedIn_isUnknown_andAnUngrantablePermissionIsNamedByPosition() {
    // when / then
    assertThatThrownBy(
            () ->
                world.members.add(
                    world.owner(world.reseller).get(), "nobody", Role.MEMBER, null, Scenario.AUDIT))
        .isInstanceOf(UnknownUserException.class);
    assertThatThrownBy(
            () ->
                world.members.add(
                    world.owner(world.reseller).get(),
                    "new-sub",
                    Role.MEMBER,
                    List.of("servers:read", "servers:fly", "owners:write"),
                    Scenario.AUDIT))
        .isInstanceOfSatisfying(
            InvalidGrantsException.class, e -> assertThat(e.positions()).containsExactly(1, 2));
    assertThat(world.pools.used(Limit.MAX_USERS)).isZero();
  }

  @Test
  void anAdmin_mayNotAppointAnOwner_norGrantWhatTheyLack() {
    // when / then
    assertThatThrownBy(
            () ->
                world.members.add(
                    world.admin(world.reseller).get(), "new-sub", Role.OWNER, null, Scenario.AUDIT))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.permission()).isEqualTo(Permission.OWNERS_WRITE));
    assertThatThrownBy(
            () ->
                world.members.add(
                    world.as(world.reseller, Role.VIEWER.permissions()),
                    "new-sub",
                    Role.VIEWER,
                    List.of("servers:write"),
                    Scenario.AUDIT))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void theLastOwner_isNeitherDemotedNorRemoved_butMayStepDownOnceThereIsAnother() {
    // when / then
    assertThatThrownBy(
            () ->
                world.members.change(
                    world.owner(world.reseller), "owner-sub", Role.ADMIN, null, Scenario.AUDIT))
        .isInstanceOfSatisfying(
            TreeRuleException.class,
            e -> assertThat(e.reason()).isEqualTo(TreeRuleException.LAST_OWNER));
    assertThatThrownBy(
            () -> world.members.remove(world.owner(world.reseller), "owner-sub", Scenario.AUDIT))
        .isInstanceOf(TreeRuleException.class);
    world.tree.seedMember(world.reseller, "second-sub", Role.OWNER);
    Member steppedDown =
        world.members.change(
            world.owner(world.reseller), "owner-sub", Role.ADMIN, null, Scenario.AUDIT);
    assertThat(steppedDown.role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void anAdmin_mayNotTouchAnOwner() {
    assertThatThrownBy(
            () -> world.members.remove(world.admin(world.reseller), "owner-sub", Scenario.AUDIT))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void remove_givesTheSlotBack_andAnUnknownOrMalformedUserIsNotFound() {
    // given
    world.members.add(
        world.owner(world.reseller).get(), "new-sub", Role.MEMBER, null, Scenario.AUDIT);

    // when
    Member removed = world.members.remove(world.owner(world.reseller), "new-sub", Scenario.AUDIT);

    // then
    assertThat(removed.userId()).isEqualTo("new-sub");
    assertThat(world.pools.used(Limit.MAX_USERS)).isZero();
    assertThat(world.eventNames()).containsExactly("MemberAdded", "MemberRemoved");
    for (String userId : List.of("new-sub", "a#b", " ", "x".repeat(129))) {
      assertThatThrownBy(
              () -> world.members.remove(world.owner(world.reseller), userId, Scenario.AUDIT))
          .as(userId)
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void givenTheMemberChangedMeanwhile_thenTheChangeIsDecidedAgainOnTheNewRead() {
    // given: another owner is appointed, then the member is touched between read and write
    world.tree.seedMember(world.reseller, "second-sub", Role.OWNER);
    world.tree.beforeNextWrite(() -> world.tree.touchMember(world.reseller, "owner-sub"));

    // when
    Member changed =
        world.members.change(
            world.owner(world.reseller), "owner-sub", Role.MEMBER, null, Scenario.AUDIT);

    // then
    assertThat(changed.role()).isEqualTo(Role.MEMBER);
    assertThat(world.tree.writes).isEqualTo(1);
  }
}
