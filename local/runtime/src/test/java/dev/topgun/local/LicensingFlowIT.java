package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.topgun.local.RuntimeClient.Answer;
import dev.topgun.local.RuntimeClient.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The licensing function through the local runtime, with the organizations function beside it: real
 * cognito-local tokens, the route table (the public validate route throttled as in API Gateway),
 * KMS-sealed signing keys in the runtime's KMS. Time moves only when a test moves it: the
 * functions' clock ({@link LocalRuntime#advanceClock}) for grace and expiry, the throttles' own
 * ({@code throttleTime}) for the validate route's bucket — so nothing here waits for seconds to
 * pass or depends on how fast the machine sends requests.
 */
class LicensingFlowIT {

  @TempDir static Path data;

  /** What the route throttles' buckets refill on; it stands still unless a test moves it. */
  static final AtomicReference<Instant> throttleTime = new AtomicReference<>(Instant.now());

  static LocalRuntime runtime;
  static RuntimeClient client;
  static String operator;
  static String root;

  @BeforeAll
  static void start() {
    // The declared rules and schedules; the licensing sweep fires every 2 s instead of 15 minutes.
    runtime =
        LocalRuntime.start(
            LocalConfig.defaults()
                .withFreePorts()
                .withDataDir(data)
                .withSchedulePeriod(Duration.ofSeconds(2))
                .withThrottleTime(throttleTime::get));
    client = new RuntimeClient(runtime);
    operator = client.operatorToken();
    root = runtime.rootOrganizationId();
  }

  /** Every test starts with the validate route's bucket full (a minute refills it). */
  @BeforeEach
  void refillTheThrottles() {
    throttleTime.updateAndGet(t -> t.plus(Duration.ofMinutes(1)));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  static String license(
      String features, String limits, String domains, Instant expiresAt, int graceDays) {
    return "{\"licenseType\":\"subscription\",\"tier\":\"professional\",\"features\":["
        + features
        + "],\"limits\":{"
        + limits
        + "},\"authorizedDomains\":["
        + domains
        + "],\"expiresAt\":\""
        + expiresAt
        + "\",\"graceDays\":"
        + graceDays
        + "}";
  }

  /** A reseller under the root, created by the operator, with {@code owner} as its owner. */
  static String ownedReseller(User owner, String slug) throws Exception {
    assertThat(client.call(owner.token(), "GET", "/v1/me", null).status()).isEqualTo(200);
    String reseller = client.createChild(operator, root, slug, "master_branch");
    Answer added =
        client.call(
            operator,
            "POST",
            "/v1/organizations/" + reseller + "/members",
            "{\"userId\":\"" + owner.sub() + "\",\"role\":\"owner\"}");
    assertThat(added.status()).as(added.raw()).isEqualTo(201);
    return reseller;
  }

  /** {@code days} from the functions' "now", to the second. */
  static Instant inDays(int days) {
    return runtime.functionTime().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
  }

  static Answer issue(String token, String orgId, String body) throws Exception {
    Answer issued = client.call(token, "POST", "/v1/organizations/" + orgId + "/licenses", body);
    assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
    return issued;
  }

  static Answer validate(String key, String domain) throws Exception {
    return client.call(
        null,
        "POST",
        "/v1/licenses/validate",
        "{\"key\":\""
            + key
            + "\""
            + (domain == null ? "" : ",\"domain\":\"" + domain + "\"")
            + "}");
  }

  @Test
  void issueValidateUseUpALimitThen409AndRevoke() throws Exception {
    User owner = client.signUp("licensed-owner");
    String reseller = ownedReseller(owner, "licensed");

    Answer issued =
        issue(
            operator,
            reseller,
            license(
                "\"white_label\"",
                "\"max_child_organizations\":2,\"max_users\":5",
                "\"panel.reseller.example\",\"*.customers.example\"",
                inDays(365),
                14));
    String key = issued.body().path("key").asText();
    assertThat(validate(key, "panel.reseller.example").body().path("valid").asBoolean()).isTrue();
    assertThat(validate(key, "shop.customers.example").body().path("valid").asBoolean()).isTrue();
    assertThat(validate(key, "customers.example").body().path("reason").asText())
        .isEqualTo("domain_not_authorized");

    // The license's organization limit, used up through the organizations function.
    client.createChild(owner.token(), reseller, "customer-1", "sub_user");
    client.createChild(owner.token(), reseller, "customer-2", "sub_user");
    Answer third =
        client.call(
            owner.token(),
            "POST",
            "/v1/organizations/" + reseller + "/children",
            RuntimeClient.childBody("customer-3", "sub_user"));
    assertThat(third.status()).as(third.raw()).isEqualTo(409);
    assertThat(third.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(third.body().path("limit").asLong()).isEqualTo(2);
    assertThat(third.body().path("usage").asLong()).isEqualTo(2);
    Answer entitlements =
        client.call(owner.token(), "GET", "/v1/organizations/" + reseller + "/entitlements", null);
    assertThat(entitlements.body().path("usage").path("child_organizations").asLong()).isEqualTo(2);
    assertThat(entitlements.body().path("features").toString()).isEqualTo("[\"white_label\"]");

    Answer revoked =
        client.call(
            operator,
            "POST",
            "/v1/licenses/" + issued.body().path("id").asText() + "/revoke",
            null);
    assertThat(revoked.status()).isEqualTo(200);
    Answer after = validate(key, "panel.reseller.example");
    assertThat(after.body().path("valid").asBoolean()).isFalse();
    assertThat(after.body().path("reason").asText()).isEqualTo("revoked");
  }

  @Test
  void aResellerIssuesWithinItsPoolAndRevokingItSuspendsWhatItIssued() throws Exception {
    User owner = client.signUp("pool-owner");
    String reseller = ownedReseller(owner, "pool");
    Instant ends = inDays(365);
    String resellerLicense =
        issue(
                operator,
                reseller,
                license(
                    "\"resell_licenses\",\"white_label\"",
                    "\"max_servers\":10,\"max_users\":10",
                    "",
                    ends,
                    14))
            .body()
            .path("id")
            .asText();
    String first = client.createChild(owner.token(), reseller, "pool-customer-1", "sub_user");
    String second = client.createChild(owner.token(), reseller, "pool-customer-2", "sub_user");

    Answer carved =
        issue(
            owner.token(),
            first,
            license("\"white_label\"", "\"max_servers\":7,\"max_users\":3", "", ends, 14));
    String carvedKey = carved.body().path("key").asText();
    Answer tooMany =
        client.call(
            owner.token(),
            "POST",
            "/v1/organizations/" + second + "/licenses",
            license("", "\"max_servers\":4,\"max_users\":1", "", ends, 14));
    assertThat(tooMany.status()).as(tooMany.raw()).isEqualTo(409);
    assertThat(tooMany.body().path("counter").asText()).isEqualTo("servers");
    Answer notHeld =
        client.call(
            owner.token(),
            "POST",
            "/v1/organizations/" + second + "/licenses",
            license("\"payment_processing\"", "\"max_servers\":1,\"max_users\":1", "", ends, 14));
    assertThat(notHeld.status()).isEqualTo(400);
    assertThat(validate(carvedKey, null).body().path("valid").asBoolean()).isTrue();

    client.call(operator, "POST", "/v1/licenses/" + resellerLicense + "/revoke", null);
    Answer suspended = validate(carvedKey, null);
    assertThat(suspended.body().path("valid").asBoolean()).isFalse();
    assertThat(suspended.body().path("reason").asText()).isEqualTo("suspended");
  }

  @Test
  void graceWarnsThenExpiredRefusesLicensedWritesButReads() throws Exception {
    // given: two resellers whose licenses end tomorrow, one with 3 days' grace, one with none,
    // each with a license carved for a customer while active
    String graceful = client.createChild(operator, root, "graceful", "master_branch");
    String lapsing = client.createChild(operator, root, "lapsing", "master_branch");
    String gracefulCustomer = client.createChild(operator, graceful, "g-customer", "sub_user");
    String lapsingCustomer = client.createChild(operator, lapsing, "l-customer", "sub_user");
    Instant ends = inDays(1);
    String gracefulKey =
        issue(operator, graceful, license("\"resell_licenses\"", "\"max_users\":5", "", ends, 3))
            .body()
            .path("key")
            .asText();
    String lapsingKey =
        issue(operator, lapsing, license("\"resell_licenses\"", "\"max_users\":5", "", ends, 0))
            .body()
            .path("key")
            .asText();
    String carvedInGrace =
        issue(operator, gracefulCustomer, license("", "\"max_users\":1", "", ends, 0))
            .body()
            .path("id")
            .asText();
    String carvedExpired =
        issue(operator, lapsingCustomer, license("", "\"max_users\":1", "", ends, 0))
            .body()
            .path("id")
            .asText();

    // when: the functions' time moves past the end
    runtime.advanceClock(Duration.ofHours(25));

    // then: in grace, licensed writes work and warn; after it, they are refused and reads work
    Answer grace = validate(gracefulKey, null);
    assertThat(grace.body().path("valid").asBoolean()).isTrue();
    assertThat(grace.body().path("graceEndsAt").asText())
        .isEqualTo(ends.plus(3, ChronoUnit.DAYS).toString());
    Answer warned =
        client.call(
            operator, "PATCH", "/v1/licenses/" + carvedInGrace, "{\"tier\":\"enterprise\"}");
    assertThat(warned.status()).as(warned.raw()).isEqualTo(200);
    assertThat(warned.headers().firstValue("warning").orElse("")).startsWith("299 topgun ");
    assertThat(validate(lapsingKey, null).body().path("reason").asText()).isEqualTo("expired");
    Answer refused =
        client.call(
            operator, "PATCH", "/v1/licenses/" + carvedExpired, "{\"tier\":\"enterprise\"}");
    assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
    assertThat(refused.body().path("feature").asText()).isEqualTo("resell_licenses");
    Answer read = client.call(operator, "GET", "/v1/licenses/" + carvedExpired, null);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().path("tier").asText()).isEqualTo("professional");
    assertThat(read.body().path("status").asText()).isEqualTo("expired");
  }

  @Test
  void theSweepAnnouncesAnExpiryAndTheOwnerGetsTheMail() throws Exception {
    // given: a license that ends tomorrow without grace
    User owner = client.signUp("expiry-owner");
    String org = ownedReseller(owner, "expiring");
    issue(operator, org, license("", "\"max_users\":5", "", inDays(1), 0));

    // when: the functions' time moves past its end
    runtime.advanceClock(Duration.ofHours(25));

    // then: the schedule runs the sweep, whose notice goes through the outbox, the relay and the
    // bus to the organizations function, which mails the owner. awaitMailTo asserts it is the only
    // mail; that later sweeps announce nothing again is ExpiryIT's (the sweep run twice).
    JsonNode mail = client.awaitMailTo(owner.email(), Duration.ofSeconds(40));
    assertThat(mail.path("subject").asText()).containsIgnoringCase("expired");
  }

  @Test
  void theDocumentVerifiesOfflineWithThePublishedKeysAcrossARotation() throws Exception {
    String org = client.createChild(operator, root, "documented", "master_branch");
    String id =
        issue(operator, org, license("\"api_access\"", "\"max_servers\":3", "", inDays(30), 7))
            .body()
            .path("id")
            .asText();
    String document = client.call(operator, "GET", "/v1/licenses/" + id + "/document", null).raw();
    assertThat(verifies(document, client.call(null, "GET", "/v1/licensing/keys", null).body()))
        .isTrue();

    Answer rotated = client.call(operator, "POST", "/v1/licensing/keys/rotate", null);
    assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
    JsonNode keys = client.call(null, "GET", "/v1/licensing/keys", null).body();
    assertThat(keys.path("keys").size()).isGreaterThanOrEqualTo(2);
    assertThat(verifies(document, keys)).as("signed before the rotation").isTrue();
    String[] parts = document.split("\\.");
    String changed =
        parts[0]
            + "."
            + parts[1]
            + "."
            + (parts[2].startsWith("A") ? "B" : "A")
            + parts[2].substring(1);
    assertThat(verifies(changed, keys)).isFalse();
  }

  @Test
  void validateIsThrottledAsTheRouteTableSays() throws Exception {
    // given: the route's bucket (burst 100, 50 a second) full, its time standing still
    String unknown = "TG-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA";

    // when / then: exactly the burst passes, to the function
    for (int i = 0; i < 100; i++) {
      Answer passed = validate(unknown, null);
      assertThat(passed.status()).as("request %d: %s", i, passed.raw()).isEqualTo(200);
      assertThat(passed.body().path("reason").asText()).isEqualTo("not_found");
    }
    Answer throttled = validate(unknown, null);
    assertThat(throttled.status()).as(throttled.raw()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(throttled.headers().firstValue("retry-after")).contains("1");

    // and 20 ms later exactly one more (50 a second)
    throttleTime.updateAndGet(t -> t.plus(Duration.ofMillis(20)));
    assertThat(validate(unknown, null).status()).isEqualTo(200);
    assertThat(validate(unknown, null).status()).isEqualTo(429);
  }

  /** Verifies a compact JWS with the JWK Set, independently of the function's code. */
  static boolean verifies(String document, JsonNode jwks) throws Exception {
    String[] parts = document.split("\\.");
    JsonNode header = dev.topgun.emulators.Json.parse(Base64.getUrlDecoder().decode(parts[0]));
    for (JsonNode jwk : jwks.path("keys")) {
      if (jwk.path("kid").asText().equals(header.path("kid").asText())) {
        byte[] der =
            HexFormat.of()
                .parseHex(
                    "302a300506032b6570032100"
                        + HexFormat.of()
                            .formatHex(Base64.getUrlDecoder().decode(jwk.path("x").asText())));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        try {
          return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (IllegalArgumentException | java.security.SignatureException e) {
          return false;
        }
      }
    }
    return false;
  }
}
