package dev.topgun.shared.http;

import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ValidationProblems;
import dev.topgun.shared.store.Paging;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.convert.ConversionError;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Binds a {@link Paging} controller parameter from {@code ?limit=} (1 to {@value Paging#MAX_LIMIT},
 * default {@value Paging#DEFAULT_LIMIT}) and {@code ?cursor=}, once for every list. A limit that is
 * not an integer answers as any unconvertible parameter (400 {@code invalid-parameter} naming
 * {@code limit}); one out of range as a failed {@code @Min}/{@code @Max} (400 {@code validation}
 * naming {@code limit}), the answers the annotated parameters gave before.
 */
@Singleton
public class PagingBinder implements TypedRequestArgumentBinder<Paging> {

  static final String LIMIT = "limit";
  static final String CURSOR = "cursor";
  private static final Argument<Integer> LIMIT_ARGUMENT = Argument.of(Integer.class, LIMIT);

  @Override
  public Argument<Paging> argumentType() {
    return Argument.of(Paging.class);
  }

  @Override
  public BindingResult<Paging> bind(
      ArgumentConversionContext<Paging> context, HttpRequest<?> source) {
    Paging paging = resolve(source);
    return () -> Optional.of(paging);
  }

  static Paging resolve(HttpRequest<?> request) {
    String value = request.getParameters().getFirst(LIMIT).orElse(null);
    String cursor = request.getParameters().getFirst(CURSOR).filter(c -> !c.isEmpty()).orElse(null);
    int limit = value == null || value.isBlank() ? Paging.DEFAULT_LIMIT : parse(value);
    if (limit < 1) {
      throw outOfRange("must be greater than or equal to 1");
    }
    if (limit > Paging.MAX_LIMIT) {
      throw outOfRange("must be less than or equal to " + Paging.MAX_LIMIT);
    }
    return new Paging(limit, cursor);
  }

  private static int parse(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new ConversionErrorException(
          LIMIT_ARGUMENT,
          new ConversionError() {
            @Override
            public Exception getCause() {
              return e;
            }

            @Override
            public Optional<Object> getOriginalValue() {
              return Optional.of(value);
            }
          });
    }
  }

  private static ProblemException outOfRange(String message) {
    return new ProblemException(ValidationProblems.of(List.of(new FieldError(LIMIT, message))));
  }
}
