package dev.topgun.shared.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.emulators.CognitoEmulator;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

/** Real tokens from cognito-local, through the AWS SDK, verified against the pool's JWKS. */
class CognitoTokenVerifierIT {

  private static final String PASSWORD = "Correct-Horse-9";

  private static CognitoEmulator cognito;
  private static CognitoIdentityProviderClient client;
  private static Pool pool;
  private static Pool otherPool;

  record Pool(String poolId, String clientId, URI issuer, AuthenticationResultType tokens) {}

  @BeforeAll
  static void signIn() throws Exception {
    cognito = CognitoEmulator.start(0, Files.createTempDirectory("tenancy-cognito"));
    client =
        CognitoIdentityProviderClient.builder()
            .endpointOverride(cognito.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    pool = poolWithSignedInUser("topgun", "ada@example.com");
    otherPool = poolWithSignedInUser("elsewhere", "eve@example.com");
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (cognito != null) {
      cognito.close();
    }
  }

  @Test
  void idToken_isVerified() {
    // given
    CognitoTokenVerifier verifier = verifier(pool, Clock.systemUTC());

    // when
    VerifiedToken token = verifier.verify("Bearer " + pool.tokens().idToken());

    // then
    assertThat(token.tokenUse()).isEqualTo("id");
    assertThat(token.email()).isEqualTo("ada@example.com");
    assertThat(token.subject()).isNotBlank();
    assertThat(token.expiresAt()).isAfter(Instant.now());
    assertThat(token.claims()).containsEntry("iss", pool.issuer().toString());
  }

  @Test
  void accessToken_isVerified_asTheSameUser() {
    CognitoTokenVerifier verifier = verifier(pool, Clock.systemUTC());

    VerifiedToken access = verifier.verify(pool.tokens().accessToken());
    VerifiedToken id = verifier.verify(pool.tokens().idToken());

    assertThat(access.tokenUse()).isEqualTo("access");
    assertThat(access.subject()).isEqualTo(id.subject());
  }

  @Test
  void anotherPoolsToken_isRefused() {
    CognitoTokenVerifier verifier = verifier(pool, Clock.systemUTC());

    for (String token :
        new String[] {otherPool.tokens().idToken(), otherPool.tokens().accessToken()}) {
      assertThatThrownBy(() -> verifier.verify(token))
          .isInstanceOfSatisfying(
              InvalidTokenException.class,
              e -> assertThat(e.reason()).isIn("wrong_issuer", "unknown_key"));
    }
  }

  @Test
  void anotherClientsToken_isWrongAudience() {
    CognitoTokenVerifier verifier =
        new CognitoTokenVerifier(pool.issuer(), "some-other-client", Clock.systemUTC());

    assertThatThrownBy(() -> verifier.verify(pool.tokens().idToken()))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo("wrong_audience"));
  }

  @Test
  void tokenPastItsExpiry_isExpired() {
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
    CognitoTokenVerifier verifier = verifier(pool, Clock.fixed(later.instant(), ZoneOffset.UTC));

    assertThatThrownBy(() -> verifier.verify(pool.tokens().idToken()))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo("expired"));
  }

  private static CognitoTokenVerifier verifier(Pool pool, Clock clock) {
    return new CognitoTokenVerifier(pool.issuer(), pool.clientId(), clock);
  }

  private static Pool poolWithSignedInUser(String name, String email) {
    String poolId = client.createUserPool(r -> r.poolName(name)).userPool().id();
    String clientId =
        client
            .createUserPoolClient(
                r ->
                    r.userPoolId(poolId)
                        .clientName(name + "-web")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH))
            .userPoolClient()
            .clientId();
    client.signUp(
        r ->
            r.clientId(clientId)
                .username(email)
                .password(PASSWORD)
                .userAttributes(AttributeType.builder().name("email").value(email).build()));
    client.adminConfirmSignUp(r -> r.userPoolId(poolId).username(email));
    AuthenticationResultType tokens =
        client
            .initiateAuth(
                r ->
                    r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD)))
            .authenticationResult();
    URI issuer = CognitoTokenVerifier.issuer(cognito.endpoint().toString(), "us-east-1", poolId);
    return new Pool(poolId, clientId, issuer, tokens);
  }
}
