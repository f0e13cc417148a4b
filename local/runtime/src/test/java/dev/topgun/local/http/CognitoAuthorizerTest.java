package dev.topgun.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CognitoAuthorizerTest {

  @Test
  void claimsAsStrings_writesEveryValueAsApiGatewayDoes() {
    // given: an id token's claims as the verifier gives them (JSON values)
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "3f1c");
    claims.put("email_verified", true);
    claims.put("auth_time", 1680629979L);
    claims.put("exp", 1680633579L);
    claims.put("iat", 1680629979L);
    claims.put("cognito:groups", List.of("admins", "billing"));
    claims.put("custom:tier", Map.of("name", "gold"));
    claims.put("nothing", null);

    // when
    Map<String, String> strings = CognitoAuthorizer.claimsAsStrings(claims);

    // then
    assertThat(strings)
        .containsExactly(
            Map.entry("sub", "3f1c"),
            Map.entry("email_verified", "true"),
            Map.entry("auth_time", "1680629979"),
            Map.entry("exp", "Tue Apr 04 18:39:39 UTC 2023"),
            Map.entry("iat", "Tue Apr 04 17:39:39 UTC 2023"),
            Map.entry("cognito:groups", "admins,billing"),
            Map.entry("custom:tier", "{\"name\":\"gold\"}"));
  }

  @Test
  void claimsAsStrings_ofASingleGroup_isItsBareName() {
    // when
    Map<String, String> strings =
        CognitoAuthorizer.claimsAsStrings(Map.of("cognito:groups", List.of("team_manager")));

    // then
    assertThat(strings).containsEntry("cognito:groups", "team_manager");
  }
}
