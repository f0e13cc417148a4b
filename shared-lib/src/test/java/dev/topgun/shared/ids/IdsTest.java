package dev.topgun.shared.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

  @Test
  void newIds_areCanonicalUlids() {
    // when
    String id = Ids.newId();

    // then
    assertThat(id).hasSize(26).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
    assertThat(Ids.isValid(id)).isTrue();
  }

  @Test
  void idsMadeInABurst_strictlyIncrease() {
    // given
    List<String> ids = new ArrayList<>();

    // when: far more ids than milliseconds pass
    for (int i = 0; i < 20_000; i++) {
      ids.add(Ids.newId());
    }

    // then
    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
    }
  }

  @Test
  void instantOf_readsTheCreationTime() {
    // given
    Instant before = Instant.now().minusMillis(1);

    // when
    Instant created = Ids.instantOf(Ids.newId());

    // then
    assertThat(created).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "01arz3ndektsv4rrffq69g5fav", // lower case is not canonical
        "01ARZ3NDEKTSV4RRFFQ69G5FA", // 25 characters
        "01ARZ3NDEKTSV4RRFFQ69G5FAVX", // 27 characters
        "81ARZ3NDEKTSV4RRFFQ69G5FAV", // time part beyond 48 bits
        "01ARZ3NDEKTSV4RRFFQ69G5FAI", // I, L, O and U are not Crockford digits
        "01ARZ3NDEKTSV4RRFFQ69G5FAL",
        "01ARZ3NDEKTSV4RRFFQ69G5FAO",
        "01ARZ3NDEKTSV4RRFFQ69G5FAU",
        "01ARZ3NDEKTSV4RRFFQ69G5FA#",
        "ORG#01ARZ3NDEKTSV4RRFFQ69G5F"
      })
  void nonCanonicalIds_areInvalid(String candidate) {
    assertThat(Ids.isValid(candidate)).isFalse();
    assertThatThrownBy(() -> Ids.requireValid(candidate))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCanonicalId_isValid() {
    assertThat(Ids.isValid("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isTrue();
  }
}
