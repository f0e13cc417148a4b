package dev.topgun.shared.tenancy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.reflect.ClassUtils;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a {@link SignedInUser} controller parameter: the one place a request's user is resolved.
 *
 * <ol>
 *   <li>Behind API Gateway with the Cognito authorizer, the authorizer has already verified the
 *       token: its claims ({@code requestContext.authorizer.claims}: {@code sub}, {@code email},
 *       {@code email_verified}) are taken as they are.
 *   <li>Without authorizer claims (the HTTP server in tests, a direct invocation), {@code
 *       Authorization: Bearer …} is verified with the {@link TokenVerifier} bean, where there is
 *       one (not in deployed functions: there API Gateway verifies).
 * </ol>
 *
 * No user is {@link InvalidTokenException} (401 {@code unauthorized}, reason {@code missing} when
 * there is no token, or no verifier is configured).
 */
@Singleton
public class SignedInUserBinder implements TypedRequestArgumentBinder<SignedInUser> {

  private static final boolean LAMBDA_EVENTS_PRESENT =
      ClassUtils.isPresent(
              "com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent",
              SignedInUserBinder.class.getClassLoader())
          && ClassUtils.isPresent(
              "io.micronaut.servlet.http.ServletHttpRequest",
              SignedInUserBinder.class.getClassLoader());

  static final String ATTRIBUTE = "topgun.signed-in-user";

  private final @Nullable TokenVerifier verifier;

  public SignedInUserBinder(@Nullable TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public Argument<SignedInUser> argumentType() {
    return Argument.of(SignedInUser.class);
  }

  @Override
  public BindingResult<SignedInUser> bind(
      ArgumentConversionContext<SignedInUser> context, HttpRequest<?> source) {
    SignedInUser user = resolve(source);
    return () -> Optional.of(user);
  }

  /**
   * The request's user, or {@link InvalidTokenException}; resolved once per request and kept as a
   * request attribute, so that every binder that needs the user ({@link AuditContextBinder}) gets
   * the same one without verifying a token twice.
   */
  public SignedInUser resolve(HttpRequest<?> request) {
    Optional<SignedInUser> known = request.getAttribute(ATTRIBUTE, SignedInUser.class);
    if (known.isPresent()) {
      return known.get();
    }
    SignedInUser user = verify(request);
    request.setAttribute(ATTRIBUTE, user);
    return user;
  }

  private SignedInUser verify(HttpRequest<?> request) {
    Optional<Map<String, ?>> claims = LAMBDA_EVENTS_PRESENT ? Claims.of(request) : Optional.empty();
    if (claims.isPresent()) {
      return fromClaims(claims.get());
    }
    String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      throw new InvalidTokenException(InvalidTokenException.MISSING, "no bearer token");
    }
    if (verifier == null) {
      throw new InvalidTokenException(
          InvalidTokenException.MISSING, "no authorizer claims and no token verifier configured");
    }
    VerifiedToken token = verifier.verify(authorization);
    return new SignedInUser(new Caller.User(token.subject()), token.email(), token.emailVerified());
  }

  /** A user from API Gateway's Cognito authorizer claims ({@code sub} required). */
  static SignedInUser fromClaims(Map<String, ?> claims) {
    Object sub = claims.get("sub");
    if (sub == null || sub.toString().isBlank() || sub.toString().contains("#")) {
      throw new InvalidTokenException(InvalidTokenException.MALFORMED, "claims without a sub");
    }
    Object email = claims.get("email");
    Object verified = claims.get("email_verified");
    return new SignedInUser(
        new Caller.User(sub.toString()),
        email == null || email.toString().isBlank() ? null : email.toString(),
        verified != null && Boolean.parseBoolean(verified.toString()));
  }

  /** Loaded only when the Lambda event classes are present. */
  private static final class Claims {
    static Optional<Map<String, ?>> of(HttpRequest<?> request) {
      if (request instanceof ServletHttpRequest<?, ?> servlet
          && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event
          && event.getRequestContext() != null
          && event.getRequestContext().getAuthorizer() != null
          && event.getRequestContext().getAuthorizer().get("claims") instanceof Map<?, ?> map
          && !map.isEmpty()) {
        @SuppressWarnings("unchecked")
        Map<String, ?> claims = (Map<String, ?>) map;
        return Optional.of(claims);
      }
      return Optional.empty();
    }
  }
}
