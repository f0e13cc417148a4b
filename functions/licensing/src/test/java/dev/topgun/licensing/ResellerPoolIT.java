package dev.topgun.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.entitlements.EntitlementsReader;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.Usage;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Resellers issuing out of their own pool, and what follows when their license changes. */
class ResellerPoolIT {

  @RegisterExtension static final LicensingApi api = new LicensingApi();
  static final User OPERATOR = LicensingApi.OPERATOR;

  static String license(String features, String limits, String expiresAt) {
    return "{\"licenseType\":\"subscription\",\"tier\":\"enterprise\",\"features\":["
        + features
        + "],\"limits\":{"
        + limits
        + "},\"expiresAt\":\""
        + expiresAt
        + "\"}";
  }

  /** A reseller licensed by the operator to resell 10 servers and 10 users. */
  record Reseller(String orgId, User owner, String licenseId) {}

  static Reseller reseller(String name, String features) {
    User owner = User.named(name);
    String org = api.org(api.root, "master_branch", owner);
    String id =
        api.issue(
                OPERATOR,
                org,
                license(features, "\"max_servers\":10,\"max_users\":10", "2099-01-01T00:00:00Z"))
            .id();
    return new Reseller(org, owner, id);
  }

  /** {@code parent}'s owner issues {@code orgId} a license out of its pool, ending in 2098. */
  static Response carve(Reseller parent, String orgId, String features, String limits) {
    return api.call(
        parent.owner(),
        "POST",
        "/v1/organizations/" + orgId + "/licenses",
        license(features, limits, "2098-01-01T00:00:00Z"));
  }

  @Test
  void aChildLicenseNeverHoldsMoreThanItsParent() {
    Reseller parent = reseller("pool-a", "\"resell_licenses\",\"white_label\"");
    String first = api.org(parent.orgId(), "sub_user", null);
    String second = api.org(parent.orgId(), "sub_user", null);

    Response carved =
        api.issue(
            parent.owner(),
            first,
            license(
                "\"white_label\"", "\"max_servers\":6,\"max_users\":4", "2098-01-01T00:00:00Z"));
    assertThat(carved.body()).containsEntry("issuerOrganizationId", parent.orgId());
    Usage usage = api.context.getBean(Usage.class);
    // Its owner (counted when the operator licensed it) and the 4 users handed down.
    assertThat(usage.current(parent.orgId(), Limit.MAX_USERS)).isEqualTo(5);

    Response tooMany = carve(parent, second, "", "\"max_servers\":5,\"max_users\":1");
    assertThat(tooMany.status()).as(tooMany.raw()).isEqualTo(409);
    assertThat(tooMany.body())
        .containsEntry("counter", "servers")
        .containsEntry("limit", 10)
        .containsEntry("usage", 6);
    assertThat(usage.current(parent.orgId(), Limit.MAX_USERS)).as("released").isEqualTo(5);

    Response notHeld =
        carve(parent, second, "\"payment_processing\"", "\"max_servers\":1,\"max_users\":1");
    assertThat(notHeld.status()).isEqualTo(400);
    assertThat(notHeld.raw()).contains("payment_processing is not in the issuer's license");

    Response outlives =
        api.call(
            parent.owner(),
            "POST",
            "/v1/organizations/" + second + "/licenses",
            license("", "\"max_servers\":1,\"max_users\":1", "2100-01-01T00:00:00Z"));
    assertThat(outlives.status()).isEqualTo(400);
    assertThat(outlives.raw()).contains("expiresAt");

    Response unlimitedServers = carve(parent, second, "", "\"max_users\":1");
    assertThat(unlimitedServers.status()).isEqualTo(400);
    assertThat(unlimitedServers.raw()).contains("limits.max_servers");
  }

  @Test
  void whatIsLeftOfThePoolFitsExactly_andRevokingAChildReturnsItsShare() {
    // given: 6 of the reseller's 10 servers handed down
    Reseller parent = reseller("pool-g", "\"resell_licenses\"");
    Response carved =
        carve(
            parent,
            api.org(parent.orgId(), "sub_user", null),
            "",
            "\"max_servers\":6,\"max_users\":4");
    assertThat(carved.status()).as(carved.raw()).isEqualTo(201);

    // when: the 4 servers left
    Response rest =
        carve(
            parent,
            api.org(parent.orgId(), "sub_user", null),
            "",
            "\"max_servers\":4,\"max_users\":5");

    // then: 6 + 4 servers handed down; the owner and 4 + 5 users
    assertThat(rest.status()).as(rest.raw()).isEqualTo(201);
    assertThat(usage(parent))
        .isEqualTo(
            Map.of(
                "servers",
                10,
                "users",
                10,
                "applications",
                0,
                "domains",
                0,
                "child_organizations",
                0,
                "cpu_cores",
                0,
                "memory_gb",
                0));
    api.call(parent.owner(), "POST", "/v1/licenses/" + carved.id() + "/revoke", null);
    assertThat(usage(parent)).containsEntry("servers", 4);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> usage(Reseller parent) {
    Response entitlements =
        api.call(
            parent.owner(), "GET", "/v1/organizations/" + parent.orgId() + "/entitlements", null);
    assertThat(entitlements.body()).containsEntry("poolOrganizationId", parent.orgId());
    return (Map<String, Object>) entitlements.body().get("usage");
  }

  @Test
  void aDowngradeBelowUsageMakesValidationAnswerLimitsExceeded() {
    Reseller parent = reseller("pool-f", "\"resell_licenses\"");
    String child = api.org(parent.orgId(), "sub_user", null);
    api.issue(
        parent.owner(),
        child,
        license("", "\"max_servers\":8,\"max_users\":2", "2098-01-01T00:00:00Z"));
    String key =
        (String)
            api.call(OPERATOR, "GET", "/v1/licenses/" + parent.licenseId(), null).body().get("key");
    assertThat(api.validate(key, null).body()).containsEntry("valid", true);

    Response downgraded =
        api.call(
            OPERATOR,
            "PATCH",
            "/v1/licenses/" + parent.licenseId(),
            "{\"tier\":\"basic\",\"limits\":{\"max_servers\":5,\"max_users\":10}}");
    assertThat(downgraded.status()).as(downgraded.raw()).isEqualTo(200);
    assertThat(api.validate(key, null).body())
        .containsEntry("valid", false)
        .containsEntry("reason", "limits_exceeded");
    // Nothing more fits until usage falls below the new limit.
    Response more =
        api.call(
            parent.owner(),
            "POST",
            "/v1/organizations/" + api.org(parent.orgId(), "sub_user", null) + "/licenses",
            license("", "\"max_servers\":1,\"max_users\":1", "2098-01-01T00:00:00Z"));
    assertThat(more.status()).isEqualTo(409);
  }

  @Test
  void withoutResellLicensesAResellerCannotIssue() {
    Reseller parent = reseller("pool-b", "\"white_label\"");
    String child = api.org(parent.orgId(), "sub_user", null);
    Response refused = carve(parent, child, "", "\"max_servers\":1,\"max_users\":1");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).containsEntry("feature", "resell_licenses");
  }

  @Test
  void revokingOrSuspendingTheParentSuspendsTheChildrenAndChangesFlowDown() {
    Reseller parent = reseller("pool-c", "\"resell_licenses\",\"white_label\",\"api_access\"");
    String child = api.org(parent.orgId(), "sub_user", null);
    String grandchild = api.org(child, "end_user", null);
    Response childLicense =
        api.issue(
            parent.owner(),
            child,
            license(
                "\"resell_licenses\",\"white_label\",\"api_access\"",
                "\"max_servers\":5,\"max_users\":5",
                "2098-01-01T00:00:00Z"));
    User childOwner = User.named("pool-c-child");
    api.member(child, childOwner, Role.OWNER);
    Response grandchildLicense =
        api.issue(
            childOwner,
            grandchild,
            license("\"api_access\"", "\"max_servers\":2,\"max_users\":2", "2097-01-01T00:00:00Z"));
    String childKey = (String) childLicense.body().get("key");
    String grandchildKey = (String) grandchildLicense.body().get("key");

    // A change of the parent's features flows down to every license carved from it.
    Response narrowed =
        api.call(
            OPERATOR,
            "PATCH",
            "/v1/licenses/" + parent.licenseId(),
            "{\"features\":[\"resell_licenses\",\"white_label\"]}");
    assertThat(narrowed.status()).as(narrowed.raw()).isEqualTo(200);
    assertThat(api.call(OPERATOR, "GET", "/v1/licenses/" + childLicense.id(), null).body())
        .containsEntry("features", List.of("resell_licenses", "white_label"));
    assertThat(api.call(OPERATOR, "GET", "/v1/licenses/" + grandchildLicense.id(), null).body())
        .containsEntry("features", List.of());

    api.call(OPERATOR, "POST", "/v1/licenses/" + parent.licenseId() + "/suspend", null);
    assertThat(api.validate(childKey, null).body()).containsEntry("reason", "suspended");
    assertThat(api.validate(grandchildKey, null).body()).containsEntry("reason", "suspended");
    // The reseller's licenses are its licensed feature: frozen while its own license is.
    Response blocked =
        api.call(parent.owner(), "POST", "/v1/licenses/" + childLicense.id() + "/resume", null);
    assertThat(blocked.status()).isEqualTo(403);
    assertThat(blocked.body()).containsEntry("feature", "resell_licenses");
    assertThat(
            api.call(OPERATOR, "POST", "/v1/licenses/" + childLicense.id() + "/resume", null)
                .status())
        .isEqualTo(403);

    api.call(OPERATOR, "POST", "/v1/licenses/" + parent.licenseId() + "/resume", null);
    assertThat(api.validate(childKey, null).body()).containsEntry("valid", true);
    assertThat(api.validate(grandchildKey, null).body()).containsEntry("valid", true);

    api.call(OPERATOR, "POST", "/v1/licenses/" + parent.licenseId() + "/revoke", null);
    assertThat(api.validate(childKey, null).body()).containsEntry("reason", "suspended");
    assertThat(api.validate(grandchildKey, null).body()).containsEntry("reason", "suspended");
    assertThat(api.call(OPERATOR, "GET", "/v1/licenses/" + childLicense.id(), null).body())
        .containsEntry("status", "suspended");
  }

  @Test
  void aLicensedSubtreeTakesItsUsageAlong() {
    Reseller parent = reseller("pool-d", "\"resell_licenses\"");
    String child = api.org(parent.orgId(), "sub_user", User.named("pool-d-child"));
    api.org(child, "end_user", User.named("pool-d-customer"));
    // Seeded straight into the table: count them into the parent's pool as organizations does.
    Usage usage = api.context.getBean(Usage.class);
    EntitlementsReader reader = api.context.getBean(EntitlementsReader.class);
    usage.reserve(reader.of(List.of(parent.orgId())), Limit.MAX_USERS, 2);
    api.issue(
        parent.owner(),
        child,
        license("", "\"max_servers\":1,\"max_users\":3", "2098-01-01T00:00:00Z"));
    // The child's two memberships now count in its own pool; the parent gave them up and holds
    // its own owner and the 3 users handed down instead. Organizations are limited by neither
    // license: not counted.
    assertThat(usage.current(child, Limit.MAX_USERS)).isEqualTo(2);
    assertThat(usage.current(child, Limit.MAX_CHILD_ORGANIZATIONS)).isZero();
    assertThat(usage.current(parent.orgId(), Limit.MAX_USERS)).isEqualTo(1 + 3);
  }

  @Test
  void fiftyConcurrentIssues_ofOneServerEach_fromAPoolOfTen_exactlyTenSucceed() throws Exception {
    // given: 50 customers of a reseller that resells 10 servers
    Reseller pool = reseller("pool-e", "\"resell_licenses\"");
    List<String> customers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      customers.add(api.org(pool.orgId(), "sub_user", null));
    }
    String one = license("", "\"max_servers\":1,\"max_users\":0", "2098-01-01T00:00:00Z");

    // when: each is licensed for one server, all at once
    List<Integer> statuses = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Integer>> issues = new ArrayList<>();
      for (String customer : customers) {
        issues.add(
            () ->
                api.call(pool.owner(), "POST", "/v1/organizations/" + customer + "/licenses", one)
                    .status());
      }
      for (Future<Integer> status : threads.invokeAll(issues)) {
        statuses.add(status.get());
      }
    } finally {
      threads.shutdownNow();
    }

    // then: ten licensed, the others refused for the pool's limit, the pool holding exactly 10
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(10);
    assertThat(statuses).filteredOn(s -> s != 201).hasSize(40).containsOnly(409);
    assertThat(usage(pool)).containsEntry("servers", 10);
    assertThat(api.outbox().named("LicenseIssued"))
        .filteredOn(e -> customers.contains(e.organizationId()))
        .hasSize(10);
    // Each crossing of the pool's limit reported once, by the issue that made it, with it.
    assertThat(api.outbox().named("LimitThresholdCrossed"))
        .filteredOn(e -> pool.orgId().equals(e.organizationId()))
        .extracting(e -> e.detail().contains("\"percent\":80") ? 80 : 100)
        .containsExactlyInAnyOrder(80, 100);
  }
}
