package dev.topgun.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.tenancy.RootOrganization;
import dev.topgun.shared.testing.LambdaApi;
import dev.topgun.shared.testing.LocalTable;
import java.util.HashMap;
import java.util.Map;

/**
 * The organizations function behind its Lambda entry point, for ITs ({@link LambdaApi}), with the
 * root organization seeded by {@link RootOrganization} (the code the local runtime and the AWS
 * setup run) with {@link #OPERATOR} as its owner, and helpers that build a tree through the API
 * itself.
 */
final class Api extends LambdaApi {

  static final User OPERATOR = new User("operator-sub", "operator@example.test", true);

  final String root;

  Api(LocalTable table, Map<String, Object> extraProperties) {
    super(properties(table, extraProperties));
    root = RootOrganization.ensure(table.client(), table.name(), OPERATOR.sub(), OPERATOR.email());
  }

  private static Map<String, Object> properties(LocalTable table, Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>(table.properties());
    properties.putAll(extra);
    return properties;
  }

  /** Creates an organization through the API; asserts 201. */
  String create(User as, String parentId, String slug, String type) {
    Response created =
        call(
            as,
            "POST",
            "/v1/organizations/" + parentId + "/children",
            "{\"name\":\"Org "
                + slug
                + "\",\"slug\":\""
                + slug
                + "\",\"hierarchyType\":\""
                + type
                + "\"}");
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    return created.id();
  }

  /** Makes {@code user} a member through the API (their first call creates their profile). */
  void addMember(User as, String orgId, User user, String role) {
    assertThat(call(user, "GET", "/v1/me", null).status()).isEqualTo(200);
    Response added =
        call(
            as,
            "POST",
            "/v1/organizations/" + orgId + "/members",
            "{\"userId\":\"" + user.sub() + "\",\"role\":\"" + role + "\"}");
    assertThat(added.status()).as(added.raw()).isEqualTo(201);
  }
}
