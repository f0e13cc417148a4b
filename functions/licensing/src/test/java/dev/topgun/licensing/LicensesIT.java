package dev.topgun.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issuing, reading, validating, changing and revoking licenses issued by the operator. */
class LicensesIT {

  @RegisterExtension static final LicensingApi api = new LicensingApi();
  static final User OPERATOR = LicensingApi.OPERATOR;

  static String subscription(String features, String limits, String domains) {
    return "{\"licenseType\":\"subscription\",\"tier\":\"professional\",\"features\":["
        + features
        + "],\"limits\":{"
        + limits
        + "},\"authorizedDomains\":["
        + domains
        + "],\"expiresAt\":\"2099-01-01T00:00:00Z\",\"graceDays\":10}";
  }

  @Test
  void theOperatorIssuesAndTheKeyValidatesOnTheAuthorizedDomainsOnly() {
    User owner = User.named("reseller-a");
    String reseller = api.org(api.root, "master_branch", owner);
    Response issued =
        api.issue(
            OPERATOR,
            reseller,
            subscription(
                "\"white_label\",\"api_access\"",
                "\"max_users\":5,\"max_servers\":10",
                "\"panel.example.com\",\"*.Example.NET.\""));
    Map<String, Object> license = issued.body();
    String key = (String) license.get("key");
    assertThat(key).matches("TG(-[A-Z2-7]{5}){5}");
    assertThat(license)
        .containsEntry("organizationId", reseller)
        .containsEntry("licenseType", "subscription")
        .containsEntry("tier", "professional")
        .containsEntry("status", "active")
        .containsEntry("graceDays", 10)
        .containsEntry("expiresAt", "2099-01-01T00:00:00Z")
        .containsEntry("authorizedDomains", List.of("panel.example.com", "*.example.net"))
        .containsEntry("features", List.of("api_access", "white_label"))
        .containsEntry("limits", Map.of("max_servers", 10, "max_users", 5));

    Response valid = api.validate(key, "panel.example.com");
    assertThat(valid.status()).isEqualTo(200);
    assertThat(valid.body())
        .containsEntry("valid", true)
        .containsEntry("reason", null)
        .containsEntry("features", List.of("api_access", "white_label"))
        .containsEntry("limits", Map.of("max_servers", 10, "max_users", 5))
        .containsEntry("graceEndsAt", null);
    assertThat(api.validate(key.toLowerCase(), "PANEL.example.com.").body())
        .containsEntry("valid", true);
    assertThat(api.validate(key, "a.example.net").body()).containsEntry("valid", true);
    for (String host :
        List.of("example.net", "a.b.example.net", "panel.example.org", "example.com")) {
      assertThat(api.validate(key, host).body())
          .as(host)
          .containsEntry("valid", false)
          .containsEntry("reason", "domain_not_authorized")
          .containsEntry("features", List.of());
    }
    assertThat(api.validate(key, null).body()).containsEntry("reason", "domain_not_authorized");
    assertThat(api.validate("TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "panel.example.com").body())
        .containsEntry("valid", false)
        .containsEntry("reason", "not_found");
    assertThat(api.validate("not a key", "panel.example.com").body())
        .containsEntry("reason", "not_found");
    Response badDomain = api.validate(key, "not a host");
    assertThat(badDomain.status()).isEqualTo(400);
    assertThat(badDomain.raw()).contains("\"field\":\"domain\"");

    assertThat(api.published("LicenseIssued", issued.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.source()).isEqualTo("topgun.licensing");
              assertThat(e.organizationId()).isEqualTo(reseller);
            });
  }

  @Test
  void theLicenseeReadsItsLicenseButCannotChangeItAndStrangersSeeNothing() {
    User owner = User.named("reseller-b");
    User stranger = User.named("stranger-b");
    String reseller = api.org(api.root, "master_branch", owner);
    api.org(api.root, "master_branch", stranger);
    Response issued = api.issue(OPERATOR, reseller, subscription("", "", ""));
    String id = issued.id();
    String key = (String) issued.body().get("key");

    assertThat(api.call(owner, "GET", "/v1/licenses/" + id, null).status()).isEqualTo(200);
    Response list = api.call(owner, "GET", "/v1/organizations/" + reseller + "/licenses", null);
    assertThat(list.ids()).containsExactly(id);
    Response document = api.call(owner, "GET", "/v1/licenses/" + id + "/document", null);
    assertThat(document.status()).isEqualTo(200);
    assertThat(document.headers().get("content-type")).startsWith("application/jose");
    assertThat(document.raw()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    Response selfUpgrade =
        api.call(owner, "PATCH", "/v1/licenses/" + id, "{\"tier\":\"enterprise\"}");
    assertThat(selfUpgrade.status()).isEqualTo(403);
    assertThat(api.call(owner, "POST", "/v1/licenses/" + id + "/revoke", null).status())
        .isEqualTo(403);
    Response selfIssue =
        api.call(
            owner, "POST", "/v1/organizations/" + reseller + "/licenses", subscription("", "", ""));
    assertThat(selfIssue.status()).isEqualTo(403);

    for (String path :
        List.of(
            "/v1/licenses/" + id,
            "/v1/licenses/" + id + "/document",
            "/v1/organizations/" + reseller + "/licenses",
            "/v1/organizations/" + reseller + "/entitlements")) {
      Response hidden = api.call(stranger, "GET", path, null);
      assertThat(hidden.status()).as(path).isEqualTo(404);
      // The problem names the path the caller sent, nothing it did not know.
      assertThat(hidden.raw()).doesNotContain(key).doesNotContain("organizationId");
    }
    assertThat(api.call(stranger, "PATCH", "/v1/licenses/" + id, "{\"tier\":\"basic\"}").status())
        .isEqualTo(404);
    assertThat(api.call(null, "GET", "/v1/licenses/" + id, null).status()).isEqualTo(401);
  }

  @Test
  void aMemberReadsButOnlyOwnersAndAdminsOfTheIssuerWrite() {
    User owner = User.named("reseller-c");
    User viewer = User.named("viewer-c");
    String reseller = api.org(api.root, "master_branch", owner);
    api.member(reseller, viewer, Role.VIEWER);
    String id = api.issue(OPERATOR, reseller, subscription("", "", "")).id();
    assertThat(api.call(viewer, "GET", "/v1/licenses/" + id, null).status()).isEqualTo(200);
    assertThat(api.call(viewer, "POST", "/v1/licenses/" + id + "/suspend", null).status())
        .isEqualTo(403);
  }

  @Test
  void revocationCountsAtTheNextValidationAndANewLicenseMayFollow() {
    String reseller = api.org(api.root, "master_branch", User.named("reseller-d"));
    Response issued = api.issue(OPERATOR, reseller, subscription("", "", ""));
    String key = (String) issued.body().get("key");
    assertThat(api.validate(key, "anything.example.com").body()).containsEntry("valid", true);

    Response second =
        api.call(
            OPERATOR,
            "POST",
            "/v1/organizations/" + reseller + "/licenses",
            subscription("", "", ""));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.body()).containsEntry("licenseId", issued.id());

    Response revoked = api.call(OPERATOR, "POST", "/v1/licenses/" + issued.id() + "/revoke", null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body()).containsEntry("status", "revoked");
    assertThat(api.validate(key, "anything.example.com").body())
        .containsEntry("valid", false)
        .containsEntry("reason", "revoked");
    assertThat(
            api.call(OPERATOR, "PATCH", "/v1/licenses/" + issued.id(), "{\"tier\":\"basic\"}")
                .status())
        .isEqualTo(409);
    assertThat(api.call(OPERATOR, "POST", "/v1/licenses/" + issued.id() + "/resume", null).status())
        .isEqualTo(409);

    Response renewed = api.issue(OPERATOR, reseller, subscription("", "", ""));
    assertThat(api.validate((String) renewed.body().get("key"), "x.example.com").body())
        .containsEntry("valid", true);
    assertThat(api.validate(key, "x.example.com").body()).containsEntry("reason", "revoked");
    assertThat(api.call(OPERATOR, "GET", "/v1/organizations/" + reseller + "/licenses", null).ids())
        .containsExactly(renewed.id(), issued.id());
  }

  @Test
  void anIdempotencyKeyReplaysTheFirstIssue() {
    String reseller = api.org(api.root, "master_branch", User.named("reseller-h"));
    Map<String, String> key = Map.of("Idempotency-Key", "issue-" + reseller);
    String path = "/v1/organizations/" + reseller + "/licenses";
    Response first = api.call(OPERATOR, "POST", path, subscription("", "", ""), key);
    Response replay = api.call(OPERATOR, "POST", path, subscription("", "", ""), key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.id()).isEqualTo(first.id());
    assertThat(replay.body().get("key")).isEqualTo(first.body().get("key"));
    assertThat(api.call(OPERATOR, "GET", path, null).ids()).containsExactly(first.id());
    Response different =
        api.call(OPERATOR, "POST", path, subscription("\"white_label\"", "", ""), key);
    assertThat(different.status()).isEqualTo(422);
  }

  @Test
  void aSuspendedLicense_isInvalidUntilResumed() {
    String reseller = api.org(api.root, "master_branch", User.named("reseller-e"));
    Response issued = api.issue(OPERATOR, reseller, subscription("", "", ""));
    String key = (String) issued.body().get("key");
    assertThat(api.call(OPERATOR, "POST", "/v1/licenses/" + issued.id() + "/suspend", null).body())
        .containsEntry("status", "suspended");
    assertThat(api.validate(key, null).body()).containsEntry("reason", "suspended");
    assertThat(api.call(OPERATOR, "POST", "/v1/licenses/" + issued.id() + "/resume", null).body())
        .containsEntry("status", "active");
    assertThat(api.validate(key, null).body()).containsEntry("valid", true);
  }

  @Test
  void renewingAndChangingTermsReSignsTheDocument() {
    String reseller = api.org(api.root, "master_branch", User.named("reseller-f"));
    Response issued =
        api.issue(OPERATOR, reseller, subscription("\"white_label\"", "\"max_users\":5", ""));
    String before =
        api.call(OPERATOR, "GET", "/v1/licenses/" + issued.id() + "/document", null).raw();
    Response changed =
        api.call(
            OPERATOR,
            "PATCH",
            "/v1/licenses/" + issued.id(),
            "{\"tier\":\"enterprise\",\"expiresAt\":\"2100-06-01T00:00:00Z\",\"limits\":{\"max_users\":50},"
                + "\"features\":[\"white_label\",\"terraform_provisioning\"]}");
    assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
    assertThat(changed.body())
        .containsEntry("tier", "enterprise")
        .containsEntry("expiresAt", "2100-06-01T00:00:00Z")
        .containsEntry("limits", Map.of("max_users", 50))
        .containsEntry("features", List.of("terraform_provisioning", "white_label"))
        .containsEntry("key", issued.body().get("key"));
    String after =
        api.call(OPERATOR, "GET", "/v1/licenses/" + issued.id() + "/document", null).raw();
    assertThat(after).isNotEqualTo(before);
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(after.split("\\.")[1])))
        .contains("\"tier\":\"enterprise\"")
        .contains("\"expiresAt\":\"2100-06-01T00:00:00Z\"");
  }

  /** The fields a 400 names, in order. */
  @SuppressWarnings("unchecked")
  static List<String> fields(Response refused) {
    assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
    assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
    return ((List<Map<String, Object>>) refused.body().get("errors"))
        .stream().map(e -> (String) e.get("field")).toList();
  }

  Response issueTo(String orgId, String body) {
    return api.call(OPERATOR, "POST", "/v1/organizations/" + orgId + "/licenses", body);
  }

  @Test
  void badTerms_answer400NamingEveryBadFieldAtOnce() {
    // given
    String reseller = api.org(api.root, "master_branch", User.named("reseller-g"));

    // when
    Response bad =
        issueTo(
            reseller,
            "{\"licenseType\":\"forever\",\"tier\":\"gold\",\"features\":[\"time_travel\"],"
                + "\"limits\":{\"max_users\":-1,\"max_unicorns\":3},"
                + "\"authorizedDomains\":[\"not a domain\"],\"expiresAt\":\"soon\",\"graceDays\":9}");
    Response missing = issueTo(reseller, "{\"graceDays\":400}");

    // then
    assertThat(fields(bad))
        .containsExactly(
            "authorizedDomains[0]",
            "expiresAt",
            "features[0]",
            "licenseType",
            "limits.max_unicorns",
            "limits.max_users",
            "tier");
    assertThat(fields(missing)).containsExactly("graceDays", "licenseType", "tier");
    assertThat(
            api.call(OPERATOR, "GET", "/v1/organizations/" + reseller + "/licenses", null).items())
        .isEmpty();
  }

  @Test
  void termsTheRulesRefuse_andMalformedBodies_answer400() {
    // given
    String reseller = api.org(api.root, "master_branch", User.named("reseller-i"));

    // when / then
    assertThat(fields(issueTo(reseller, "{\"licenseType\":\"trial\",\"tier\":\"basic\"}")))
        .containsExactly("expiresAt");
    assertThat(
            fields(
                issueTo(
                    reseller,
                    "{\"licenseType\":\"perpetual\",\"tier\":\"basic\","
                        + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}")))
        .containsExactly("expiresAt");
    assertThat(
            fields(
                issueTo(
                    reseller,
                    "{\"licenseType\":\"subscription\",\"tier\":\"basic\","
                        + "\"expiresAt\":\"2001-01-01T00:00:00Z\"}")))
        .containsExactly("expiresAt");
    assertThat(issueTo(reseller, "{\"licenseType\":").status()).isEqualTo(400);
    assertThat(
            fields(
                issueTo(
                    reseller,
                    "{\"licenseType\":\"trial\",\"tier\":\"basic\",\"graceDays\":\"many\"}")))
        .containsExactly("graceDays");
    assertThat(
            api.call(OPERATOR, "GET", "/v1/organizations/" + reseller + "/licenses", null).items())
        .isEmpty();
  }

  @Test
  void anEmptyChange_anUnknownLicense_andTheOperatorsOwnOrganization_areRefused() {
    // given
    String unknown = "/v1/licenses/01ARZ3NDEKTSV4RRFFQ69G5FAV";

    // when / then: an empty change is refused before the license is looked up
    assertThat(api.call(OPERATOR, "PATCH", unknown, "{}").status()).isEqualTo(400);
    assertThat(api.call(OPERATOR, "PATCH", unknown, "{\"tier\":\"basic\"}").status())
        .isEqualTo(404);
    assertThat(api.call(OPERATOR, "GET", "/v1/licenses/not-an-id", null).status()).isEqualTo(404);
    Response root = issueTo(api.root, subscription("", "", ""));
    assertThat(root.status()).isEqualTo(409);
    assertThat(root.body()).containsEntry("reason", "operator_unlimited");
  }
}
