package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.TenancyKeys;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.OutboxEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Renaming, moving, deleting and restoring organizations, and managing members, through the Lambda
 * handler: the rules, the refusals (problem+json with a {@code reason}), the audit entries and the
 * events.
 */
class TreeLifecycleIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final User OPERATOR = Api.OPERATOR;
  private static final OutboxEvents OUTBOX = OutboxEvents.of(TABLE);
  private static Api api;

  @BeforeAll
  static void start() {
    api = new Api(TABLE, Map.of());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void patch_renamesAndChangesTheSlug_releasingTheOldOne() {
    // given
    String org = api.create(OPERATOR, api.root, "patch-old", "master_branch");

    // when
    Response patched =
        api.call(
            OPERATOR,
            "PATCH",
            "/v1/organizations/" + org,
            "{\"name\":\"Renamed\",\"slug\":\"patch-new\"}");

    // then
    assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
    assertThat(patched.body()).containsEntry("name", "Renamed").containsEntry("slug", "patch-new");
    api.create(OPERATOR, api.root, "patch-old", "master_branch");
    assertThat(
            api.call(
                    OPERATOR,
                    "POST",
                    "/v1/organizations/" + api.root + "/children",
                    "{\"name\":\"x\",\"slug\":\"patch-new\",\"hierarchyType\":\"master_branch\"}")
                .status())
        .isEqualTo(409);
    assertThat(OUTBOX.about(org))
        .extracting(OutboundEvent::detailType)
        .containsExactly("OrganizationCreated", "OrganizationUpdated");
    assertThat(OUTBOX.about(org).get(1).detail()).contains("\"slug\":\"patch-new\"");
  }

  @Test
  void aRefusedChange_reportsNothing_andARenameToTheSameNameNeither() {
    // given
    String org = api.create(OPERATOR, api.root, "quiet-org", "master_branch");
    api.create(OPERATOR, api.root, "quiet-taken", "master_branch");

    // when
    Response taken =
        api.call(OPERATOR, "PATCH", "/v1/organizations/" + org, "{\"slug\":\"quiet-taken\"}");
    Response same =
        api.call(OPERATOR, "PATCH", "/v1/organizations/" + org, "{\"name\":\"Org quiet-org\"}");

    // then: the refusal wrote nothing (its event was in its transaction), the no-op changed nothing
    assertThat(taken.status()).isEqualTo(409);
    assertThat(same.status()).isEqualTo(200);
    assertThat(OUTBOX.about(org))
        .extracting(OutboundEvent::detailType)
        .containsExactly("OrganizationCreated");
    assertThat(actions(OPERATOR, org)).isEmpty();
  }

  @Test
  void patch_withNothingToChange_is400_andAViewerMayNot_403() {
    // given
    String org = api.create(OPERATOR, api.root, "patch-rules", "master_branch");
    User viewer = User.named("patch-viewer");
    api.addMember(OPERATOR, org, viewer, "viewer");

    // when
    Response empty = api.call(OPERATOR, "PATCH", "/v1/organizations/" + org, "{}");
    Response byViewer =
        api.call(viewer, "PATCH", "/v1/organizations/" + org, "{\"name\":\"Mine\"}");

    // then
    assertThat(empty.status()).isEqualTo(400);
    assertThat(fields(empty)).containsExactly("name", "slug");
    assertThat(byViewer.status()).isEqualTo(403);
    assertThat(byViewer.body()).containsEntry("permission", "organizations:write");
  }

  @Test
  void move_rewritesAncestorsAndDescendants_andRevokesTheOldResellersReach() {
    // given: resellerA > agency > customer; resellerB; ownerA owns only A, ownerB only B
    String resellerA = api.create(OPERATOR, api.root, "move-a", "master_branch");
    String resellerB = api.create(OPERATOR, api.root, "move-b", "master_branch");
    String agency = api.create(OPERATOR, resellerA, "move-agency", "sub_user");
    String customer = api.create(OPERATOR, agency, "move-customer", "end_user");
    User ownerA = User.named("move-owner-a");
    User ownerB = User.named("move-owner-b");
    api.addMember(OPERATOR, resellerA, ownerA, "owner");
    api.addMember(OPERATOR, resellerB, ownerB, "owner");
    assertThat(api.call(ownerA, "GET", "/v1/organizations/" + customer, null).status())
        .isEqualTo(200);

    // when
    Response moved =
        api.call(
            OPERATOR,
            "POST",
            "/v1/organizations/" + agency + "/move",
            "{\"newParentId\":\"" + resellerB + "\"}");

    // then
    assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    assertThat(moved.body()).containsEntry("parentId", resellerB);
    assertThat(
            api.call(OPERATOR, "GET", "/v1/organizations/" + customer + "/ancestors", null).ids())
        .containsExactly(agency, resellerB, api.root);
    assertThat(
            api.call(OPERATOR, "GET", "/v1/organizations/" + resellerA + "/descendants", null)
                .ids())
        .isEmpty();
    assertThat(
            api.call(OPERATOR, "GET", "/v1/organizations/" + resellerB + "/descendants", null)
                .ids())
        .containsExactlyInAnyOrder(agency, customer);
    assertThat(
            api.call(OPERATOR, "GET", "/v1/organizations/" + resellerB + "/children", null).ids())
        .containsExactly(agency);
    assertThat(api.call(ownerA, "GET", "/v1/organizations/" + customer, null).status())
        .isEqualTo(404);
    assertThat(api.call(ownerB, "GET", "/v1/organizations/" + customer, null).status())
        .isEqualTo(200);
    assertThat(OUTBOX.about(agency))
        .filteredOn(e -> e.detailType().equals("OrganizationMoved"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains(resellerA, resellerB, OPERATOR.sub()));
    assertThat(actions(OPERATOR, agency)).contains("organization.moved");
    assertThat(actions(OPERATOR, resellerA)).contains("organization.moved_out");
    assertThat(actions(OPERATOR, resellerB)).contains("organization.moved_in");
  }

  @Test
  void move_isRefused_underItsOwnSubtree_acrossTheTypeOrder_andWithoutRightsOnBothParents() {
    // given
    String resellerA = api.create(OPERATOR, api.root, "refuse-a", "master_branch");
    String resellerB = api.create(OPERATOR, api.root, "refuse-b", "master_branch");
    String agency = api.create(OPERATOR, resellerA, "refuse-agency", "sub_user");
    String customer = api.create(OPERATOR, agency, "refuse-customer", "end_user");
    User ownerA = User.named("refuse-owner-a");
    User agencyOwner = User.named("refuse-agency-owner");
    api.addMember(OPERATOR, resellerA, ownerA, "owner");
    api.addMember(OPERATOR, agency, agencyOwner, "owner");

    // when / then: under its own descendant
    Response intoOwn = move(OPERATOR, agency, customer);
    assertThat(intoOwn.status()).isEqualTo(409);
    assertThat(intoOwn.body()).containsEntry("reason", "move_into_own_subtree");
    // a reseller under a reseller breaks the type order
    Response acrossTypes = move(OPERATOR, resellerA, resellerB);
    assertThat(acrossTypes.status()).isEqualTo(409);
    assertThat(acrossTypes.body()).containsEntry("reason", "hierarchy");
    // A's owner does not see B: the new parent is not found
    assertThat(move(ownerA, agency, resellerB).status()).isEqualTo(404);
    // the agency's own owner holds no right on its current parent
    Response notOnOldParent = move(agencyOwner, customer, agency);
    assertThat(move(agencyOwner, agency, resellerA).status()).isEqualTo(403);
    assertThat(notOnOldParent.status()).isEqualTo(200); // same parent: nothing to do
    // the root never moves
    Response rootMove = move(OPERATOR, api.root, resellerA);
    assertThat(rootMove.status()).isEqualTo(409);
    // nothing changed
    assertThat(
            api.call(OPERATOR, "GET", "/v1/organizations/" + customer + "/ancestors", null).ids())
        .containsExactly(agency, resellerA, api.root);
  }

  @Test
  void delete_refusesActiveChildren_cascadeTakesTheSubtree_restoreBringsItBack() {
    // given
    String reseller = api.create(OPERATOR, api.root, "del-reseller", "master_branch");
    String agency = api.create(OPERATOR, reseller, "del-agency", "sub_user");
    String customer = api.create(OPERATOR, agency, "del-customer", "end_user");
    User owner = User.named("del-owner");
    api.addMember(OPERATOR, reseller, owner, "owner");

    // when / then
    Response refused = api.call(owner, "DELETE", "/v1/organizations/" + reseller, null);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).containsEntry("reason", "has_active_children");

    Response deleted =
        api.call(owner, "DELETE", "/v1/organizations/" + reseller + "?cascade=true", null);
    assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
    assertThat(deleted.body()).containsEntry("status", "inactive");
    for (String org : List.of(reseller, agency, customer)) {
      assertThat(api.call(owner, "GET", "/v1/organizations/" + org, null).status())
          .as(org)
          .isEqualTo(404);
      assertThat(api.call(OPERATOR, "GET", "/v1/organizations/" + org, null).status())
          .as(org)
          .isEqualTo(404);
    }
    List<Map<String, Object>> below =
        api.call(OPERATOR, "GET", "/v1/organizations/" + api.root + "/descendants?limit=100", null)
            .items();
    assertThat(below)
        .filteredOn(o -> List.of(reseller, agency, customer).contains(o.get("id")))
        .hasSize(3)
        .allSatisfy(o -> assertThat(o).containsEntry("status", "inactive"));
    assertThat(api.call(owner, "GET", "/v1/me/organizations", null).items()).isEmpty();
    Response underDeleted =
        api.call(OPERATOR, "POST", "/v1/organizations/" + agency + "/restore", null);
    assertThat(underDeleted.status()).isEqualTo(409);
    assertThat(underDeleted.body()).containsEntry("reason", "ancestor_deleted");

    Response restored = api.call(owner, "POST", "/v1/organizations/" + reseller + "/restore", null);
    assertThat(restored.status()).as(restored.raw()).isEqualTo(200);
    assertThat(restored.body()).containsEntry("status", "active");
    assertThat(api.call(owner, "GET", "/v1/organizations/" + customer, null).status())
        .isEqualTo(200);
    Response again = api.call(owner, "POST", "/v1/organizations/" + reseller + "/restore", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).containsEntry("reason", "not_deleted");
    assertThat(actions(owner, reseller))
        .containsSubsequence("organization.restored", "organization.deleted");
    assertThat(OUTBOX.about(reseller))
        .extracting(OutboundEvent::detailType)
        .containsExactly(
            "OrganizationCreated", "MemberAdded", "OrganizationDeleted", "OrganizationRestored");
  }

  @Test
  void restore_after30Days_is410_andTheRootIsNeverDeleted() {
    // given
    String org = api.create(OPERATOR, api.root, "del-old", "master_branch");
    assertThat(api.call(OPERATOR, "DELETE", "/v1/organizations/" + org, null).status())
        .isEqualTo(200);
    SingleTableStore store = api.context.getBean(SingleTableStore.class);
    OrganizationItem item =
        store.get(OrganizationItem.SCHEMA, TenancyKeys.organization(org)).orElseThrow();
    item.setDeletedAt(Instant.now().minus(31, ChronoUnit.DAYS).toString());
    store.put(OrganizationItem.SCHEMA, item);

    // when
    Response late = api.call(OPERATOR, "POST", "/v1/organizations/" + org + "/restore", null);
    Response root = api.call(OPERATOR, "DELETE", "/v1/organizations/" + api.root, null);

    // then
    assertThat(late.status()).isEqualTo(410);
    assertThat(late.body())
        .containsEntry("type", "https://topgun.dev/problems/gone")
        .containsEntry("reason", "restore_window_passed");
    assertThat(root.status()).isEqualTo(409);
    assertThat(root.body()).containsEntry("reason", "root");
  }

  /** An organization with an owner and an admin, and a user who signed in but is no member. */
  private record Team(String org, User owner, User admin, User member) {}

  private static Team team(String slug) {
    String org = api.create(OPERATOR, api.root, slug, "master_branch");
    User owner = User.named(slug + "-owner");
    User admin = User.named(slug + "-admin");
    User member = User.named(slug + "-member");
    api.addMember(OPERATOR, org, owner, "owner");
    api.addMember(owner, org, admin, "admin");
    assertThat(api.call(member, "GET", "/v1/me", null).status()).isEqualTo(200);
    return new Team(org, owner, admin, member);
  }

  private static Response member(User as, String method, Team team, User whom, String body) {
    return api.call(as, method, "/v1/organizations/" + team.org() + "/members/" + whom.sub(), body);
  }

  private static Response addMember(User as, Team team, String body) {
    return api.call(as, "POST", "/v1/organizations/" + team.org() + "/members", body);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAdminAddsAMember_withAGrantTheAdminHolds_andTheGrantCounts() {
    // given
    Team team = team("grant-org");

    // when
    Response added =
        addMember(
            team.admin(),
            team,
            "{\"userId\":\""
                + team.member().sub()
                + "\",\"role\":\"viewer\",\"permissions\":[\"servers:write\"]}");

    // then
    assertThat(added.status()).as(added.raw()).isEqualTo(201);
    assertThat(added.body())
        .containsEntry("userId", team.member().sub())
        .containsEntry("email", team.member().email())
        .containsEntry("role", "viewer")
        .containsEntry("permissions", List.of("servers:write"));
    Map<String, Object> mine =
        api.call(team.member(), "GET", "/v1/me/organizations", null).items().get(0);
    assertThat((List<Object>) mine.get("permissions"))
        .contains("servers:write", "servers:read")
        .doesNotContain("deployments:write");
  }

  @Test
  void anAdminMayNotAppointNorTouchAnOwner_andUnknownUsersPermissionsAndMembersAreNamed() {
    // given
    Team team = team("refuse-members");
    assertThat(
            addMember(
                    team.owner(),
                    team,
                    "{\"userId\":\"" + team.member().sub() + "\",\"role\":\"member\"}")
                .status())
        .isEqualTo(201);

    // when
    Response promote = member(team.admin(), "PATCH", team, team.member(), "{\"role\":\"owner\"}");
    Response removeOwner = member(team.admin(), "DELETE", team, team.owner(), null);
    Response unknownGrant =
        addMember(
            team.owner(),
            team,
            "{\"userId\":\"nobody\",\"role\":\"member\",\"permissions\":[\"servers:fly\"]}");
    Response noProfile =
        addMember(team.owner(), team, "{\"userId\":\"nobody\",\"role\":\"member\"}");
    Response twice =
        addMember(
            team.owner(), team, "{\"userId\":\"" + team.member().sub() + "\",\"role\":\"member\"}");

    // then
    assertThat(promote.status()).isEqualTo(403);
    assertThat(promote.body()).containsEntry("permission", "owners:write");
    assertThat(removeOwner.status()).isEqualTo(403);
    assertThat(unknownGrant.status()).isEqualTo(400);
    assertThat(fields(unknownGrant)).containsExactly("permissions[0]");
    assertThat(noProfile.status()).isEqualTo(400);
    assertThat(fields(noProfile)).containsExactly("userId");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body()).containsEntry("reason", "already_member");
  }

  @Test
  void theLastOwnerStays_aSecondOwnerLetsTheFirstStepDown_andARemovedMemberLosesAccessAtOnce() {
    // given
    Team team = team("members-org");
    User owner = team.owner();
    User admin = team.admin();
    User member = team.member();
    addMember(owner, team, "{\"userId\":\"" + member.sub() + "\",\"role\":\"member\"}");

    // when / then: the last owner can be neither demoted nor removed
    Response demoteLast = member(owner, "PATCH", team, owner, "{\"role\":\"admin\"}");
    assertThat(demoteLast.status()).isEqualTo(409);
    assertThat(demoteLast.body()).containsEntry("reason", "last_owner");
    assertThat(member(owner, "DELETE", team, owner, null).status()).isEqualTo(409);

    // with a second owner, the first may step down
    assertThat(member(owner, "PATCH", team, admin, "{\"role\":\"owner\"}").status()).isEqualTo(200);
    assertThat(member(admin, "PATCH", team, owner, "{\"role\":\"member\"}").status())
        .isEqualTo(200);

    // a removed member loses access at once
    assertThat(member(admin, "DELETE", team, member, null).status()).isEqualTo(204);
    assertThat(api.call(member, "GET", "/v1/organizations/" + team.org(), null).status())
        .isEqualTo(404);
    assertThat(
            api
                .call(owner, "GET", "/v1/organizations/" + team.org() + "/members", null)
                .items()
                .stream()
                .map(m -> m.get("userId") + ":" + m.get("role"))
                .toList())
        .containsExactlyInAnyOrder(owner.sub() + ":member", admin.sub() + ":owner");
    assertThat(actions(admin, team.org()))
        .contains("member.added", "member.changed", "member.removed");
    assertThat(OUTBOX.about(team.org()))
        .extracting(OutboundEvent::detailType)
        .containsSubsequence("MemberAdded", "MemberUpdated", "MemberUpdated", "MemberRemoved");
    assertThat(OUTBOX.about(team.org()))
        .filteredOn(e -> e.detailType().equals("MemberRemoved"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).contains(member.sub(), admin.sub()));
  }

  @Test
  void audit_isForAdmins_andNamesActorSourceAndRequest() {
    // given
    String org = api.create(OPERATOR, api.root, "audit-org", "master_branch");
    User member = User.named("audit-member");
    api.addMember(OPERATOR, org, member, "member");
    api.create(OPERATOR, org, "audit-child", "end_user");

    // when
    Response entries = api.call(OPERATOR, "GET", "/v1/organizations/" + org + "/audit", null);
    Response byMember = api.call(member, "GET", "/v1/organizations/" + org + "/audit", null);

    // then
    assertThat(entries.status()).isEqualTo(200);
    assertThat(entries.items())
        .extracting(e -> e.get("action"))
        .containsExactly("organization.created", "member.added");
    assertThat(entries.items().get(0))
        .containsEntry("actor", OPERATOR.sub())
        .containsEntry("sourceIp", "203.0.113.7")
        .containsKeys("id", "at", "requestId", "target", "details");
    assertThat(entries.items().get(0).get("requestId")).isNotNull();
    assertThat(byMember.status()).isEqualTo(403);
    assertThat(byMember.body()).containsEntry("permission", "audit:read");
  }

  @Test
  void audit_narrowedToATimeRange_listsOnlyWhatHappenedInIt_andBadBoundsAreNamed() {
    // given: an organization whose entries were all recorded between before and after
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String org = api.create(OPERATOR, api.root, "audit-range", "master_branch");
    api.create(OPERATOR, org, "audit-range-child", "end_user");
    Instant after = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String path = "/v1/organizations/" + org + "/audit";

    // when
    Response within = api.call(OPERATOR, "GET", path + "?from=" + before + "&to=" + after, null);
    Response later = api.call(OPERATOR, "GET", path + "?from=" + after.plusMillis(1), null);
    Response earlier = api.call(OPERATOR, "GET", path + "?to=" + before.minusMillis(1), null);
    Response paged =
        api.call(OPERATOR, "GET", path + "?limit=1&from=" + before + "&to=" + after, null);
    Response bad = api.call(OPERATOR, "GET", path + "?from=yesterday&to=2026-13-01", null);
    Response reversed = api.call(OPERATOR, "GET", path + "?from=" + after + "&to=" + before, null);

    // then
    assertThat(within.status()).as(within.raw()).isEqualTo(200);
    assertThat(within.items()).extracting(e -> e.get("action")).contains("organization.created");
    assertThat(within.items())
        .allSatisfy(
            e ->
                assertThat(Instant.parse((String) e.get("at")))
                    .isBetween(before, after.plusMillis(999)));
    assertThat(later.items()).isEmpty();
    assertThat(earlier.items()).isEmpty();
    assertThat(paged.items()).hasSize(1);
    assertThat(paged.body().get("nextCursor")).isNotNull();
    assertThat(bad.status()).isEqualTo(400);
    assertThat(fields(bad)).containsExactly("from", "to");
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(fields(reversed)).containsExactly("from");
  }

  private static Response move(User as, String orgId, String newParentId) {
    return api.call(
        as,
        "POST",
        "/v1/organizations/" + orgId + "/move",
        "{\"newParentId\":\"" + newParentId + "\"}");
  }

  private static List<Object> actions(User as, String orgId) {
    Response audit = api.call(as, "GET", "/v1/organizations/" + orgId + "/audit?limit=100", null);
    assertThat(audit.status()).as(audit.raw()).isEqualTo(200);
    return audit.items().stream().map(e -> e.get("action")).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> fields(Response problem) {
    List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.body().get("errors");
    assertThat(errors).as(problem.raw()).isNotNull();
    return errors.stream().map(e -> e.get("field")).toList();
  }
}
