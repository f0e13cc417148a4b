package dev.topgun.shared.http.problem;

import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * A path, query or header parameter that is missing or does not convert: {@code invalid-parameter}
 * naming it as the client spelt it ({@code @QueryValue("page_size")} names {@code page_size}); a
 * missing body bound as an argument is {@code missing-body}.
 */
@Singleton
public class ParameterProblems implements ProblemResolver {

  @Override
  public Optional<Problem> resolve(Throwable error, HttpRequest<?> request) {
    if (error instanceof UnsatisfiedRouteException ure) {
      return Optional.of(missing(ure.getArgument()));
    }
    if (error instanceof UnsatisfiedArgumentException uae) {
      return Optional.of(
          uae.getArgument().getAnnotationMetadata().hasAnnotation(Body.class)
              ? BodyProblems.missing()
              : missing(uae.getArgument()));
    }
    if (error instanceof ConversionErrorException cee) {
      String name = parameterName(cee.getArgument());
      return Optional.of(
          Problem.of(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' is not valid.")
              .withErrors(List.of(new FieldError(name, JsonExpectations.of(cee.getArgument())))));
    }
    return Optional.empty();
  }

  @Override
  public int getOrder() {
    return BuiltInProblems.PARAMETERS;
  }

  private static Problem missing(Argument<?> argument) {
    String name = parameterName(argument);
    return Problem.of(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' is required.")
        .withErrors(List.of(new FieldError(name, "is required")));
  }

  /** The name the client used: {@code @QueryValue("page_size")} names {@code page_size}. */
  static String parameterName(Argument<?> argument) {
    return argument
        .getAnnotationMetadata()
        .getAnnotationTypeByStereotype(Bindable.class)
        .flatMap(a -> argument.getAnnotationMetadata().stringValue(a))
        .filter(s -> !s.isEmpty())
        .orElse(argument.getName());
  }
}
