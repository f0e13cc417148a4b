package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.entitlements.LicenseItem;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.Usage;
import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.OutboxEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Organizations and memberships draw on the license pool of the nearest licensed organization at or
 * above them ({@code max_child_organizations}, {@code max_users}), through shared-lib's
 * entitlements contract. Licenses are written here as the licensing function will write them.
 */
class EntitlementsIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();
  @RegisterExtension static final MailedApi MAILED = new MailedApi(TABLE);

  private static final User OPERATOR = Api.OPERATOR;
  private static final String THRESHOLD_NOTICES =
      "dev.topgun.organizations.consumers.ThresholdNotices";
  private static Api api;
  private static SingleTableStore store;
  private static Usage usage;

  @BeforeAll
  static void start() {
    api = MAILED.api();
    store = api.context.getBean(SingleTableStore.class);
    usage = api.context.getBean(Usage.class);
  }

  @Test
  void crossing80And100Percent_putsOneEventEachInTheOutbox_andItsDeliveryMailsTheOwnersOnce() {
    // given
    String reseller = api.create(OPERATOR, api.root, "notice-reseller", "master_branch");
    User owner = User.named("notice-owner");
    api.addMember(OPERATOR, reseller, owner, "owner");
    license(reseller, Map.of("max_child_organizations", 5L));

    // when: 5 fit (the 4th crosses 80 %, the 5th 100 %), the 6th is refused
    for (int i = 1; i <= 5; i++) {
      api.create(OPERATOR, reseller, "notice-c" + i, "end_user");
    }
    assertThat(createChild(reseller, "notice-c6", "end_user").status()).isEqualTo(409);

    // then: one event per crossing, each written with the creation that crossed
    List<OutboundEvent> crossings = crossingsOf(reseller);
    assertThat(crossings)
        .extracting(e -> api.parse(e.detail()).get("data"))
        .containsExactly(crossing(reseller, 80, 4, 5), crossing(reseller, 100, 5, 5));
    assertThat(crossings).allMatch(e -> e.source().equals("topgun.organizations"));

    // when: the relay publishes them, and EventBridge delivers the first one twice
    Deliveries deliveries = new Deliveries(api);
    List<String> outcomes = new ArrayList<>();
    for (OutboundEvent crossing : List.of(crossings.get(0), crossings.get(0), crossings.get(1))) {
      outcomes.add(Deliveries.outcome(deliveries.deliver(crossing), THRESHOLD_NOTICES));
    }

    // then: each crossing mailed to the owner exactly once
    assertThat(outcomes).containsExactly("PROCESSED", "DUPLICATE", "PROCESSED");
    assertThat(MAILED.inbox().settledTo(owner.email(), MAILED.mailer()))
        .extracting(Inbox.Message::subject)
        .containsExactlyInAnyOrder(
            "Your plan's max_child_organizations is at 80 %",
            "Your plan's max_child_organizations is at 100 %");
  }

  @Test
  void aCrossingWhoseChangeFails_neverExisted_andTheSlotIsGivenBack() {
    // given: 3 of 5 used, and a slug that is taken
    String reseller = api.create(OPERATOR, api.root, "undone-reseller", "master_branch");
    license(reseller, Map.of("max_child_organizations", 5L));
    for (int i = 1; i <= 3; i++) {
      api.create(OPERATOR, reseller, "undone-c" + i, "end_user");
    }

    // when: the 4th would cross 80 %, but its slug is taken
    Response refused = createChild(reseller, "undone-c1", "end_user");

    // then: no crossing, no slot; the next 4th crosses and reports it
    assertThat(refused.status()).isEqualTo(409);
    assertThat(crossingsOf(reseller)).isEmpty();
    assertThat(usage.current(reseller, Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(3);
    api.create(OPERATOR, reseller, "undone-c4", "end_user");
    assertThat(crossingsOf(reseller)).hasSize(1);
  }

  @Test
  void aResellerCreatesUpToItsChildOrganizationLimit_thenGets409WithLimitAndUsage() {
    // given
    String reseller = api.create(OPERATOR, api.root, "pool-reseller", "master_branch");
    license(reseller, Map.of("max_child_organizations", 2L));

    // when
    api.create(OPERATOR, reseller, "pool-c1", "end_user");
    api.create(OPERATOR, reseller, "pool-c2", "end_user");
    Response third = createChild(reseller, "pool-c3", "end_user");

    // then
    assertThat(third.status()).isEqualTo(409);
    assertThat(third.body())
        .containsEntry("type", "https://topgun.dev/problems/limit-exceeded")
        .containsEntry("counter", "child_organizations")
        .containsEntry("limit", 2)
        .containsEntry("usage", 2);
    assertThat(usage.current(reseller, Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(2);
    // the operator's own tree has no license: unlimited
    api.create(OPERATOR, api.root, "pool-free-1", "master_branch");
    api.create(OPERATOR, api.root, "pool-free-2", "master_branch");
  }

  @Test
  void fiftyConcurrentCreationsAgainstALimitOfTen_reserveExactlyTen() throws Exception {
    // given
    String reseller = api.create(OPERATOR, api.root, "race-pool", "master_branch");
    license(reseller, Map.of("max_child_organizations", 10L));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Response>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String slug = "race-pool-c" + i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return createChild(reseller, slug, "end_user");
                }));
      }

      // when
      go.countDown();
      List<Response> answers = new ArrayList<>();
      for (Future<Response> result : results) {
        answers.add(result.get());
      }

      // then: 10 created; every other one refused by the limit (or, racing the parent's version,
      // as a conflict it lost), never anything else
      assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(10);
      assertThat(answers)
          .filteredOn(a -> a.status() != 201)
          .allSatisfy(
              a ->
                  assertThat(a.body().get("type"))
                      .as(a.raw())
                      .isIn(
                          "https://topgun.dev/problems/limit-exceeded",
                          "https://topgun.dev/problems/version-conflict"));
      assertThat(usage.current(reseller, Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(10);
      assertThat(
              api.call(OPERATOR, "GET", "/v1/organizations/" + reseller + "/children", null).ids())
          .hasSize(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void membershipsAcrossTheSubtree_countAgainstMaxUsers_andARemovalFreesASlot() {
    // given
    String reseller = api.create(OPERATOR, api.root, "users-pool", "master_branch");
    String customer = api.create(OPERATOR, reseller, "users-pool-c", "end_user");
    license(reseller, Map.of("max_users", 2L));
    User first = User.named("users-pool-1");
    User second = User.named("users-pool-2");
    User third = User.named("users-pool-3");

    // when
    Response one = addMember(reseller, first);
    Response two = addMember(customer, second);
    Response three = addMember(customer, third);

    // then
    assertThat(one.status()).isEqualTo(201);
    assertThat(two.status()).isEqualTo(201);
    assertThat(three.status()).isEqualTo(409);
    assertThat(three.body()).containsEntry("counter", "users").containsEntry("limit", 2);
    assertThat(
            api.call(
                    OPERATOR,
                    "DELETE",
                    "/v1/organizations/" + reseller + "/members/" + first.sub(),
                    null)
                .status())
        .isEqualTo(204);
    assertThat(addMember(customer, third).status()).isEqualTo(201);
    assertThat(usage.current(reseller, Limit.MAX_USERS)).isEqualTo(2);
  }

  @Test
  void aMoveTakesItsShareToTheNewPool_orIsRefusedWhenItDoesNotFit() {
    // given: reseller A (licensed) > agency > customer with a member; reseller B with room for 1
    String resellerA = api.create(OPERATOR, api.root, "move-pool-a", "master_branch");
    String resellerB = api.create(OPERATOR, api.root, "move-pool-b", "master_branch");
    license(resellerA, Map.of("max_child_organizations", 10L, "max_users", 10L));
    license(resellerB, Map.of("max_child_organizations", 1L, "max_users", 10L));
    String agency = api.create(OPERATOR, resellerA, "move-pool-agency", "sub_user");
    String customer = api.create(OPERATOR, agency, "move-pool-customer", "end_user");
    assertThat(addMember(customer, User.named("move-pool-member")).status()).isEqualTo(201);

    // when: the agency and its customer need 2 slots in B, which has 1
    Response refused = move(agency, resellerB);

    // then: nothing moved, nothing counted
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).containsEntry("counter", "child_organizations");
    assertThat(usage.current(resellerA, Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(2);
    assertThat(usage.current(resellerB, Limit.MAX_CHILD_ORGANIZATIONS)).isZero();
    assertThat(usage.current(resellerB, Limit.MAX_USERS)).isZero();

    // when B has room
    license(resellerB, Map.of("max_child_organizations", 5L, "max_users", 10L));
    Response moved = move(agency, resellerB);

    // then the share went with it
    assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
    assertThat(usage.current(resellerA, Limit.MAX_CHILD_ORGANIZATIONS)).isZero();
    assertThat(usage.current(resellerA, Limit.MAX_USERS)).isZero();
    assertThat(usage.current(resellerB, Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(2);
    assertThat(usage.current(resellerB, Limit.MAX_USERS)).isEqualTo(1);
  }

  @Test
  void anOrganizationWithItsOwnLicense_isItsSubtreesPool() {
    // given
    String reseller = api.create(OPERATOR, api.root, "nest-reseller", "master_branch");
    license(reseller, Map.of("max_child_organizations", 10L));
    String agency = api.create(OPERATOR, reseller, "nest-agency", "sub_user");
    license(agency, Map.of("max_child_organizations", 1L));

    // when
    api.create(OPERATOR, agency, "nest-c1", "end_user");
    Response second = createChild(agency, "nest-c2", "end_user");

    // then
    assertThat(second.status()).isEqualTo(409);
    assertThat(usage.current(agency, Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(1);
    assertThat(usage.current(reseller, Limit.MAX_CHILD_ORGANIZATIONS)).isEqualTo(1);
  }

  /** The data of {@code LimitThresholdCrossed} for child organizations, as a JSON object. */
  private static Map<String, Object> crossing(String pool, int percent, int used, int max) {
    return Map.of(
        "organizationId",
        pool,
        "limit",
        "max_child_organizations",
        "percent",
        percent,
        "usage",
        used,
        "max",
        max);
  }

  private static List<OutboundEvent> crossingsOf(String pool) {
    return OutboxEvents.of(TABLE).about(pool).stream()
        .filter(e -> e.detailType().equals("LimitThresholdCrossed"))
        .toList();
  }

  private static void license(String orgId, Map<String, Long> limits) {
    store.put(
        LicenseItem.SCHEMA, LicenseItem.of("lic-" + orgId, orgId, "active", List.of(), limits));
  }

  private static Response createChild(String parent, String slug, String type) {
    return api.call(
        OPERATOR,
        "POST",
        "/v1/organizations/" + parent + "/children",
        "{\"name\":\"n\",\"slug\":\"" + slug + "\",\"hierarchyType\":\"" + type + "\"}");
  }

  private static Response addMember(String orgId, User user) {
    assertThat(api.call(user, "GET", "/v1/me", null).status()).isEqualTo(200);
    return api.call(
        OPERATOR,
        "POST",
        "/v1/organizations/" + orgId + "/members",
        "{\"userId\":\"" + user.sub() + "\",\"role\":\"member\"}");
  }

  private static Response move(String orgId, String newParentId) {
    return api.call(
        OPERATOR,
        "POST",
        "/v1/organizations/" + orgId + "/move",
        "{\"newParentId\":\"" + newParentId + "\"}");
  }
}
