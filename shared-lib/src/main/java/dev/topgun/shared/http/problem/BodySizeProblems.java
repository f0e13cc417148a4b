package dev.topgun.shared.http.problem;

import dev.topgun.shared.http.HttpLimits;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.exceptions.BufferLengthExceededException;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import jakarta.inject.Singleton;
import java.util.Optional;

/** A body over {@code topgun.http.max-body-bytes}: {@code payload-too-large} with the limit. */
@Singleton
public class BodySizeProblems implements ProblemResolver {

  private final HttpLimits limits;

  public BodySizeProblems(HttpLimits limits) {
    this.limits = limits;
  }

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    return error instanceof ContentLengthExceededException
            || error instanceof BufferLengthExceededException
        ? Optional.of(tooLarge(limits))
        : Optional.empty();
  }

  @Override
  public int getOrder() {
    return BuiltInProblems.BODY_SIZE;
  }

  static Problem tooLarge(HttpLimits limits) {
    return Problem.of(
            ProblemType.PAYLOAD_TOO_LARGE,
            "The request body is larger than " + limits.maxBodyBytes() + " bytes.")
        .with("limit", limits.maxBodyBytes());
  }
}
