package dev.topgun.organizations.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.organizations.events.OrganizationChangedV1;
import dev.topgun.organizations.events.OrganizationMovedV1;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.store.LimitExceededException;
import dev.topgun.shared.store.VersionConflictException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tree's rules over the ports in memory ({@link Scenario}); the wire is the ITs'. */
class OrganizationServiceTest {

  private final Scenario world = new Scenario();

  @Test
  void createChild_storesItUnderTheParent_withItsEventInTheSameWrite() {
    // when
    Organization created =
        world.organizations.createChild(
            world.owner(world.reseller),
            new NewOrganization("Shop", "shop", HierarchyType.END_USER),
            Scenario.AUDIT);

    // then
    assertThat(world.tree.branchOf(created.id()).ancestorIds())
        .containsExactly(world.reseller, world.root);
    assertThat(world.tree.events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.name()).isEqualTo("OrganizationCreated");
              assertThat(e.organizationId()).isEqualTo(created.id());
              assertThat(e.data())
                  .isEqualTo(
                      new OrganizationChangedV1(
                          created.id(),
                          "Shop",
                          "shop",
                          "end_user",
                          world.reseller,
                          "active",
                          "actor-sub"));
            });
    assertThat(world.pools.used(Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(1);
  }

  @Test
  void createChild_ofATypeNotBelowTheParent_isRefusedBeforeAnythingIsCounted() {
    // when / then
    assertThatThrownBy(
            () ->
                world.organizations.createChild(
                    world.owner(world.reseller),
                    new NewOrganization("Peer", "peer", HierarchyType.MASTER_BRANCH),
                    Scenario.AUDIT))
        .isInstanceOf(HierarchyViolationException.class);
    assertThat(world.pools.used(Limit.MAX_CHILD_ORGANIZATIONS)).isZero();
    assertThat(world.tree.writes).isZero();
  }

  @Test
  void
      givenACreationThatCrossesAThreshold_thenTheCrossingIsReportedWithIt_andATakenSlugUndoesBoth() {
    // given: 3 of 5 used
    world.pools.max.put(Limit.MAX_CHILD_ORGANIZATIONS, 5L);
    world.pools.used.put(Limit.MAX_CHILD_ORGANIZATIONS, 3L);

    // when: the 4th (80 %) with a taken slug, then with a free one
    assertThatThrownBy(() -> create("agency")).isInstanceOf(SlugTakenException.class);
    int afterRefusal = world.tree.events.size();
    create("fourth");

    // then
    assertThat(afterRefusal).isZero();
    assertThat(world.eventNames()).containsExactly("OrganizationCreated", "LimitThresholdCrossed");
    assertThat(world.tree.events.get(1).data())
        .isEqualTo(new LimitThresholdCrossedV1("pool", "max_child_organizations", 80, 4, 5));
    assertThat(world.pools.used(Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(4);
  }

  @Test
  void givenAFullPool_thenCreateIsRefused_andNothingIsWritten() {
    // given
    world.pools.max.put(Limit.MAX_CHILD_ORGANIZATIONS, 1L);
    world.pools.used.put(Limit.MAX_CHILD_ORGANIZATIONS, 1L);

    // when / then
    assertThatThrownBy(() -> create("full")).isInstanceOf(LimitExceededException.class);
    assertThat(world.tree.writes).isZero();
  }

  @Test
  void givenTheParentChangedMeanwhile_thenCreateReadsAgainAndSucceeds() {
    // given: another request changes the parent between the read and the write, once
    world.tree.beforeNextWrite(() -> world.tree.touch(world.reseller));

    // when
    Organization created = create("second-try");

    // then: one write, after re-reading (the first attempt's slot was given back)
    assertThat(world.tree.find(created.id())).isPresent();
    assertThat(world.tree.writes).isEqualTo(1);
    assertThat(world.pools.used(Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(1);
  }

  @Test
  void givenTheTreeKeepsChanging_thenTheConflictGoesOnAfterFourAttempts() {
    // given
    for (int i = 0; i < Conflicts.ATTEMPTS; i++) {
      world.tree.beforeNextWrite(() -> world.tree.touch(world.reseller));
    }

    // when / then
    assertThatThrownBy(() -> create("never")).isInstanceOf(VersionConflictException.class);
    assertThat(world.tree.writes).isZero();
    assertThat(world.pools.used(Limit.MAX_CHILD_ORGANIZATIONS)).isZero();
  }

  @Test
  void move_putsTheSubtreeUnderTheNewParent_andReportsWhereFrom() {
    // when
    OrganizationService.Moved moved =
        world.organizations.move(world.moveByOperator(world.agency, world.other), Scenario.AUDIT);

    // then
    assertThat(moved.changedParent()).isTrue();
    assertThat(world.tree.branchOf(world.customer).ancestorIds())
        .containsExactly(world.agency, world.other, world.root);
    assertThat(world.tree.events)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.data())
                    .isEqualTo(
                        new OrganizationMovedV1(
                            world.agency, world.reseller, world.other, "actor-sub")));
  }

  @Test
  void moveUnderOwnDescendant_isRefused() {
    assertRefused(
        () ->
            world.organizations.move(
                world.moveByOperator(world.agency, world.customer), Scenario.AUDIT),
        TreeRuleException.MOVE_INTO_OWN_SUBTREE);
  }

  @Test
  void moveAcrossTheTypeOrder_isRefused() {
    assertRefused(
        () ->
            world.organizations.move(
                world.moveByOperator(world.reseller, world.other), Scenario.AUDIT),
        TreeRuleException.HIERARCHY);
  }

  @Test
  void theRoot_neitherMovesNorIsDeleted() {
    assertRefused(
        () ->
            world.organizations.move(world.moveByOperator(world.root, world.other), Scenario.AUDIT),
        TreeRuleException.ROOT);
    assertRefused(
        () -> world.organizations.delete(world.owner(world.root), true, Scenario.AUDIT),
        TreeRuleException.ROOT);
  }

  @Test
  void aMoveTooLargeForOneWrite_isRefused_beforeAnySlotIsTaken() {
    // given
    world.tree.moveCapacity = 1;
    world.pools.movesChangePool = true;

    // when / then: the agency and its customer have two rows to the reseller to drop, two to add
    assertRefused(
        () ->
            world.organizations.move(
                world.moveByOperator(world.agency, world.other), Scenario.AUDIT),
        TreeRuleException.MOVE_TOO_LARGE);
    assertThat(world.pools.used(Limit.MAX_CHILD_ORGANIZATIONS)).isZero();
  }

  @Test
  void aMoveToTheSameParent_writesNothing() {
    // when
    OrganizationService.Moved moved =
        world.organizations.move(
            world.moveByOperator(world.agency, world.reseller), Scenario.AUDIT);

    // then
    assertThat(moved.changedParent()).isFalse();
    assertThat(world.tree.writes).isZero();
  }

  @Test
  void delete_refusesActiveChildren_unlessCascade() {
    // when / then
    assertRefused(
        () -> world.organizations.delete(world.owner(world.agency), false, Scenario.AUDIT),
        TreeRuleException.HAS_ACTIVE_CHILDREN);
    Organization deleted =
        world.organizations.delete(world.owner(world.agency), true, Scenario.AUDIT);
    assertThat(deleted.status()).isEqualTo(OrganizationStatus.INACTIVE);
    assertThat(deleted.deletedAt()).isEqualTo(Scenario.NOW);
    assertThat(world.eventNames()).containsExactly("OrganizationDeleted");
  }

  @Test
  void restore_withinThirtyDays_bringsItBack_butNotBelowADeletedAncestor_norLater() {
    // given: the agency deleted 29 days ago, the customer below it deleted too
    world.tree.organizations.put(
        world.agency,
        world
            .tree
            .find(world.agency)
            .orElseThrow()
            .deleted(Scenario.NOW.minus(Duration.ofDays(29))));
    world.tree.organizations.put(
        world.customer, world.tree.find(world.customer).orElseThrow().deleted(Scenario.NOW));

    // when / then
    assertRefused(
        () -> world.organizations.restore(world.owner(world.customer), Scenario.AUDIT),
        TreeRuleException.ANCESTOR_DELETED);
    assertRefused(
        () -> world.organizations.restore(world.owner(world.reseller), Scenario.AUDIT),
        TreeRuleException.NOT_DELETED);
    Organization restored = world.organizations.restore(world.owner(world.agency), Scenario.AUDIT);
    assertThat(restored.isActive()).isTrue();
    assertThat(restored.deletedAt()).isNull();
  }

  @Test
  void restore_afterThirtyDays_isGoneForGood() {
    // given
    world.tree.organizations.put(
        world.customer,
        world
            .tree
            .find(world.customer)
            .orElseThrow()
            .deleted(Scenario.NOW.minus(Duration.ofDays(31))));

    // when / then
    assertThatThrownBy(
            () -> world.organizations.restore(world.owner(world.customer), Scenario.AUDIT))
        .isInstanceOfSatisfying(
            TreeRuleException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(TreeRuleException.RESTORE_WINDOW_PASSED);
              assertThat(e.refusal()).isEqualTo(TreeRuleException.Refusal.GONE);
            });
  }

  @Test
  void aRenameToWhatItIs_writesAndReportsNothing() {
    // when
    Organization same =
        world.organizations.rename(world.owner(world.other), "Org other", "other", Scenario.AUDIT);

    // then
    assertThat(same.name()).isEqualTo("Org other");
    assertThat(world.tree.writes).isZero();
    assertThat(world.tree.events).isEmpty();
  }

  private Organization create(String slug) {
    return world.organizations.createChild(
        world.owner(world.agency),
        new NewOrganization("New " + slug, slug, HierarchyType.END_USER),
        Scenario.AUDIT);
  }

  private static void assertRefused(Runnable call, String reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            TreeRuleException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
