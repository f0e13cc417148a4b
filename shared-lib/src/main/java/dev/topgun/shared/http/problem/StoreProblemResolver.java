package dev.topgun.shared.http.problem;

import dev.topgun.shared.secrets.SecretsExtension;
import dev.topgun.shared.store.InvalidCursorException;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.LimitExceededException;
import dev.topgun.shared.store.TransactionConflictException;
import dev.topgun.shared.store.UniqueConstraintViolationException;
import dev.topgun.shared.store.VersionConflictException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The table's refusals ({@code dev.topgun.shared.store}) as problems. Keys never reach the client:
 * they name partitions, which name tenants. A function's own resolvers run first and may answer
 * more precisely (e.g. a {@code 409} naming the field whose value is taken).
 */
@Singleton
public class StoreProblemResolver implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof UniqueConstraintViolationException e) {
      return Optional.of(
          Problem.of(ProblemType.CONFLICT, "The " + e.kind() + " '" + e.value() + "' is taken.")
              .with("constraint", e.kind()));
    }
    if (error instanceof ItemAlreadyExistsException) {
      return Optional.of(Problem.of(ProblemType.CONFLICT, "The resource already exists."));
    }
    if (error instanceof VersionConflictException e) {
      String detail =
          e.itemMissing()
              ? "The resource was deleted by another request."
              : "The resource was changed by another request; read it again and retry.";
      return Optional.of(
          hasPrecondition(request)
              ? Problem.of(ProblemType.PRECONDITION_FAILED, detail)
              : Problem.of(ProblemType.VERSION_CONFLICT, detail));
    }
    if (error instanceof LimitExceededException e) {
      return Optional.of(
          Problem.of(
                  ProblemType.LIMIT_EXCEEDED,
                  "The limit of "
                      + e.limit()
                      + " for "
                      + e.counter()
                      + " is reached ("
                      + e.usage()
                      + " in use).")
              .with("counter", e.counter())
              .with("limit", e.limit())
              .with("usage", e.usage())
              .with("requested", e.requested()));
    }
    if (error instanceof InvalidCursorException) {
      return Optional.of(
          Problem.of(
              ProblemType.INVALID_CURSOR,
              "The cursor was not issued for this list. Start again without a cursor."));
    }
    if (error instanceof SecretsExtension.SecretUnavailableException) {
      return Optional.of(
          Problem.of(
              ProblemType.SERVICE_UNAVAILABLE,
              "A secret this request needs is not available. Retry later."));
    }
    if (error instanceof TransactionConflictException) {
      return Optional.of(
          Problem.of(
              ProblemType.CONFLICT,
              "Concurrent requests changed the same resources. Retry the request."));
    }
    return Optional.empty();
  }

  /** Whether the request's {@code If-Match} made the write conditional (412 rather than 409). */
  private static boolean hasPrecondition(HttpRequest<?> request) {
    return request.getHeaders().contains(HttpHeaders.IF_MATCH)
        || request.getHeaders().contains(HttpHeaders.IF_UNMODIFIED_SINCE);
  }

  @Override
  public int getOrder() {
    // Before the framework's families: a store error may carry a decoding cause (a garbled
    // cursor) that BodyProblems would otherwise take for a bad body.
    return BuiltInProblems.STORE;
  }
}
