package dev.topgun.shared.tenancy;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * The person making a request, resolved once at the edge ({@link SignedInUserBinder}): declare a
 * controller parameter of this type to require a signed-in user (401 without one).
 *
 * @param caller the caller for {@link Authorizer}: {@code Caller.User(sub)}
 * @param email the {@code email} claim, when the token carries one
 * @param emailVerified the {@code email_verified} claim
 */
public record SignedInUser(Caller.User caller, @Nullable String email, boolean emailVerified) {

  public SignedInUser {
    Objects.requireNonNull(caller, "caller");
  }

  /** The Cognito {@code sub}. */
  public String userId() {
    return caller.userId();
  }
}
