package dev.topgun.shared.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.topgun.shared.http.problem.FieldError;
import dev.topgun.shared.http.problem.ParameterProblems;
import dev.topgun.shared.http.problem.Problem;
import dev.topgun.shared.http.problem.ProblemException;
import dev.topgun.shared.http.problem.ProblemType;
import dev.topgun.shared.store.Paging;
import io.micronaut.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PagingBinder}: what {@code ?limit=&cursor=} bind to, and the problems a bad limit answers
 * (the same as {@code @Min(1) @Max(100) Integer limit} gave; functions' {@code PagingIT} pins them
 * on the wire).
 */
class PagingBinderTest {

  @Test
  void noLimit_isFifty_andTheCursorIsPassedOn() {
    // when
    Paging paging = PagingBinder.resolve(HttpRequest.GET("/things?cursor=abc"));

    // then
    assertThat(paging).isEqualTo(new Paging(Paging.DEFAULT_LIMIT, "abc"));
    assertThat(PagingBinder.resolve(HttpRequest.GET("/things?limit=&cursor=")))
        .isEqualTo(new Paging(50, null));
    assertThat(PagingBinder.resolve(HttpRequest.GET("/things?limit=100")).limit()).isEqualTo(100);
  }

  @Test
  void aLimitOutOfRange_isAValidationProblemNamingLimit() {
    // when
    Throwable zero = catchThrowable(() -> PagingBinder.resolve(HttpRequest.GET("/t?limit=0")));
    Throwable many = catchThrowable(() -> PagingBinder.resolve(HttpRequest.GET("/t?limit=101")));

    // then
    assertThat(((ProblemException) zero).problem().errors())
        .containsExactly(new FieldError("limit", "must be greater than or equal to 1"));
    assertThat(((ProblemException) many).problem().errors())
        .containsExactly(new FieldError("limit", "must be less than or equal to 100"));
    assertThat(((ProblemException) many).problem().type()).isEqualTo(ProblemType.VALIDATION.uri());
  }

  @Test
  void aLimitThatIsNoInteger_isAnInvalidParameterNamingLimit() {
    // when
    Throwable words = catchThrowable(() -> PagingBinder.resolve(HttpRequest.GET("/t?limit=ten")));
    Problem problem = new ParameterProblems().resolve(words, null).orElseThrow();

    // then
    assertThat(problem.type()).isEqualTo(ProblemType.INVALID_PARAMETER.uri());
    assertThat(problem.errors()).isEqualTo(List.of(new FieldError("limit", "must be an integer")));
  }
}
