package dev.topgun.statemachines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our own rules over every state machine of the repository, and fixtures that break each. */
class LambdaTaskRulesTest {

  static Stream<Path> repository() {
    return Definitions.repository().stream();
  }

  static Stream<Path> valid() {
    return Definitions.fixtures("valid").stream();
  }

  @Test
  void theRepositoryHasStateMachines() {
    assertThat(Definitions.repository())
        .extracting(p -> p.getFileName().toString())
        .contains("platform-health.asl.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"repository", "valid"})
  void everyLambdaTask_hasRetryAndCatchToCompensation(Path definition) {
    assertThat(LambdaTaskRules.check(Definitions.read(definition))).isEmpty();
  }

  @Test
  void eachBrokenRule_isFound_inItsFixture() {
    Map<String, String> expected =
        Map.of(
            "task-without-retry.asl.json", "needs a Retry",
            "retry-missing-service-errors.asl.json",
                "missing [Lambda.SdkClientException, Lambda.TooManyRequestsException]",
            "task-without-catch.asl.json", "needs a Catch on States.ALL",
            "catch-not-all-errors.asl.json", "needs a Catch on States.ALL",
            "catch-back-to-main-path.asl.json", "leads back to the main path [Done]",
            "compensation-that-succeeds.asl.json", "ends in success at Undo",
            "nested-task-without-retry.asl.json", "/States/Each/ItemProcessor/States/Call");
    List<Path> fixtures = Definitions.fixtures("invalid");
    assertThat(fixtures)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Path fixture : fixtures) {
      assertThat(LambdaTaskRules.check(Definitions.read(fixture)))
          .as(fixture.getFileName().toString())
          .anySatisfy(
              problem ->
                  assertThat(problem).contains(expected.get(fixture.getFileName().toString())));
    }
  }
}
