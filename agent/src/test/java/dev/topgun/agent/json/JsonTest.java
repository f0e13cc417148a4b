package dev.topgun.agent.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parse_readsObjectsArraysStringsNumbersAndLiterals() {
    Map<String, Object> m =
        Json.parseObject(
            " {\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\\"y\\n\\u00e9\\/\", \"o\": {}} ");

    assertThat(m.get("a"))
        .isEqualTo(
            Arrays.asList(
                new BigDecimal("1"), new BigDecimal("-2.5e3"), Boolean.TRUE, Boolean.FALSE, null));
    assertThat(m).containsEntry("s", "x\"y\né/").containsEntry("o", Map.of());
  }

  @Test
  void parse_refusesMalformedInput() {
    for (String bad : List.of("{", "{\"a\":}", "[1,]", "{\"a\":1} x", "\"\u0001\"", "tru", "")) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void write_escapesStringsAndWritesNumbersWithoutNoise() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\n\u0002");
    m.put("i", 42L);
    m.put("d", 20.5);
    m.put("whole", 3.0);
    m.put("nan", Double.NaN);
    m.put("l", List.of(true, new Json.RawJson("{\"x\":1}")));
    m.put("n", null);

    assertThat(Json.write(m))
        .isEqualTo(
            "{\"s\":\"a\\\"b\\\\c\\n\\u0002\",\"i\":42,\"d\":20.5,\"whole\":3,\"nan\":null,"
                + "\"l\":[true,{\"x\":1}],\"n\":null}");
  }

  @Test
  void writeThenParse_roundTrips() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("k", "ünï\tcode");
    m.put("v", List.of(new BigDecimal("1.5"), "x"));

    assertThat(Json.parseObject(Json.write(m))).isEqualTo(m);
  }
}
