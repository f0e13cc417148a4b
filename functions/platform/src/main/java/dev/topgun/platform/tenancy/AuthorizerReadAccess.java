package dev.topgun.platform.tenancy;

import dev.topgun.platform.domain.ReadAccess;
import dev.topgun.shared.tenancy.Authorizer;
import dev.topgun.shared.tenancy.Caller;
import dev.topgun.shared.tenancy.ForbiddenException;
import dev.topgun.shared.tenancy.NotFoundException;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.TenancyDirectory;
import jakarta.inject.Singleton;
import java.util.List;

/** Read access as every request decides it: {@link Authorizer}, {@code organizations:read}. */
@Singleton
public class AuthorizerReadAccess implements ReadAccess {

  private final Authorizer authorizer;
  private final TenancyDirectory directory;

  public AuthorizerReadAccess(Authorizer authorizer, TenancyDirectory directory) {
    this.authorizer = authorizer;
    this.directory = directory;
  }

  @Override
  public Verdict mayRead(String userId, String organizationId) {
    try {
      authorizer.authorize(new Caller.User(userId), organizationId, Permission.ORGANIZATIONS_READ);
      return Verdict.ALLOWED;
    } catch (NotFoundException e) {
      return Verdict.NOT_FOUND;
    } catch (ForbiddenException e) {
      return Verdict.FORBIDDEN;
    }
  }

  @Override
  public List<String> ancestors(String organizationId) {
    return directory.ancestors(organizationId);
  }
}
