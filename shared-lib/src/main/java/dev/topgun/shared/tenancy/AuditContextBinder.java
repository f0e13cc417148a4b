package dev.topgun.shared.tenancy;

import dev.topgun.shared.audit.AuditContext;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Binds an {@link AuditContext} controller parameter: the signed-in user ({@link
 * SignedInUserBinder}, so 401 without one) as the actor, with the request's source IP and
 * correlation id. A mutation declares it instead of building it in each method.
 */
@Singleton
public class AuditContextBinder implements TypedRequestArgumentBinder<AuditContext> {

  private final SignedInUserBinder users;

  public AuditContextBinder(SignedInUserBinder users) {
    this.users = users;
  }

  @Override
  public Argument<AuditContext> argumentType() {
    return Argument.of(AuditContext.class);
  }

  @Override
  public BindingResult<AuditContext> bind(
      ArgumentConversionContext<AuditContext> context, HttpRequest<?> source) {
    AuditContext audit = AuditContext.of(source, users.resolve(source).userId());
    return () -> Optional.of(audit);
  }
}
