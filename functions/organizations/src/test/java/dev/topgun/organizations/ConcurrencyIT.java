package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.organizations.domain.Branch;
import dev.topgun.organizations.domain.Change;
import dev.topgun.organizations.domain.MovePlan;
import dev.topgun.organizations.domain.Organizations;
import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.store.TransactionConflictException;
import dev.topgun.shared.store.VersionConflictException;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import dev.topgun.shared.testing.LocalTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;

/**
 * Concurrent writes to the tree: moves racing moves, moves racing creations, owners demoting each
 * other. After each race the stored tree is checked whole: every organization's closure rows say
 * exactly what its {@code parentId} chain says, with the right depths, and there is no cycle.
 */
class ConcurrencyIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private static final User OPERATOR = Api.OPERATOR;
  private static final int ROUNDS = 15;
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
  void twoConcurrentMovesThatWouldFormACycle_atMostOneSucceeds() throws Exception {
    // given: the store's move, below the API's type rule, so that only the guards stand between
    // two sibling sub_users moving under each other and a cycle
    Organizations store = api.context.getBean(Organizations.class);
    String reseller = api.create(OPERATOR, api.root, "cycle-reseller", "master_branch");
    for (int round = 0; round < ROUNDS; round++) {
      String x = api.create(OPERATOR, reseller, "cycle-x-" + round, "sub_user");
      String y = api.create(OPERATOR, reseller, "cycle-y-" + round, "sub_user");

      // when
      List<Boolean> moved = race(() -> tryMove(store, x, y), () -> tryMove(store, y, x));

      // then: at most one won, and the winner is where it was moved
      assertThat(moved).as("round %d", round).containsAnyOf(false);
      if (moved.get(0)) {
        assertThat(parentOf(store, x)).as("round %d", round).isEqualTo(y);
      }
      if (moved.get(1)) {
        assertThat(parentOf(store, y)).as("round %d", round).isEqualTo(x);
      }
      assertTreeIsConsistent();
    }
  }

  @Test
  void throughTheApi_theTypeOrderRefusesBothHalvesOfACycle() throws Exception {
    // given
    String reseller = api.create(OPERATOR, api.root, "api-cycle", "master_branch");
    String x = api.create(OPERATOR, reseller, "api-cycle-x", "sub_user");
    String y = api.create(OPERATOR, reseller, "api-cycle-y", "sub_user");

    // when
    List<Response> answers = race(() -> move(x, y), () -> move(y, x));

    // then: both refused by the type rule itself, not by losing a race
    assertThat(answers)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.raw()).isEqualTo(409);
              assertThat(a.body()).containsEntry("reason", "hierarchy");
            });
    assertTreeIsConsistent();
  }

  @Test
  void movesRacingCreationsAndOtherMoves_leaveTheClosureExact() throws Exception {
    // given: three resellers, agencies with customers
    List<String> resellers = new ArrayList<>();
    List<String> agencies = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String reseller = api.create(OPERATOR, api.root, "race-reseller-" + i, "master_branch");
      resellers.add(reseller);
      for (int j = 0; j < 2; j++) {
        String agency = api.create(OPERATOR, reseller, "race-agency-" + i + "-" + j, "sub_user");
        agencies.add(agency);
        api.create(OPERATOR, agency, "race-customer-" + i + "-" + j, "end_user");
      }
    }
    Random random = new Random(42);
    for (int round = 0; round < ROUNDS; round++) {
      String agency = agencies.get(random.nextInt(agencies.size()));
      String target = resellers.get(random.nextInt(resellers.size()));
      String otherTarget = resellers.get(random.nextInt(resellers.size()));
      String slug = "race-new-" + round;

      String before = parentOf(api.context.getBean(Organizations.class), agency);

      // when: the same agency moved twice at once, and a customer created under it meanwhile
      List<Response> statuses =
          race(
              () -> move(agency, target),
              () -> move(agency, otherTarget),
              () ->
                  api.call(
                      OPERATOR,
                      "POST",
                      "/v1/organizations/" + agency + "/children",
                      "{\"name\":\"n\",\"slug\":\"" + slug + "\",\"hierarchyType\":\"end_user\"}"));

      // then: each either happened or lost the race (and said so), the agency is under a
      // reseller whose move answered 200 (or stayed where it was), and the tree is exact
      assertThat(statuses).as("round %d", round).allSatisfy(ConcurrencyIT::wonOrLostTheRace);
      String parent = parentOf(api.context.getBean(Organizations.class), agency);
      List<String> movedTo = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        if (statuses.get(i).status() == 200) {
          assertThat(statuses.get(i).body())
              .containsEntry("parentId", i == 0 ? target : otherTarget);
          movedTo.add(i == 0 ? target : otherTarget);
        }
      }
      assertThat(movedTo.isEmpty() ? List.of(before) : movedTo)
          .as("round %d", round)
          .contains(parent);
      assertTreeIsConsistent();
    }
  }

  /**
   * A 2xx, or a 409 that says it lost a race ({@code version-conflict} after the retries, {@code
   * conflict} for concurrent transactions) — never another refusal or a fault.
   */
  private static void wonOrLostTheRace(Response response) {
    if (response.status() == 200 || response.status() == 201) {
      return;
    }
    assertThat(response.status()).as(response.raw()).isEqualTo(409);
    assertThat(response.body().get("type"))
        .as(response.raw())
        .isIn(
            "https://topgun.dev/problems/version-conflict", "https://topgun.dev/problems/conflict");
    assertThat(response.body()).as(response.raw()).doesNotContainKey("reason");
  }

  @Test
  void twoOwnersDemotingEachOther_atOnce_oneOwnerRemains() throws Exception {
    for (int round = 0; round < 5; round++) {
      // given
      String org = api.create(OPERATOR, api.root, "owners-race-" + round, "master_branch");
      User first = User.named("owner-first-" + round);
      User second = User.named("owner-second-" + round);
      api.addMember(OPERATOR, org, first, "owner");
      api.addMember(OPERATOR, org, second, "owner");

      // when
      List<Response> answers =
          race(() -> demote(first, org, second), () -> demote(second, org, first));

      // then: one demotion wins; the other is refused as the last owner's (409), or, when the
      // winner's change was read first, because its caller is no longer an owner (403)
      assertThat(answers).as("round %d", round).filteredOn(a -> a.status() == 200).hasSize(1);
      User winner = answers.get(0).status() == 200 ? first : second;
      User demoted = winner == first ? second : first;
      Response loser = answers.get(winner == first ? 1 : 0);
      assertThat(loser.body())
          .as("round %d: %s", round, loser.raw())
          .satisfiesAnyOf(
              b -> assertThat(b).containsEntry("reason", "last_owner"),
              b -> assertThat(b).containsEntry("permission", "owners:write"),
              b ->
                  assertThat(b)
                      .containsEntry("type", "https://topgun.dev/problems/conflict")
                      .doesNotContainKey("reason"));
      Map<Object, Object> roles = new HashMap<>();
      api.call(OPERATOR, "GET", "/v1/organizations/" + org + "/members", null)
          .items()
          .forEach(m -> roles.put(m.get("userId"), m.get("role")));
      assertThat(roles)
          .as("round %d", round)
          .containsEntry(winner.sub(), "owner")
          .containsEntry(demoted.sub(), "admin");
    }
  }

  private static Response demote(User as, String org, User whom) {
    return api.call(
        as, "PATCH", "/v1/organizations/" + org + "/members/" + whom.sub(), "{\"role\":\"admin\"}");
  }

  private static Response move(String orgId, String newParentId) {
    return api.call(
        OPERATOR,
        "POST",
        "/v1/organizations/" + orgId + "/move",
        "{\"newParentId\":\"" + newParentId + "\"}");
  }

  /**
   * Moves {@code orgId} under {@code newParentId} through the store as the service would, but
   * without the type rule. Refused only for losing the race: a version conflict (the other move
   * committed first), a cancelled transaction (both at once), or the own-subtree rule on a fresh
   * read (the other move already committed). Anything else fails the test.
   */
  private static boolean tryMove(Organizations store, String orgId, String newParentId) {
    AuditContext context = new AuditContext(OPERATOR.sub(), "127.0.0.1", "cycle-test");
    try {
      Branch moved = store.branch(orgId).orElseThrow();
      Branch newParent = store.branch(newParentId).orElseThrow();
      MovePlan plan =
          MovePlan.of(orgId, store.subtree(orgId), moved.ancestorIds(), newParent.chainIds());
      store.move(moved, newParent, plan, Change.by(context));
      return true;
    } catch (VersionConflictException | TransactionConflictException lostTheRace) {
      return false;
    } catch (TreeRuleException refused) {
      assertThat(refused.reason()).isEqualTo(TreeRuleException.MOVE_INTO_OWN_SUBTREE);
      return false;
    }
  }

  private static String parentOf(Organizations store, String orgId) {
    return store.find(orgId).orElseThrow().parentId();
  }

  @SafeVarargs
  private static <T> List<T> race(Callable<T>... tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Reads the whole table and checks that the closure rows are exactly those the {@code parentId}
   * chains imply: for each organization, one row per ancestor at its depth, nothing else, no cycle.
   */
  private static void assertTreeIsConsistent() {
    Map<String, String> parents = new HashMap<>();
    Map<String, Map<String, Integer>> closure = new HashMap<>();
    ScanIterable pages =
        TABLE.client().scanPaginator(r -> r.tableName(TABLE.name()).consistentRead(true));
    for (Map<String, AttributeValue> item : pages.items()) {
      String type = item.containsKey("type") ? item.get("type").s() : "";
      if (OrganizationItem.TYPE.equals(type)) {
        OrganizationItem org = OrganizationItem.SCHEMA.mapToItem(item);
        parents.put(org.getId(), org.getParentId());
      } else if (ClosureItem.TYPE.equals(type)) {
        ClosureItem row = ClosureItem.SCHEMA.mapToItem(item);
        closure
            .computeIfAbsent(row.getDescendantId(), k -> new HashMap<>())
            .put(row.getAncestorId(), row.getDepth());
      }
    }
    for (String org : parents.keySet()) {
      Map<String, Integer> expected = new HashMap<>();
      String parent = parents.get(org);
      for (int depth = 1; parent != null; depth++) {
        assertThat(parent).as("cycle through %s", org).isNotEqualTo(org);
        assertThat(depth).as("chain of %s", org).isLessThan(10);
        expected.put(parent, depth);
        parent = parents.get(parent);
      }
      assertThat(closure.getOrDefault(org, Map.of()))
          .as("closure rows of %s", org)
          .isEqualTo(expected);
    }
    assertThat(parents.keySet()).containsAll(closure.keySet());
  }
}
