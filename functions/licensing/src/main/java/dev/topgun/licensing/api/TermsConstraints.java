package dev.topgun.licensing.api;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.topgun.licensing.domain.DomainBinding;
import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The field checks of license requests that a pattern cannot say, as Bean Validation constraints,
 * so that a body's every bad field is named at once: a host name (internationalized names
 * included), an authorized domain (a host name or {@code *.} and one), an ISO-8601 instant. The
 * rules are the domain's ({@link DomainBinding}); these only apply them to a field.
 */
@Factory
class TermsConstraints {

  /** A host name ({@link DomainBinding#normalize}); null passes. */
  @Retention(RUNTIME)
  @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
  @Constraint(validatedBy = {})
  @interface HostName {
    String message() default "must be a host name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** An authorized domain ({@link DomainBinding#normalizePattern}); null passes. */
  @Retention(RUNTIME)
  @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
  @Constraint(validatedBy = {})
  @interface AuthorizedDomain {
    String message() default DomainBinding.EXPECTED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** An instant as {@link Instant#parse} reads it ({@code 2027-01-31T00:00:00Z}); null passes. */
  @Retention(RUNTIME)
  @Target({FIELD, METHOD, PARAMETER, TYPE_USE})
  @Constraint(validatedBy = {})
  @interface IsoInstant {
    String message() default "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  @Singleton
  ConstraintValidator<HostName, CharSequence> hostName() {
    return (value, annotation, context) ->
        value == null || DomainBinding.normalize(value.toString()).isPresent();
  }

  @Singleton
  ConstraintValidator<AuthorizedDomain, CharSequence> authorizedDomain() {
    return (value, annotation, context) ->
        value == null || DomainBinding.normalizePattern(value.toString()).isPresent();
  }

  @Singleton
  ConstraintValidator<IsoInstant, CharSequence> isoInstant() {
    return (value, annotation, context) -> value == null || parses(value.toString());
  }

  private static boolean parses(String value) {
    try {
      Instant.parse(value);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
