package dev.topgun.shared.tenancy;

import static dev.topgun.shared.tenancy.Decision.ALLOW;
import static dev.topgun.shared.tenancy.Decision.FORBIDDEN;
import static dev.topgun.shared.tenancy.Decision.NOT_FOUND;
import static dev.topgun.shared.tenancy.Permission.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tree used throughout:
 *
 * <pre>
 * root (top_branch)
 * ├── resellerA (master_branch)
 * │   ├── agencyA (sub_user)
 * │   │   └── customerA1 (end_user)
 * │   └── customerA2 (end_user)
 * └── resellerB (master_branch)
 *     └── customerB1 (end_user)
 * </pre>
 */
class AuthorizationTest {

  private static final String ALICE = "alice";
  private static final Caller.User CALLER = new Caller.User(ALICE);

  // ancestors, nearest first, excluding the org itself
  private static final List<String> ROOT = List.of();
  private static final List<String> RESELLER_A = List.of("root");
  private static final List<String> AGENCY_A = List.of("resellerA", "root");
  private static final List<String> CUSTOMER_A1 = List.of("agencyA", "resellerA", "root");
  private static final List<String> CUSTOMER_A2 = List.of("resellerA", "root");
  private static final List<String> RESELLER_B = List.of("root");
  private static final List<String> CUSTOMER_B1 = List.of("resellerB", "root");

  // --- the matrix, cell by cell, on the member's own organization

  static Stream<Arguments> everyCell() {
    List<Arguments> cells = new ArrayList<>();
    for (Role role : Role.values()) {
      for (Permission permission : Permission.values()) {
        cells.add(Arguments.of(role, permission, permission.roles().contains(role)));
      }
    }
    return cells.stream();
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @MethodSource("everyCell")
  void ownOrganization_followsTheMatrix(Role role, Permission permission, boolean allowed) {
    Decision decision =
        decide("agencyA", AGENCY_A, permission, new Membership("agencyA", ALICE, role));

    assertThat(decision).isEqualTo(allowed ? ALLOW : FORBIDDEN);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @MethodSource("everyCell")
  void ancestorMembership_reachesEveryDepth_onlyForOwnersAndAdmins(
      Role role, Permission permission, boolean allowed) {
    for (String ancestor : CUSTOMER_A1) {
      Decision decision =
          decide("customerA1", CUSTOMER_A1, permission, new Membership(ancestor, ALICE, role));

      Decision expected = !role.reachesDescendants() ? NOT_FOUND : allowed ? ALLOW : FORBIDDEN;
      assertThat(decision).as("%s of %s", role, ancestor).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyCell")
  void descendantOrSiblingMembership_revealsNothing(Role role, Permission permission) {
    // a member of agencyA (child of resellerA, sibling of customerA2, cousin of customerB1)
    Membership agency =
        new Membership("agencyA", ALICE, role, EnumSet.allOf(Permission.class), null);

    assertThat(decide("resellerA", RESELLER_A, permission, agency)).isEqualTo(NOT_FOUND);
    assertThat(decide("root", ROOT, permission, agency)).isEqualTo(NOT_FOUND);
    assertThat(decide("customerA2", CUSTOMER_A2, permission, agency)).isEqualTo(NOT_FOUND);
    assertThat(decide("resellerB", RESELLER_B, permission, agency)).isEqualTo(NOT_FOUND);
    assertThat(decide("customerB1", CUSTOMER_B1, permission, agency)).isEqualTo(NOT_FOUND);
  }

  // --- the matrix, written out by hand, so a wrong row in Permission fails here

  @Test
  void viewer_readsTheOperationalResources_only() {
    assertThat(Role.VIEWER.permissions())
        .containsExactlyInAnyOrder(
            ORGANIZATIONS_READ,
            MEMBERS_READ,
            LICENSES_READ,
            BRANDING_READ,
            PROVISIONING_READ,
            SERVERS_READ,
            DEPLOYMENTS_READ,
            DOMAINS_READ);
  }

  @Test
  void member_isAViewerWhoAlsoOperatesServersDeploymentsAndDomains() {
    Set<Permission> expected = EnumSet.copyOf(Role.VIEWER.permissions());
    expected.addAll(List.of(SERVERS_WRITE, DEPLOYMENTS_WRITE, DOMAINS_WRITE));

    assertThat(Role.MEMBER.permissions()).isEqualTo(expected);
  }

  @Test
  void admin_holdsEverythingButOwnership() {
    assertThat(Role.ADMIN.permissions()).isEqualTo(EnumSet.complementOf(EnumSet.of(OWNERS_WRITE)));
  }

  @Test
  void owner_holdsEverything() {
    assertThat(Role.OWNER.permissions()).isEqualTo(EnumSet.allOf(Permission.class));
  }

  @Test
  void sensitiveReads_areForAdminsOnly() {
    for (Permission p :
        List.of(ORGANIZATIONS_READ_TREE, AUDIT_READ, BILLING_READ, API_KEYS_READ, WEBHOOKS_READ)) {
      assertThat(p.roles()).as(p.value()).containsExactlyInAnyOrder(Role.OWNER, Role.ADMIN);
    }
  }

  @Test
  void rolesAreNested_ownerAboveAdminAboveMemberAboveViewer() {
    assertThat(Role.OWNER.permissions()).containsAll(Role.ADMIN.permissions());
    assertThat(Role.ADMIN.permissions()).containsAll(Role.MEMBER.permissions());
    assertThat(Role.MEMBER.permissions()).containsAll(Role.VIEWER.permissions());
  }

  @Test
  void everyWritePermission_isRefusedToViewers() {
    for (Permission p : Permission.values()) {
      if (p.value().endsWith(":write")) {
        assertThat(p.roles()).as(p.value()).doesNotContain(Role.VIEWER);
      }
    }
  }

  @Test
  void permissionNames_areResourceColonAction_unique_andRoundTrip() {
    Set<String> names =
        Arrays.stream(Permission.values()).map(Permission::value).collect(Collectors.toSet());
    assertThat(names).hasSize(Permission.values().length);
    for (Permission p : Permission.values()) {
      assertThat(p.value()).matches("[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*");
      assertThat(Permission.from(p.value())).contains(p);
    }
    assertThat(Permission.from("servers:delete")).isEmpty();
    assertThat(Role.from("owner")).contains(Role.OWNER);
    assertThat(Role.from("OWNER")).isEmpty();
  }

  // --- the hierarchy, by example

  @Test
  void ownerOfAReseller_readsAndWritesItsCustomers() {
    Membership owner = new Membership("resellerA", ALICE, Role.OWNER);

    assertThat(decide("customerA1", CUSTOMER_A1, ORGANIZATIONS_READ, owner)).isEqualTo(ALLOW);
    assertThat(decide("customerA1", CUSTOMER_A1, SERVERS_WRITE, owner)).isEqualTo(ALLOW);
    assertThat(decide("customerA2", CUSTOMER_A2, OWNERS_WRITE, owner)).isEqualTo(ALLOW);
  }

  @Test
  void adminOfAReseller_managesCustomers_butNotTheirOwners() {
    Membership admin = new Membership("resellerA", ALICE, Role.ADMIN);

    assertThat(decide("customerA1", CUSTOMER_A1, MEMBERS_WRITE, admin)).isEqualTo(ALLOW);
    assertThat(decide("customerA1", CUSTOMER_A1, OWNERS_WRITE, admin)).isEqualTo(FORBIDDEN);
  }

  @Test
  void adminOfAChild_cannotActOnTheParent_orASibling() {
    Membership admin = new Membership("agencyA", ALICE, Role.ADMIN);

    assertThat(decide("resellerA", RESELLER_A, ORGANIZATIONS_READ, admin)).isEqualTo(NOT_FOUND);
    assertThat(decide("customerA2", CUSTOMER_A2, ORGANIZATIONS_READ, admin)).isEqualTo(NOT_FOUND);
    assertThat(decide("customerA1", CUSTOMER_A1, ORGANIZATIONS_WRITE, admin)).isEqualTo(ALLOW);
  }

  @Test
  void viewerOfAReseller_doesNotSeeItsCustomers() {
    Membership viewer = new Membership("resellerA", ALICE, Role.VIEWER);

    assertThat(decide("resellerA", RESELLER_A, ORGANIZATIONS_READ, viewer)).isEqualTo(ALLOW);
    assertThat(decide("resellerA", RESELLER_A, ORGANIZATIONS_WRITE, viewer)).isEqualTo(FORBIDDEN);
    assertThat(decide("customerA2", CUSTOMER_A2, ORGANIZATIONS_READ, viewer)).isEqualTo(NOT_FOUND);
  }

  @Test
  void memberOfAReseller_doesNotSeeItsCustomers() {
    Membership member = new Membership("resellerA", ALICE, Role.MEMBER);

    assertThat(decide("agencyA", AGENCY_A, SERVERS_READ, member)).isEqualTo(NOT_FOUND);
  }

  @Test
  void operator_ownerOfTheRoot_actsAnywhereBelow() {
    Membership operator = new Membership("root", ALICE, Role.OWNER);

    for (var target :
        List.of(
            List.of("resellerA", RESELLER_A),
            List.of("agencyA", AGENCY_A),
            List.of("customerA1", CUSTOMER_A1),
            List.of("customerB1", CUSTOMER_B1))) {
      @SuppressWarnings("unchecked")
      List<String> ancestors = (List<String>) target.get(1);
      for (Permission p : Permission.values()) {
        assertThat(decide((String) target.get(0), ancestors, p, operator)).isEqualTo(ALLOW);
      }
    }
  }

  @Test
  void viewerOnAChild_plusAdminOnItsParent_isAnAdminOnTheChild() {
    List<Membership> both =
        List.of(
            new Membership("customerA2", ALICE, Role.VIEWER),
            new Membership("resellerA", ALICE, Role.ADMIN));

    assertThat(Authorization.decide(CALLER, "customerA2", MEMBERS_WRITE, both, CUSTOMER_A2))
        .isEqualTo(ALLOW);
  }

  // --- grants

  @Test
  void grant_addsToTheRole_onItsOwnOrganizationOnly() {
    Membership viewerWithServers =
        new Membership("agencyA", ALICE, Role.VIEWER, Set.of(SERVERS_WRITE), null);

    assertThat(decide("agencyA", AGENCY_A, SERVERS_WRITE, viewerWithServers)).isEqualTo(ALLOW);
    assertThat(decide("agencyA", AGENCY_A, DEPLOYMENTS_WRITE, viewerWithServers))
        .isEqualTo(FORBIDDEN);
    assertThat(decide("customerA1", CUSTOMER_A1, SERVERS_WRITE, viewerWithServers))
        .isEqualTo(NOT_FOUND);
  }

  @Test
  void grantsOfAnAncestorAdmin_doNotTravelDown() {
    Membership admin = new Membership("resellerA", ALICE, Role.ADMIN, Set.of(OWNERS_WRITE), null);

    assertThat(decide("agencyA", AGENCY_A, OWNERS_WRITE, admin)).isEqualTo(FORBIDDEN);
  }

  @Test
  void ownersWrite_cannotBeGranted() {
    Membership adminWithOwnership =
        new Membership("agencyA", ALICE, Role.ADMIN, Set.of(OWNERS_WRITE), null);

    assertThat(OWNERS_WRITE.grantable()).isFalse();
    assertThat(decide("agencyA", AGENCY_A, OWNERS_WRITE, adminWithOwnership)).isEqualTo(FORBIDDEN);
    assertThat(adminWithOwnership.permissions()).doesNotContain(OWNERS_WRITE);
  }

  // --- the caller's identity

  @Test
  void anotherUsersMembership_neverCountsForTheCaller() {
    Membership bobs = new Membership("resellerA", "bob", Role.OWNER);

    assertThat(decide("resellerA", RESELLER_A, ORGANIZATIONS_READ, bobs)).isEqualTo(NOT_FOUND);
    assertThat(decide("agencyA", AGENCY_A, ORGANIZATIONS_READ, bobs)).isEqualTo(NOT_FOUND);
  }

  @Test
  void noMemberships_isNotFound_everywhere() {
    for (Permission p : Permission.values()) {
      assertThat(Authorization.decide(CALLER, "root", p, List.of(), ROOT)).isEqualTo(NOT_FOUND);
    }
  }

  @ParameterizedTest
  @EnumSource(Permission.class)
  void apiKey_actsOnItsOrganizationAndBelow_withItsScopesOnly(Permission permission) {
    Caller key = new Caller.ApiKey("key1", "resellerA", Set.of(permission));
    Permission other = permission == SERVERS_READ ? SERVERS_WRITE : SERVERS_READ;

    assertThat(Authorization.decide(key, "resellerA", permission, List.of(), RESELLER_A))
        .isEqualTo(ALLOW);
    assertThat(Authorization.decide(key, "customerA1", permission, List.of(), CUSTOMER_A1))
        .isEqualTo(ALLOW);
    assertThat(Authorization.decide(key, "resellerA", other, List.of(), RESELLER_A))
        .isEqualTo(FORBIDDEN);
    assertThat(Authorization.decide(key, "root", permission, List.of(), ROOT)).isEqualTo(NOT_FOUND);
    assertThat(Authorization.decide(key, "customerB1", permission, List.of(), CUSTOMER_B1))
        .isEqualTo(NOT_FOUND);
  }

  @Test
  void apiKey_ignoresMemberships() {
    Caller key = new Caller.ApiKey("key1", "customerB1", Set.of());
    List<Membership> owner = List.of(new Membership("root", "key1", Role.OWNER));

    assertThat(Authorization.decide(key, "resellerA", ORGANIZATIONS_READ, owner, RESELLER_A))
        .isEqualTo(NOT_FOUND);
  }

  private static Decision decide(
      String target, List<String> ancestors, Permission permission, Membership membership) {
    return Authorization.decide(CALLER, target, permission, List.of(membership), ancestors);
  }
}
