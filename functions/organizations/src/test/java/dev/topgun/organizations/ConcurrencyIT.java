package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.organizations.store.OrganizationStore;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.TenancyDirectory;
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
    OrganizationStore store = api.context.getBean(OrganizationStore.class);
    TenancyDirectory directory = api.context.getBean(TenancyDirectory.class);
    AuditContext context = new AuditContext(OPERATOR.sub(), "127.0.0.1", "cycle-test");
    String reseller = api.create(OPERATOR, api.root, "cycle-reseller", "master_branch");
    for (int round = 0; round < ROUNDS; round++) {
      String x = api.create(OPERATOR, reseller, "cycle-x-" + round, "sub_user");
      String y = api.create(OPERATOR, reseller, "cycle-y-" + round, "sub_user");

      // when
      List<Boolean> moved =
          race(
              () -> tryMove(store, directory, x, y, context),
              () -> tryMove(store, directory, y, x, context));

      // then
      assertThat(moved).as("round %d", round).containsAnyOf(false);
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
    List<Integer> statuses = race(() -> move(x, y).status(), () -> move(y, x).status());

    // then
    assertThat(statuses).containsExactly(409, 409);
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

      // when: the same agency moved twice at once, and a customer created under it meanwhile
      List<Integer> statuses =
          race(
              () -> move(agency, target).status(),
              () -> move(agency, otherTarget).status(),
              () ->
                  api.call(
                          OPERATOR,
                          "POST",
                          "/v1/organizations/" + agency + "/children",
                          "{\"name\":\"n\",\"slug\":\""
                              + slug
                              + "\",\"hierarchyType\":\"end_user\"}")
                      .status());

      // then: each either happened or was refused as a conflict, and the tree is exact
      assertThat(statuses).as("round %d", round).allMatch(s -> s == 200 || s == 201 || s == 409);
      assertTreeIsConsistent();
    }
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
      List<Integer> statuses =
          race(
              () -> demote(first, org, second).status(), () -> demote(second, org, first).status());

      // then: one demotion wins; the other is refused as the last owner's (409), or, when the
      // winner's change was read first, because its caller is no longer an owner (403)
      assertThat(statuses).as("round %d", round).containsOnlyOnce(200);
      assertThat(statuses).as("round %d", round).filteredOn(s -> s != 200).isSubsetOf(403, 409);
      long owners =
          api.call(OPERATOR, "GET", "/v1/organizations/" + org + "/members", null).items().stream()
              .filter(m -> "owner".equals(m.get("role")))
              .count();
      assertThat(owners).isEqualTo(1);
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

  private static boolean tryMove(
      OrganizationStore store,
      TenancyDirectory directory,
      String orgId,
      String newParentId,
      AuditContext context) {
    try {
      store.move(
          directory.lineage(orgId, null).orElseThrow(),
          directory.lineage(newParentId, null).orElseThrow(),
          context);
      return true;
    } catch (RuntimeException refused) {
      // a version conflict or the own-subtree rule: either way, not moved
      return false;
    }
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
