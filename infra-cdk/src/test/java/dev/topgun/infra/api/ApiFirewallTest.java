package dev.topgun.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.routes.Route;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The path patterns of the per-route WAF rules, as WAF would match request paths. */
class ApiFirewallTest {

  static final Route.Throttle THROTTLE = new Route.Throttle(50, 100);

  @Test
  void literalRoute_matchesItsPath_withOrWithoutTheStagePrefix_andNothingElse() {
    Pattern validate = pattern("/v1/licenses/validate");

    assertThat(validate.matcher("/dev/v1/licenses/validate").matches()).isTrue();
    assertThat(validate.matcher("/v1/licenses/validate").matches()).isTrue();
    assertThat(validate.matcher("/prod/v1/licenses/validate/").matches()).isTrue();
    assertThat(validate.matcher("/dev/v1/licenses/validate2").matches()).isFalse();
    assertThat(validate.matcher("/dev/v1/licenses/validate/x").matches()).isFalse();
    assertThat(validate.matcher("/dev/v1/licenses/L1").matches()).isFalse();
    assertThat(validate.matcher("/a/b/v1/licenses/validate").matches()).isFalse();
  }

  @Test
  void parameter_isOneSegment_greedyParameter_isTheRest_andADot_isADot() {
    assertThat(
            pattern("/v1/licenses/{licenseId}/suspend")
                .matcher("/dev/v1/licenses/01J/suspend")
                .matches())
        .isTrue();
    assertThat(
            pattern("/v1/licenses/{licenseId}/suspend")
                .matcher("/dev/v1/licenses/a/b/suspend")
                .matches())
        .isFalse();
    assertThat(pattern("/v1/files/{path+}").matcher("/dev/v1/files/a/b/c").matches()).isTrue();
    assertThat(pattern("/v1/openapi.json").matcher("/dev/v1/openapiXjson").matches()).isFalse();
    assertThat(pattern("/v1/openapi.json").matcher("/dev/v1/openapi.json").matches()).isTrue();
  }

  @Test
  void ruleName_isTheMethodAndPath_inTheCharactersWafAllows() {
    assertThat(
            ApiFirewall.routeRuleName(
                new Route(
                    "POST", "/v1/licenses/{licenseId}/suspend", "licensing", "user", THROTTLE)))
        .isEqualTo("RateLimit-POST-v1-licenses-licenseId-suspend")
        .matches("[A-Za-z0-9_-]{1,128}");
  }

  private static Pattern pattern(String path) {
    return Pattern.compile(
        ApiFirewall.pathRegex(new Route("POST", path, "licensing", "public", THROTTLE)));
  }
}
