package dev.topgun.shared.http.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.topgun.shared.http.JsonRequest;
import io.micronaut.function.aws.proxy.ApiGatewayServletRequest;
import io.micronaut.serde.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What {@link BodyProblems} reads from the framework's errors, pinned against the framework itself:
 * the real Micronaut Serialization mapper decodes bad bodies here, so a Micronaut or Jackson
 * upgrade that changes a message the resolver relies on ({@code Unknown property [}), the reference
 * path it names fields by, or the name of the Lambda handler's empty-body signal fails this test,
 * not a client. (A body with no JSON at all reaches the resolver only through a server's body
 * binder, as {@code No content to map} or {@code end-of-input}: {@code ProblemResponsesIT}'s
 * missing-body case pins those on both transports.)
 */
class BodyProblemsTest {

  @JsonRequest
  record Widget(String name, Integer count, List<Part> parts) {}

  @JsonRequest
  record Part(String label) {}

  private final ObjectMapper json = ObjectMapper.getDefault();
  private final BodyProblems body = new BodyProblems();

  @Test
  void anUnknownProperty_isNamedByItsJsonPath_fromSerdesMessage() {
    // when
    Throwable error = decode("{\"name\":\"w\",\"parts\":[{\"label\":\"a\"},{\"colour\":\"red\"}]}");

    // then: the message the resolver recognises, and what it makes of it
    assertThat(Causes.chain(error))
        .anySatisfy(t -> assertThat(t.getMessage()).startsWith(BodyProblems.UNKNOWN_PROPERTY));
    assertThat(errors(error))
        .containsExactly(new FieldError("parts[1].colour", "is not a known property"));
  }

  @Test
  void aValueOfTheWrongType_namesTheFieldAndWhatItMustBe() {
    // when
    Throwable error = decode("{\"name\":\"w\",\"count\":\"many\"}");

    // then
    assertThat(errors(error)).containsExactly(new FieldError("count", "must be an integer"));
  }

  @Test
  void aNumberTooLargeForItsField_isOutOfRange() {
    // when
    Throwable error = decode("{\"count\":99999999999}");

    // then
    assertThat(errors(error)).containsExactly(new FieldError("count", "is out of range"));
  }

  @Test
  void notJson_isMalformed_withTheLineAndColumn() {
    // when
    Throwable error = decode("{\"name\": nope}");

    // then
    Problem problem = resolve(error).orElseThrow();
    assertThat(problem.type()).isEqualTo(ProblemType.MALFORMED_JSON.uri());
    assertThat(problem.extensions()).containsEntry("line", 1).containsKey("column");
  }

  @Test
  void theLambdaHandlersEmptyBodySignal_keepsTheNameTheResolverLooksFor() {
    // given
    Throwable signal = new ApiGatewayServletRequest.EmptyBodyException();

    // when
    Optional<Problem> problem = new BodyProblems.Absent().resolve(signal, null);

    // then
    assertThat(signal.getClass().getSimpleName()).isEqualTo("EmptyBodyException");
    assertThat(problem.map(Problem::type)).contains(ProblemType.MISSING_BODY.uri());
  }

  private Throwable decode(String text) {
    Throwable error =
        catchThrowable(() -> json.readValue(text.getBytes(StandardCharsets.UTF_8), Widget.class));
    assertThat(error).as("the mapper refuses %s", text).isNotNull();
    return error;
  }

  private Optional<Problem> resolve(Throwable error) {
    return body.resolve(error, null);
  }

  private List<FieldError> errors(Throwable error) {
    Problem problem = resolve(error).orElseThrow();
    assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION.uri());
    return problem.errors();
  }
}
