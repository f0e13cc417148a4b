package dev.topgun.local.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What CreateStateMachine refuses as InvalidDefinition, and the paths ResultPath writes. */
class DefinitionTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"StartAt\": \"A\", \"States\": {}} | non-empty object",
        "{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}} | MISSING_TRANSITION_TARGET",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\"}}} | exactly one of 'Next' and 'End: true'",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Z\"}}} | Missing 'Next' target: Z",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Dance\"}}} | 'Type'",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\", \"End\": true}}} | lambda:invoke and events:putEvents",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}}} | 'FunctionName' is required",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"InputPath\": \"nope\", \"End\": true}}} | 'InputPath'",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"ResultPath\": \"$..x\", \"End\": true}}} | 'ResultPath'",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"x.$\": \"States.Bogus()\"}, \"End\": true}}} | 'x.$'",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Wait\", \"End\": true}}} | exactly one of 'Seconds'",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"Next\": \"A\"}]}}} | exactly one comparison operator",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", \"NumericEquals\": \"1\", \"Next\": \"A\"}]}}} | wrong type",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\", \"X\"]}], \"End\": true}}} | States.ALL must appear alone",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:000000000000:function:f\", \"Catch\": [{\"ErrorEquals\": [\"X\"], \"Next\": \"Q\"}], \"End\": true}}} | Missing 'Next' target: Q",
        "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\"}, \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}}}} | INLINE maps only",
        "not json | INVALID_JSON_DESCRIPTION",
      })
  void refuses(String definition, String problem) {
    assertThatThrownBy(() -> Definition.parse(definition))
        .isInstanceOf(Definition.InvalidDefinitionException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void acceptsEveryStateTypeWellFormed() {
    String definition =
        """
        {"StartAt": "P", "TimeoutSeconds": 60, "States": {
          "P": {"Type": "Pass", "Next": "C"},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "W"}], "Default": "F"},
          "W": {"Type": "Wait", "Seconds": 1, "Next": "T"},
          "T": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents.waitForTaskToken",
                "Parameters": {"Entries": []}, "HeartbeatSeconds": 5, "TimeoutSeconds": 10, "Next": "Par"},
          "Par": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}], "Next": "M"},
          "M": {"Type": "Map", "Iterator": {"StartAt": "Y", "States": {"Y": {"Type": "Pass", "End": true}}}, "Next": "S"},
          "S": {"Type": "Succeed"},
          "F": {"Type": "Fail", "Error": "E"}}}
        """;
    assertThatCode(() -> Definition.parse(definition)).doesNotThrowAnyException();
  }

  @Test
  void resultPath_createsMissingObjectsOnTheWay_andReplacesWithDollar() {
    assertThat(JsonPaths.write("$.a.b.c", Engine.json("{'x': 1}"), Engine.json("7")))
        .isEqualTo(Engine.json("{'x': 1, 'a': {'b': {'c': 7}}}"));
    assertThat(JsonPaths.write("$.list[1]", Engine.json("{'list': [1, 2]}"), Engine.json("9")))
        .isEqualTo(Engine.json("{'list': [1, 9]}"));
    assertThat(JsonPaths.write("$", Engine.json("{'x': 1}"), Engine.json("[1]")))
        .isEqualTo(Engine.json("[1]"));
    assertThatThrownBy(() -> JsonPaths.write("$.x.y", Engine.json("{'x': 1}"), Engine.json("2")))
        .isInstanceOf(StatesError.class);
  }

  @Test
  void stringMatches_takesStarsAndEscapedStars() {
    assertThat(ChoiceRules.wildcard("log-*.txt").matcher("log-2026.txt").matches()).isTrue();
    assertThat(ChoiceRules.wildcard("a\\*b").matcher("a*b").matches()).isTrue();
    assertThat(ChoiceRules.wildcard("a\\*b").matcher("axxb").matches()).isFalse();
  }
}
