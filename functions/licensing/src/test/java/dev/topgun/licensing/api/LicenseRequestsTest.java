package dev.topgun.licensing.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.domain.Feature;
import dev.topgun.licensing.domain.LicenseTerms.LicenseType;
import dev.topgun.licensing.domain.LicenseTerms.Tier;
import dev.topgun.shared.entitlements.Limit;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The request patterns spell exactly the domain's enums (annotations need constants, so they are
 * written out): a value added to an enum and not to its pattern, or the other way, fails here.
 */
class LicenseRequestsTest {

  static <E extends Enum<E>> List<String> values(Class<E> type, Function<E, String> value) {
    return Arrays.stream(type.getEnumConstants()).map(value).toList();
  }

  static List<String> alternatives(String pattern) {
    return List.of(pattern.split("\\|"));
  }

  @Test
  void eachPattern_isItsEnumsValues() {
    assertThat(alternatives(LicenseRequests.TYPES))
        .containsExactlyElementsOf(values(LicenseType.class, LicenseType::value));
    assertThat(alternatives(LicenseRequests.TIERS))
        .containsExactlyElementsOf(values(Tier.class, Tier::value));
    assertThat(alternatives(LicenseRequests.FEATURES))
        .containsExactlyElementsOf(values(Feature.class, Feature::value));
    assertThat(alternatives(LicenseRequests.LIMITS))
        .containsExactlyElementsOf(values(Limit.class, Limit::value));
  }
}
