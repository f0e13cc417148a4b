package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.routes.EventRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What survives a restart on the same data directory, and what {@code --fresh} throws away. */
class LocalRuntimeRestartIT {

  static final Map<String, AttributeValue> KEY =
      Map.of("PK", AttributeValue.fromS("ORG#restart"), "SK", AttributeValue.fromS("ORG"));

  @Test
  void restart_onTheSameDataDir_keepsPoolClientOperatorAndItems(@TempDir Path data)
      throws Exception {
    // given
    String poolId;
    String clientId;
    String password;
    String rootId;
    try (LocalRuntime first = LocalRuntime.start(config(data, false))) {
      poolId = first.userPoolId();
      rootId = first.rootOrganizationId();
      clientId = first.clientId();
      password = first.operatorPassword();
      try (DynamoDbClient dynamo =
          SdkClients.of(DynamoDbClient.builder(), first.dynamoDbEndpoint())) {
        dynamo.putItem(
            request ->
                request
                    .tableName("topgun")
                    .item(
                        Map.of(
                            "PK",
                            KEY.get("PK"),
                            "SK",
                            KEY.get("SK"),
                            "name",
                            AttributeValue.fromS("kept"))));
      }
    }

    // when
    try (LocalRuntime second = LocalRuntime.start(config(data, false))) {

      // then
      assertThat(second.userPoolId()).isEqualTo(poolId);
      assertThat(second.clientId()).isEqualTo(clientId);
      assertThat(second.operatorPassword()).isEqualTo(password);
      assertThat(second.rootOrganizationId()).isEqualTo(rootId).isNotBlank();
      assertThat(Files.getPosixFilePermissions(data.resolve("operator.json")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      try (DynamoDbClient dynamo =
          SdkClients.of(DynamoDbClient.builder(), second.dynamoDbEndpoint())) {
        var item = dynamo.getItem(request -> request.tableName("topgun").key(KEY)).item();
        assertThat(item.get("name").s()).isEqualTo("kept");
      }
      try (CognitoIdentityProviderClient cognito =
          SdkClients.of(CognitoIdentityProviderClient.builder(), second.cognitoEndpoint())) {
        var auth =
            cognito.initiateAuth(
                request ->
                    request
                        .clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(
                            Map.of("USERNAME", second.operatorEmail(), "PASSWORD", password)));
        assertThat(auth.authenticationResult().idToken()).isNotBlank();
      }
    }
  }

  @Test
  void fresh_startsFromAnEmptyDataDir_withNewIdsAndNoItems(@TempDir Path data) {
    // given
    String poolId;
    String clientId;
    try (LocalRuntime first = LocalRuntime.start(config(data, false))) {
      poolId = first.userPoolId();
      clientId = first.clientId();
      try (DynamoDbClient dynamo =
          SdkClients.of(DynamoDbClient.builder(), first.dynamoDbEndpoint())) {
        dynamo.putItem(request -> request.tableName("topgun").item(KEY));
      }
    }

    // when
    try (LocalRuntime fresh = LocalRuntime.start(config(data, true))) {

      // then
      assertThat(fresh.userPoolId()).isNotEqualTo(poolId);
      assertThat(fresh.clientId()).isNotEqualTo(clientId);
      try (DynamoDbClient dynamo =
          SdkClients.of(DynamoDbClient.builder(), fresh.dynamoDbEndpoint())) {
        assertThat(dynamo.getItem(request -> request.tableName("topgun").key(KEY)).hasItem())
            .isFalse();
      }
    }
  }

  private static LocalConfig config(Path data, boolean fresh) {
    return LocalConfig.defaults()
        .withFreePorts()
        .withDataDir(data)
        .withFresh(fresh)
        .withRules(EventRules.of(List.of()));
  }
}
