package dev.topgun.infra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.RouteTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;

class PublicApiTest {

  @Test
  void twoParameterNamesAtOneLevel_areRefusedAtSynth() {
    RouteTable routes =
        RouteTable.of(
            List.of(
                new Route("GET", "/v1/organizations/{orgId}", "organizations", "user"),
                new Route("GET", "/v1/organizations/{id}/licenses", "licensing", "user")));

    assertThatThrownBy(() -> PublicApi.checkParameterNames(routes))
        .hasMessageContaining("/v1/organizations has two variable children, {orgId} and {id}");
  }

  @Test
  void oneParameterNamePerLevel_isAccepted() {
    RouteTable routes =
        RouteTable.of(
            List.of(
                new Route("GET", "/v1/organizations/{orgId}", "organizations", "user"),
                new Route("POST", "/v1/invitations/{token}/accept", "organizations", "user"),
                new Route("GET", "/v1/organizations/{orgId}/licenses", "licensing", "user")));

    assertThatCode(() -> PublicApi.checkParameterNames(routes)).doesNotThrowAnyException();
  }

  @Test
  void routeThrottle_becomesItsMethodsSetting_cappedAtTheStages() {
    // given a route throttled above dev's stage limits (50/100) and below prod's (500/1000)
    RouteTable routes =
        RouteTable.of(
            List.of(
                new Route("GET", "/v1/health", "platform", "public"),
                new Route(
                    "POST",
                    "/v1/licenses/validate",
                    "licensing",
                    "public",
                    new Route.Throttle(80, 160))));

    // when
    Map<String, MethodDeploymentOptions> dev = PublicApi.methodThrottles(StageConfig.dev(), routes);
    Map<String, MethodDeploymentOptions> prod =
        PublicApi.methodThrottles(StageConfig.prod(), routes);

    // then
    assertThat(dev).containsOnlyKeys("/v1/licenses/validate/POST");
    assertThat(dev.get("/v1/licenses/validate/POST").getThrottlingRateLimit()).isEqualTo(50);
    assertThat(dev.get("/v1/licenses/validate/POST").getThrottlingBurstLimit()).isEqualTo(100);
    assertThat(prod.get("/v1/licenses/validate/POST").getThrottlingRateLimit()).isEqualTo(80);
    assertThat(prod.get("/v1/licenses/validate/POST").getThrottlingBurstLimit()).isEqualTo(160);
  }
}
