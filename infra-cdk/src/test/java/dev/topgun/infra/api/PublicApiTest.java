package dev.topgun.infra.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.routes.Route;
import dev.topgun.shared.routes.RouteTable;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
