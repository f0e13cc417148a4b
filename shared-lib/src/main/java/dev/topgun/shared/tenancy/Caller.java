package dev.topgun.shared.tenancy;

import java.util.Objects;
import java.util.Set;

/** Who makes a request, resolved once at the edge from its credentials. */
public sealed interface Caller {

  /**
   * A stable id for logs, audit entries and idempotency scopes: {@code user:<id>}, {@code
   * key:<id>}.
   */
  String id();

  /**
   * A signed-in person.
   *
   * @param userId the id in membership keys ({@code MEMBER#<userId>}): the Cognito {@code sub}
   */
  record User(String userId) implements Caller {
    public User {
      requireId(userId, "userId");
    }

    @Override
    public String id() {
      return "user:" + userId;
    }
  }

  /**
   * A machine client's API key (platform module): tied to one organization, holding a set of
   * scopes. It acts on its organization and the organization's descendants, with its scopes only.
   */
  record ApiKey(String keyId, String orgId, Set<Permission> scopes) implements Caller {
    public ApiKey {
      requireId(keyId, "keyId");
      requireId(orgId, "orgId");
      scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
    }

    @Override
    public String id() {
      return "key:" + keyId;
    }
  }

  private static void requireId(String value, String what) {
    if (value == null || value.isBlank() || value.contains("#")) {
      throw new IllegalArgumentException(what + " is not an id: " + value);
    }
  }
}
