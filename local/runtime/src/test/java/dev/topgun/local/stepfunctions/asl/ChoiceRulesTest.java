package dev.topgun.local.stepfunctions.asl;

import static dev.topgun.local.stepfunctions.asl.Engine.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every comparison operator, its Path form, and the type tests. */
class ChoiceRulesTest {

  private static final JsonNode DATA =
      json(
          "{'s': 'beta', 'n': 5, 'b': true, 'z': null, 't': '2026-03-01T10:00:00Z',"
              + " 'other': {'s': 'alpha', 'n': 5.0, 'b': true, 't': '2026-03-01T11:00:00+01:00'}}");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'Variable': '$.s', 'StringEquals': 'beta'} | true",
        "{'Variable': '$.s', 'StringEqualsPath': '$.other.s'} | false",
        "{'Variable': '$.s', 'StringLessThan': 'gamma'} | true",
        "{'Variable': '$.s', 'StringGreaterThanPath': '$.other.s'} | true",
        "{'Variable': '$.s', 'StringLessThanEquals': 'beta'} | true",
        "{'Variable': '$.s', 'StringGreaterThanEquals': 'zeta'} | false",
        "{'Variable': '$.s', 'StringMatches': 'b*a'} | true",
        "{'Variable': '$.n', 'NumericEquals': 5} | true",
        "{'Variable': '$.n', 'NumericEqualsPath': '$.other.n'} | true",
        "{'Variable': '$.n', 'NumericLessThan': 5} | false",
        "{'Variable': '$.n', 'NumericGreaterThan': 4.5} | true",
        "{'Variable': '$.n', 'NumericLessThanEqualsPath': '$.other.n'} | true",
        "{'Variable': '$.n', 'NumericGreaterThanEquals': 6} | false",
        "{'Variable': '$.s', 'NumericEquals': 5} | false",
        "{'Variable': '$.b', 'BooleanEquals': true} | true",
        "{'Variable': '$.b', 'BooleanEqualsPath': '$.other.b'} | true",
        "{'Variable': '$.t', 'TimestampEquals': '2026-03-01T10:00:00Z'} | true",
        "{'Variable': '$.t', 'TimestampEqualsPath': '$.other.t'} | true",
        "{'Variable': '$.t', 'TimestampLessThan': '2026-03-01T10:00:01Z'} | true",
        "{'Variable': '$.t', 'TimestampGreaterThan': '2026-03-01T10:00:01Z'} | false",
        "{'Variable': '$.t', 'TimestampLessThanEquals': '2026-03-01T10:00:00Z'} | true",
        "{'Variable': '$.t', 'TimestampGreaterThanEquals': '2027-01-01T00:00:00Z'} | false",
        "{'Variable': '$.s', 'TimestampEquals': '2026-03-01T10:00:00Z'} | false",
        "{'Variable': '$.z', 'IsNull': true} | true",
        "{'Variable': '$.s', 'IsNull': true} | false",
        "{'Variable': '$.nothing', 'IsPresent': false} | true",
        "{'Variable': '$.n', 'IsNumeric': true} | true",
        "{'Variable': '$.s', 'IsString': true} | true",
        "{'Variable': '$.b', 'IsBoolean': false} | false",
        "{'Variable': '$.t', 'IsTimestamp': true} | true",
        "{'And': [{'Variable': '$.n', 'NumericEquals': 5}, {'Variable': '$.b', 'BooleanEquals': false}]} | false",
        "{'Or': [{'Variable': '$.n', 'NumericEquals': 4}, {'Variable': '$.b', 'BooleanEquals': true}]} | true",
        "{'Not': {'Variable': '$.s', 'StringEquals': 'beta'}} | false",
      })
  void evaluates(String rule, boolean expected) {
    assertThat(ChoiceRules.matches(json(rule), DATA, json("{}"))).isEqualTo(expected);
  }
}
