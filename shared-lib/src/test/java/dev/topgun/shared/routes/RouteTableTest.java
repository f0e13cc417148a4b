package dev.topgun.shared.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private final RouteTable table =
      RouteTable.of(
          List.of(
              new Route("GET", "/v1/organizations/{orgId}", "organizations", "user"),
              new Route("PATCH", "/v1/organizations/{orgId}", "organizations", "user"),
              new Route("GET", "/v1/organizations/{orgId}/licenses", "licensing", "user"),
              new Route("GET", "/v1/organizations/{orgId}/{proxy+}", "platform", "user"),
              new Route("GET", "/v1/organizations/me", "organizations", "user"),
              new Route("GET", "/v1/health", "platform", "public")));

  @Test
  void literalSegment_beatsParameter() {
    // when
    var match = table.match("GET", "/v1/organizations/me").orElseThrow();

    // then
    assertThat(match.route().path()).isEqualTo("/v1/organizations/me");
    assertThat(match.pathParameters()).isEmpty();
  }

  @Test
  void deeperTemplate_belongsToItsOwnFunction() {
    // when
    var match = table.match("GET", "/v1/organizations/01J/licenses").orElseThrow();

    // then
    assertThat(match.route().function()).isEqualTo("licensing");
    assertThat(match.pathParameters()).isEqualTo(Map.of("orgId", "01J"));
  }

  @Test
  void greedyParameter_takesTheRestOnlyWhenNothingMoreSpecificMatches() {
    // when
    var match = table.match("GET", "/v1/organizations/01J/audit/2026").orElseThrow();

    // then
    assertThat(match.route().function()).isEqualTo("platform");
    assertThat(match.pathParameters()).isEqualTo(Map.of("orgId", "01J", "proxy", "audit/2026"));
  }

  @Test
  void methodIsPartOfTheMatch_andAllowListsTheDeclaredOnes() {
    assertThat(table.match("DELETE", "/v1/organizations/01J")).isEmpty();
    assertThat(table.allowedMethods("/v1/organizations/01J")).containsExactly("GET", "PATCH");
    assertThat(table.allowedMethods("/v1/nothing")).isEmpty();
  }

  @Test
  void emptySegmentsAndTrailingSlashes_doNotMatch() {
    assertThat(table.match("GET", "/v1//health")).isEmpty();
    assertThat(table.match("GET", "/v1/health/")).isEmpty();
    assertThat(table.match("GET", "v1/health")).isEmpty();
  }

  @Test
  void sameMethodAndShapeTwice_isRefused() {
    assertThatThrownBy(
            () ->
                RouteTable.of(
                    List.of(
                        new Route("GET", "/v1/a/{x}", "platform", "public"),
                        new Route("GET", "/v1/a/{y}", "organizations", "public"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declared twice");
  }

  @Test
  void badDeclarations_areRefusedWithTheReason() {
    assertThatThrownBy(() -> new Route("FETCH", "/v1/a", "platform", "public"))
        .hasMessageContaining("method");
    assertThatThrownBy(() -> new Route("GET", "/v1/{p+}/x", "platform", "public"))
        .hasMessageContaining("greedy");
    assertThatThrownBy(() -> new Route("GET", "/v1/a", "Platform!", "public"))
        .hasMessageContaining("function");
    assertThatThrownBy(() -> new Route("GET", "/v1/a", "platform", "admin"))
        .hasMessageContaining("auth");
  }

  @Test
  void theDeclaredTable_loadsAndEveryRouteIsVersioned() {
    // when
    RouteTable declared = RouteTable.load();

    // then
    assertThat(declared.routes()).isNotEmpty();
    assertThat(declared.routes()).allSatisfy(r -> assertThat(r.path()).startsWith("/v1/"));
    assertThat(declared.match("GET", "/v1/health").orElseThrow().route().function())
        .isEqualTo("platform");
  }

  @Test
  void eventRules_parseAndExposeTheirPatternAsJson() throws Exception {
    // given
    String json =
        """
        {"rules":[{"name":"org-created","eventPattern":{"source":["topgun.organizations"],
         "detail-type":["OrganizationCreated"]},"targets":["licensing"]}]}
        """;

    // when
    EventRules rules =
        EventRules.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    // then
    EventRules.Rule rule = rules.rules().get(0);
    assertThat(rule.targets()).containsExactly("licensing");
    assertThat(rule.eventPatternJson())
        .contains("\"source\":[\"topgun.organizations\"]")
        .contains("\"detail-type\":[\"OrganizationCreated\"]");
    assertThat(EventRules.load().rules()).isNotNull();
  }
}
