package dev.topgun.shared.entitlements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.http.Transport;
import dev.topgun.shared.http.Transport.Call;
import dev.topgun.shared.http.Transport.Reply;
import dev.topgun.shared.http.Transports;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.testing.LocalTable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The feature gate on the HTTP server and behind the Lambda handler: licenses written to the local
 * table as the licensing function will write them, on a reseller whose customer uses the feature
 * (the customer draws on the reseller's pool).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeatureGateIT {

  @RegisterExtension static final LocalTable TABLE = new LocalTable();

  private List<Transport> transports;
  private SingleTableStore store;
  private JsonMapper json;

  @BeforeAll
  void start() {
    Map<String, Object> properties = new HashMap<>(TABLE.properties());
    properties.put("topgun.domain", "test");
    transports = Transports.start(properties);
    store = transports.get(0).context().getBean(SingleTableStore.class);
    json = transports.get(0).context().getBean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    transports.forEach(Transport::close);
  }

  Stream<Transport> transports() {
    return transports.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void noLicenseUpTheTree_allows(Transport transport) {
    String customer = customerOf(null);

    assertThat(transport.send(Call.of("POST", path(customer))).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aLicenseWithoutTheFeature_is403NamingIt(Transport transport) throws IOException {
    String customer = customerOf(license("active", List.of("api_access"), farFuture(), 7));

    Reply reply = transport.send(Call.of("GET", path(customer)));

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(body(reply))
        .containsEntry("feature", "white_label")
        .containsEntry("reason", "feature_not_licensed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void inGrace_itWorks_andWarns(Transport transport) {
    Instant expired = Instant.now().minus(Duration.ofDays(1));
    String customer = customerOf(license("active", List.of("white_label"), expired, 7));

    Reply reply = transport.send(Call.of("POST", path(customer)));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Warning").orElseThrow()).startsWith("299 topgun \"").contains("grace");
    assertThat(Instant.parse(reply.header(LicenseWarningFilter.GRACE_HEADER).orElseThrow()))
        .isEqualTo(expired.plus(Duration.ofDays(7)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void afterGrace_readsWork_andWritesAre403ReadOnly(Transport transport) throws IOException {
    Instant expired = Instant.now().minus(Duration.ofDays(30));
    String customer = customerOf(license("active", List.of("white_label"), expired, 7));

    Reply read = transport.send(Call.of("GET", path(customer)));
    Reply write = transport.send(Call.of("POST", path(customer)));

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("Warning")).isEmpty();
    assertThat(write.status()).isEqualTo(403);
    assertThat(body(write))
        .containsEntry("feature", "white_label")
        .containsEntry("reason", "license_expired");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void aRevokedLicense_isReadOnlyAtOnce(Transport transport) throws IOException {
    String customer = customerOf(license("revoked", List.of("white_label"), farFuture(), 7));

    Reply write = transport.send(Call.of("POST", path(customer)));

    assertThat(write.status()).isEqualTo(403);
    assertThat(body(write)).containsEntry("reason", "license_revoked");
  }

  /** A reseller holding {@code license} (none when null) with one customer; the customer's id. */
  private String customerOf(LicenseItem license) {
    String reseller = Ids.newId();
    String customer = Ids.newId();
    store.put(
        OrganizationItem.SCHEMA,
        OrganizationItem.of(reseller, "Reseller", "r-" + reseller, "master_branch", null));
    store.put(
        OrganizationItem.SCHEMA,
        OrganizationItem.of(customer, "Customer", "c-" + customer, "end_user", reseller));
    store.put(ClosureItem.SCHEMA, ClosureItem.of(reseller, customer, 1));
    if (license != null) {
      license.setOrgId(reseller);
      license.setPk(LicenseItem.key(reseller).pk());
      license.setSk(LicenseItem.key(reseller).sk());
      store.put(LicenseItem.SCHEMA, license);
    }
    return customer;
  }

  private static LicenseItem license(
      String status, List<String> features, Instant expiresAt, int graceDays) {
    LicenseItem item = LicenseItem.of("lic", "placeholder", status, features, Map.of());
    item.setExpiresAt(expiresAt.toString());
    item.setGraceDays(graceDays);
    return item;
  }

  private static Instant farFuture() {
    return Instant.now().plus(Duration.ofDays(365));
  }

  private static String path(String orgId) {
    return "/test/orgs/" + orgId + "/themes";
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> body(Reply reply) throws IOException {
    return json.readValue(reply.body(), Map.class);
  }
}
