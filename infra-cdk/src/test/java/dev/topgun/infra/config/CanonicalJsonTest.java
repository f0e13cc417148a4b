package dev.topgun.infra.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void samePattern_inAnyMemberOrder_isWrittenTheSame_sortedAtEveryLevel() {
    // given one pattern built in two orders
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("b", List.of(Map.of("prefix", "x")));
    inner.put("a", true);
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("source", List.of("topgun.b", "topgun.a"));
    one.put("detail", inner);
    Map<String, Object> reversedInner = new LinkedHashMap<>();
    reversedInner.put("a", true);
    reversedInner.put("b", List.of(Map.of("prefix", "x")));
    Map<String, Object> two = new LinkedHashMap<>();
    two.put("detail", reversedInner);
    two.put("source", List.of("topgun.b", "topgun.a"));

    // when
    String first = CanonicalJson.write(one);
    String second = CanonicalJson.write(two);

    // then members are sorted; list items keep their order (it can matter to a pattern's reader)
    assertThat(first)
        .isEqualTo(second)
        .isEqualTo(
            "{\"detail\":{\"a\":true,\"b\":[{\"prefix\":\"x\"}]},"
                + "\"source\":[\"topgun.b\",\"topgun.a\"]}");
    assertThat(CanonicalJson.sortedMap(one)).isEqualTo(one).isEqualTo(two);
  }
}
