package dev.topgun.shared.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.store.CursorCodec;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.testing.LocalTable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authorizer against hand-written tenancy items in a local table:
 *
 * <pre>
 * root (top_branch)                 operator: owner
 * ├── resellerA (master_branch)     rita: owner, vera: viewer
 * │   ├── agencyA (sub_user)        adam: admin
 * │   │   └── customerA1 (end_user)
 * │   ├── customerA2 (end_user)
 * │   └── goneA (end_user, inactive)
 * └── resellerB (master_branch)
 *     └── customerB1 (end_user)     bea: member
 * </pre>
 */
class AuthorizerIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final List<String> ALL_ORGS =
      List.of(
          "root", "resellerA", "agencyA", "customerA1", "customerA2", "resellerB", "customerB1");

  private static SingleTableStore store;
  private static TenancyDirectory directory;
  private static Authorizer authorizer;

  @BeforeAll
  static void writeTree() {
    store =
        new SingleTableStore(
            TABLE.client(),
            TABLE.table(),
            Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC),
            new CursorCodec("it"));
    directory = new TenancyDirectory(store);
    authorizer = new Authorizer(directory);

    org("root", "top_branch");
    org("resellerA", "master_branch", "root");
    org("agencyA", "sub_user", "resellerA", "root");
    org("customerA1", "end_user", "agencyA", "resellerA", "root");
    org("customerA2", "end_user", "resellerA", "root");
    org("goneA", "end_user", "resellerA", "root");
    OrganizationItem gone =
        store.get(OrganizationItem.SCHEMA, TenancyKeys.organization("goneA")).orElseThrow();
    gone.setStatus(OrganizationItem.INACTIVE);
    store.put(OrganizationItem.SCHEMA, gone);
    org("resellerB", "master_branch", "root");
    org("customerB1", "end_user", "resellerB", "root");
    org("goneAgencyA", "sub_user", "resellerA", "root");
    org("underGoneA", "end_user", "goneAgencyA", "resellerA", "root");
    OrganizationItem goneAgency =
        store.get(OrganizationItem.SCHEMA, TenancyKeys.organization("goneAgencyA")).orElseThrow();
    goneAgency.setStatus(OrganizationItem.INACTIVE);
    store.put(OrganizationItem.SCHEMA, goneAgency);
    // Moved from reseller A to reseller B a moment ago: the item says B, the index still says A.
    org("movedToB", "end_user", "resellerA", "root");
    OrganizationItem moved =
        store.get(OrganizationItem.SCHEMA, TenancyKeys.organization("movedToB")).orElseThrow();
    moved.setParentId("resellerB");
    store.put(OrganizationItem.SCHEMA, moved);

    member("root", "operator", Role.OWNER);
    member("resellerA", "rita", Role.OWNER);
    member("resellerA", "vera", Role.VIEWER);
    member("agencyA", "adam", Role.ADMIN);
    member("customerB1", "bea", Role.MEMBER);
    member("resellerB", "bob", Role.ADMIN);
  }

  @Test
  void deactivationIsInherited_byTheWholeSubtree() {
    Caller rita = user("rita");

    assertNotFound(rita, "goneAgencyA", Permission.ORGANIZATIONS_READ);
    assertNotFound(rita, "underGoneA", Permission.ORGANIZATIONS_READ);
    assertThat(directory.isActive("underGoneA")).isFalse();
    assertThat(directory.exists("underGoneA")).isTrue();
    assertThat(
            authorizer
                .authorizeIncludingInactive(rita, "goneAgencyA", Permission.ORGANIZATIONS_WRITE)
                .organization()
                .getStatus())
        .isEqualTo(OrganizationItem.INACTIVE);
  }

  @Test
  void aMove_countsAtOnce_evenBeforeTheIndexCatchesUp() {
    assertNotFound(user("rita"), "movedToB", Permission.ORGANIZATIONS_READ);
    Authorizer.Authorized bob =
        authorizer.authorize(user("bob"), "movedToB", Permission.ORGANIZATIONS_WRITE);
    assertThat(bob.lineage().ancestorIds()).containsExactly("resellerB", "root");
    assertThat(bob.chainIds()).containsExactly("movedToB", "resellerB", "root");
  }

  @Test
  void ownerOfAReseller_readsAndWritesItsChildren() {
    Caller rita = user("rita");

    for (String org : List.of("resellerA", "agencyA", "customerA1", "customerA2")) {
      assertAllowed(rita, org, Permission.ORGANIZATIONS_READ);
      assertAllowed(rita, org, Permission.SERVERS_WRITE);
    }
  }

  @Test
  void ownerOfAReseller_seesNothingOfTheOtherReseller_norTheRoot() {
    Caller rita = user("rita");

    for (String org : List.of("root", "resellerB", "customerB1")) {
      assertNotFound(rita, org, Permission.ORGANIZATIONS_READ);
    }
  }

  @Test
  void adminOfAChild_cannotActOnTheParent_orASibling() {
    Caller adam = user("adam");

    assertNotFound(adam, "resellerA", Permission.ORGANIZATIONS_READ);
    assertNotFound(adam, "resellerA", Permission.ORGANIZATIONS_WRITE);
    assertNotFound(adam, "customerA2", Permission.ORGANIZATIONS_READ);
    assertNotFound(adam, "root", Permission.ORGANIZATIONS_READ);
    assertAllowed(adam, "agencyA", Permission.MEMBERS_WRITE);
    assertAllowed(adam, "customerA1", Permission.ORGANIZATIONS_WRITE);
  }

  @Test
  void viewer_cannotWrite_andDoesNotSeeChildren() {
    Caller vera = user("vera");

    assertAllowed(vera, "resellerA", Permission.ORGANIZATIONS_READ);
    assertThatThrownBy(
            () -> authorizer.authorize(vera, "resellerA", Permission.ORGANIZATIONS_WRITE))
        .isInstanceOfSatisfying(
            ForbiddenException.class,
            e -> assertThat(e.permission()).isEqualTo(Permission.ORGANIZATIONS_WRITE));
    assertNotFound(vera, "agencyA", Permission.ORGANIZATIONS_READ);
  }

  @Test
  void operator_ownerOfTheRoot_actsAnywhereBelow() {
    Caller operator = user("operator");

    for (String org : ALL_ORGS) {
      for (Permission permission : Permission.values()) {
        assertAllowed(operator, org, permission);
      }
    }
  }

  @Test
  void strangerWithoutMemberships_findsNothing() {
    Caller mallory = user("mallory");

    for (String org : ALL_ORGS) {
      assertNotFound(mallory, org, Permission.ORGANIZATIONS_READ);
    }
  }

  @Test
  void unknownOrInvalidOrganizationIds_areNotFound_evenForTheOperator() {
    Caller operator = user("operator");

    for (String org : List.of("nope", "root#x", "", " ", "ORG", "../root")) {
      assertNotFound(operator, org, Permission.ORGANIZATIONS_READ);
    }
  }

  @Test
  void inactiveOrganization_isNotFound_butRestorableWhenAsked() {
    Caller rita = user("rita");

    assertNotFound(rita, "goneA", Permission.ORGANIZATIONS_READ);
    assertThatCode(
            () ->
                authorizer.authorizeIncludingInactive(
                    rita, "goneA", Permission.ORGANIZATIONS_WRITE))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                authorizer.authorizeIncludingInactive(
                    user("adam"), "goneA", Permission.ORGANIZATIONS_WRITE))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void removedMembership_stopsCountingAtOnce() {
    // given
    member("customerA2", "tess", Role.ADMIN);
    assertAllowed(user("tess"), "customerA2", Permission.MEMBERS_WRITE);

    // when
    store.delete(TenancyKeys.membership("customerA2", "tess"));

    // then
    assertNotFound(user("tess"), "customerA2", Permission.ORGANIZATIONS_READ);
  }

  @Test
  void grantOnTheMembership_isHonoured() {
    store.put(
        MembershipItem.SCHEMA,
        MembershipItem.of(
            new Membership(
                "resellerB", "gus", Role.VIEWER, Set.of(Permission.DEPLOYMENTS_WRITE), null)));

    assertAllowed(user("gus"), "resellerB", Permission.DEPLOYMENTS_WRITE);
    assertThatThrownBy(
            () -> authorizer.authorize(user("gus"), "resellerB", Permission.SERVERS_WRITE))
        .isInstanceOf(ForbiddenException.class);
    assertNotFound(user("gus"), "customerB1", Permission.DEPLOYMENTS_WRITE);
  }

  @Test
  void apiKey_actsOnItsOrganizationAndBelow() {
    Caller key = new Caller.ApiKey("k1", "resellerB", Set.of(Permission.SERVERS_READ));

    assertAllowed(key, "customerB1", Permission.SERVERS_READ);
    assertThatThrownBy(() -> authorizer.authorize(key, "resellerB", Permission.SERVERS_WRITE))
        .isInstanceOf(ForbiddenException.class);
    assertNotFound(key, "resellerA", Permission.SERVERS_READ);
    assertNotFound(key, "root", Permission.SERVERS_READ);
  }

  @Test
  void permissions_areTheEffectiveSet() {
    assertThat(authorizer.permissions(user("bea"), "customerB1"))
        .isEqualTo(Role.MEMBER.permissions());
    assertThat(authorizer.permissions(user("rita"), "customerA1"))
        .isEqualTo(EnumSet.allOf(Permission.class));
    assertThatThrownBy(() -> authorizer.permissions(user("bea"), "resellerB"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void directory_listsAncestorsNearestFirst_andDescendantsInOneQuery() {
    assertThat(directory.ancestors("customerA1")).containsExactly("agencyA", "resellerA", "root");
    assertThat(directory.ancestors("root")).isEmpty();

    List<String> descendants = new ArrayList<>();
    store
        .query(ClosureItem.SCHEMA, TenancyKeys.descendants("resellerA"))
        .items()
        .forEach(c -> descendants.add(c.getDescendantId()));
    assertThat(descendants)
        .containsExactlyInAnyOrder(
            "agencyA",
            "customerA1",
            "customerA2",
            "goneA",
            "goneAgencyA",
            "underGoneA",
            "movedToB");
  }

  @Test
  void directory_listsAUsersMemberships() {
    member("agencyA", "rita", Role.VIEWER);

    assertThat(directory.memberships("rita"))
        .extracting(Membership::orgId, Membership::role)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("agencyA", Role.VIEWER),
            org.assertj.core.groups.Tuple.tuple("resellerA", Role.OWNER));
    assertThat(directory.isActive("resellerA")).isTrue();
    assertThat(directory.isActive("goneA")).isFalse();
    assertThat(directory.isActive("nope")).isFalse();
  }

  private static void assertAllowed(Caller caller, String org, Permission permission) {
    assertThatCode(() -> authorizer.authorize(caller, org, permission))
        .as("%s %s on %s", caller.id(), permission, org)
        .doesNotThrowAnyException();
  }

  private static void assertNotFound(Caller caller, String org, Permission permission) {
    assertThatThrownBy(() -> authorizer.authorize(caller, org, permission))
        .as("%s %s on %s", caller.id(), permission, org)
        .isInstanceOf(NotFoundException.class);
  }

  private static Caller user(String id) {
    return new Caller.User(id);
  }

  /** An organization and its closure items; {@code ancestors} nearest first. */
  private static void org(String id, String type, String... ancestors) {
    String parent = ancestors.length == 0 ? null : ancestors[0];
    store.put(OrganizationItem.SCHEMA, OrganizationItem.of(id, id, id, type, parent));
    if (parent == null) {
      return;
    }
    for (int depth = 1; depth <= ancestors.length; depth++) {
      store.put(ClosureItem.SCHEMA, ClosureItem.of(ancestors[depth - 1], id, depth));
    }
  }

  private static void member(String org, String user, Role role) {
    store.put(MembershipItem.SCHEMA, MembershipItem.of(new Membership(org, user, role)));
  }
}
