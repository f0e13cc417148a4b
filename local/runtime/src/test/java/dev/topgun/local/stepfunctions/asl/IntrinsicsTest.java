package dev.topgun.local.stepfunctions.asl;

import static dev.topgun.local.stepfunctions.asl.Engine.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The intrinsic functions, parsed from their text and evaluated on data and context. */
class IntrinsicsTest {

  private static final JsonNode DATA =
      Run.parseJsonOf(
          """
          {"name": "Ada", "n": 3, "list": [1, 2, 2, 3], "text": "{\\"a\\": 1}", "o": {"x": 1}}
          """);
  private static final JsonNode CONTEXT = json("{'Execution': {'Name': 'run-1'}}");

  private static JsonNode eval(String call) {
    return Intrinsics.evaluate(Intrinsics.parse(call), DATA, CONTEXT, new Random(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "States.Format('Hello {}, {} items in {}', $.name, $.n, $$.Execution.Name) | \"Hello Ada, 3 items in run-1\"",
        "States.StringToJson($.text) | {\"a\": 1}",
        "States.JsonToString($.o) | \"{\\\"x\\\":1}\"",
        "States.Array('a', 1, true, null, $.n) | [\"a\", 1, true, null, 3]",
        "States.ArrayPartition($.list, 3) | [[1, 2, 2], [3]]",
        "States.ArrayContains($.list, 3) | true",
        "States.ArrayContains($.list, 9) | false",
        "States.ArrayRange(1, 9, 3) | [1, 4, 7]",
        "States.ArrayRange(5, 1, -2) | [5, 3, 1]",
        "States.ArrayGetItem($.list, 3) | 3",
        "States.ArrayLength($.list) | 4",
        "States.ArrayUnique($.list) | [1, 2, 3]",
        "States.Base64Encode('Topgun') | \"VG9wZ3Vu\"",
        "States.Base64Decode('VG9wZ3Vu') | \"Topgun\"",
        "States.Hash('abc', 'SHA-256') | \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
        "States.Hash('abc', 'MD5') | \"900150983cd24fb0d6963f7d28e17f72\"",
        "States.JsonMerge($.o, States.StringToJson('{\"y\": 2}'), false) | {\"x\": 1, \"y\": 2}",
        "States.MathAdd($.n, -5) | -2",
        "States.StringSplit('a,b;;c', ',;') | [\"a\", \"b\", \"c\"]",
        "States.ArrayLength(States.Array($.n, $.n)) | 2",
      })
  void evaluates(String call, String expected) {
    assertThat(eval(call)).isEqualTo(Run.parseJsonOf(expected));
  }

  @Test
  void mathRandom_staysInItsRange_andASeedRepeatsIt() {
    for (int i = 0; i < 50; i++) {
      assertThat(eval("States.MathRandom(10, 20)").asInt()).isBetween(10, 19);
    }
    assertThat(eval("States.MathRandom(0, 1000, 42)"))
        .isEqualTo(eval("States.MathRandom(0, 1000, 42)"));
  }

  @Test
  void uuid_isAVersion4Uuid() {
    assertThat(eval("States.UUID()").asText())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void badArguments_areStatesRuntimeErrors() {
    assertThatThrownBy(() -> eval("States.ArrayGetItem($.list, 10)"))
        .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.fatal()).isTrue())
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> eval("States.Format('{} {}', $.n)")).isInstanceOf(StatesError.class);
    assertThatThrownBy(() -> eval("States.MathAdd($.name, 1)")).isInstanceOf(StatesError.class);
    assertThatThrownBy(() -> eval("States.StringToJson($.name)")).isInstanceOf(StatesError.class);
    assertThatThrownBy(() -> eval("States.Hash('a', 'CRC32')")).isInstanceOf(StatesError.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "States.Nope(1)",
        "States.Format('x'",
        "States.Array(1 2)",
        "States.Array(banana)",
        "States.Array($.a[)"
      })
  void malformedCalls_areRefusedWhenParsed(String call) {
    assertThatThrownBy(() -> Intrinsics.parse(call)).isInstanceOf(IllegalArgumentException.class);
  }
}
