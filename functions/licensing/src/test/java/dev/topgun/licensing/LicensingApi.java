package dev.topgun.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.emulators.SharedEmulators;
import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.RootOrganization;
import dev.topgun.shared.tenancy.TenancyKeys;
import dev.topgun.shared.testing.LambdaApi;
import dev.topgun.shared.testing.LocalTable;
import dev.topgun.shared.testing.OutboxEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The licensing function behind its Lambda entry point ({@link LambdaApi}), with KMS (the local key
 * provider) and a movable clock; the tree is seeded straight into the table with shared-lib's
 * tenancy items (the organizations function is another module), and what the function published is
 * read from its table's outbox ({@link #outbox}), as the relay will publish it.
 */
final class LicensingApi extends LambdaApi implements AfterAllCallback {

  static final User OPERATOR = new User("operator-sub", "operator@example.test", true);

  final String root;
  final SingleTableStore store;
  private final LocalTable table;

  /**
   * The function on a fresh table, for one test class: {@code @RegisterExtension static final
   * LicensingApi api = new LicensingApi();} — closed and its table deleted after the class.
   */
  LicensingApi() {
    this(new LocalTable());
  }

  private LicensingApi(LocalTable table) {
    super(properties(table));
    this.table = table;
    root = RootOrganization.ensure(table.client(), table.name(), OPERATOR.sub(), OPERATOR.email());
    store = context.getBean(SingleTableStore.class);
  }

  private static Map<String, Object> properties(LocalTable table) {
    Map<String, Object> properties = new HashMap<>(table.properties());
    properties.put("test.clock", "movable");
    properties.put("topgun.endpoints.kms", SharedEmulators.kms().toString());
    properties.put("topgun.kms.key-id", "alias/topgun");
    return properties;
  }

  /** An organization under {@code parentId} with {@code owner} as its owner; returns its id. */
  String org(String parentId, String type, User owner) {
    String id = Ids.newId();
    store.put(
        OrganizationItem.SCHEMA,
        OrganizationItem.of(id, "Org " + id, "org-" + id.toLowerCase(), type, parentId));
    List<String> ancestors = new ArrayList<>();
    ancestors.add(parentId);
    OrganizationItem parent =
        store.get(OrganizationItem.SCHEMA, TenancyKeys.organization(parentId)).orElseThrow();
    while (parent.getParentId() != null) {
      ancestors.add(parent.getParentId());
      parent =
          store
              .get(OrganizationItem.SCHEMA, TenancyKeys.organization(parent.getParentId()))
              .orElseThrow();
    }
    for (int depth = 1; depth <= ancestors.size(); depth++) {
      store.put(ClosureItem.SCHEMA, ClosureItem.of(ancestors.get(depth - 1), id, depth));
    }
    if (owner != null) {
      member(id, owner, Role.OWNER);
    }
    return id;
  }

  void member(String orgId, User user, Role role) {
    store.put(
        MembershipItem.SCHEMA,
        MembershipItem.of(new Membership(orgId, user.sub(), role, Set.of(), user.email())));
  }

  /** Issues a license through the API; asserts 201 and returns the answer. */
  Response issue(User as, String orgId, String body) {
    Response issued = call(as, "POST", "/v1/organizations/" + orgId + "/licenses", body);
    assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
    return issued;
  }

  String tableName() {
    return table.name();
  }

  /** What the function's changes wrote to the outbox so far. */
  OutboxEvents outbox() {
    return OutboxEvents.of(table);
  }

  /** The events named {@code detailType} whose data names {@code id}. */
  List<OutboundEvent> published(String detailType, String id) {
    return outbox().named(detailType).stream().filter(e -> e.detail().contains(id)).toList();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
    table.afterAll(context);
  }

  Response validate(String key, String domain) {
    String body =
        domain == null
            ? "{\"key\":\"" + key + "\"}"
            : "{\"key\":\"" + key + "\",\"domain\":\"" + domain + "\"}";
    return call(null, "POST", "/v1/licenses/validate", body);
  }
}
