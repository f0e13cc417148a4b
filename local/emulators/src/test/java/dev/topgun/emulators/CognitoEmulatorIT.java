package dev.topgun.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolDescriptionType;

/** cognito-local started by {@link CognitoEmulator}, reached through the AWS SDK. */
class CognitoEmulatorIT {

  @Test
  void answersTheSdk_andKeepsItsPoolsInTheDataDirectory(@TempDir Path dataDir) {
    // given
    String poolId;
    try (CognitoEmulator cognito = CognitoEmulator.start(0, dataDir);
        CognitoIdentityProviderClient client = client(cognito)) {
      assertThat(client.listUserPools(r -> r.maxResults(10)).userPools()).isEmpty();

      // when
      poolId = client.createUserPool(r -> r.poolName("topgun")).userPool().id();
    }

    // then
    assertThat(dataDir.resolve(".cognito").resolve("db").resolve(poolId + ".json")).isRegularFile();
    try (CognitoEmulator cognito = CognitoEmulator.start(0, dataDir);
        CognitoIdentityProviderClient client = client(cognito)) {
      assertThat(client.listUserPools(r -> r.maxResults(10)).userPools())
          .extracting(UserPoolDescriptionType::id)
          .containsExactly(poolId);
    }
  }

  private static CognitoIdentityProviderClient client(CognitoEmulator cognito) {
    return CognitoIdentityProviderClient.builder()
        .endpointOverride(cognito.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
