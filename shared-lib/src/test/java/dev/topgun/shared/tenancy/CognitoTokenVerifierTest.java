package dev.topgun.shared.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CognitoTokenVerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String CLIENT = "client-1";
  private static final String POOL = "local_pool1";

  private static final RSAKey KEY = generate("key-1");
  private static final RSAKey OTHER_KEY = generate("key-2");

  private HttpServer server;
  private final AtomicReference<String> jwks = new AtomicReference<>();
  private final AtomicInteger jwksStatus = new AtomicInteger(200);
  private final AtomicInteger jwksRequests = new AtomicInteger();
  private URI issuer;
  private CognitoTokenVerifier verifier;

  @BeforeEach
  void serveKeys() throws IOException {
    jwks.set(new JWKSet(KEY.toPublicJWK()).toString());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/" + POOL + "/.well-known/jwks.json",
        exchange -> {
          jwksRequests.incrementAndGet();
          byte[] body = jwks.get().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(jwksStatus.get(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    issuer = CognitoTokenVerifier.issuer(endpoint, "eu-west-1", POOL);
    verifier = new CognitoTokenVerifier(issuer, CLIENT, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void idToken_isVerified_withItsIdentity() {
    // when
    VerifiedToken token = verifier.verify(idToken(c -> {}));

    // then
    assertThat(token.subject()).isEqualTo("user-1");
    assertThat(token.email()).isEqualTo("ada@example.com");
    assertThat(token.emailVerified()).isTrue();
    assertThat(token.tokenUse()).isEqualTo("id");
    assertThat(token.isIdToken()).isTrue();
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(token.claims()).containsEntry("cognito:username", "ada").containsKey("exp");
  }

  @Test
  void accessToken_isVerified_withoutEmail() {
    VerifiedToken token = verifier.verify(accessToken(c -> {}));

    assertThat(token.subject()).isEqualTo("user-1");
    assertThat(token.tokenUse()).isEqualTo("access");
    assertThat(token.email()).isNull();
    assertThat(token.emailVerified()).isFalse();
  }

  @Test
  void bearerPrefix_isAccepted_inAnyCase() {
    assertThat(verifier.verify("Bearer " + idToken(c -> {})).subject()).isEqualTo("user-1");
    assertThat(verifier.verify("bearer  " + accessToken(c -> {})).subject()).isEqualTo("user-1");
  }

  @Test
  void emailVerifiedAsString_isUnderstood() {
    VerifiedToken token = verifier.verify(idToken(c -> c.claim("email_verified", "true")));

    assertThat(token.emailVerified()).isTrue();
  }

  @Test
  void keys_areFetchedLazily_andCached() {
    // given a new verifier: no request yet
    assertThat(jwksRequests).hasValue(0);

    // when
    for (int i = 0; i < 5; i++) {
      verifier.verify(idToken(c -> {}));
    }

    // then
    assertThat(jwksRequests).hasValue(1);
  }

  @Test
  void noToken_isMissing() {
    assertReason(null, "missing");
    assertReason("", "missing");
    assertReason("Bearer ", "missing");
    assertReason("   ", "missing");
  }

  @Test
  void garbage_isMalformed() {
    assertReason("not-a-jwt", "malformed");
    assertReason("a.b.c", "malformed");
    assertReason("Basic dXNlcjpwYXNz", "malformed");
    String[] parts = idToken(c -> {}).split("\\.");
    assertReason(parts[0] + ".bm90IGpzb24." + parts[2], "malformed");
  }

  @Test
  void missingSubjectOrExpiry_isMalformed() {
    assertReason(idToken(c -> c.subject(null)), "malformed");
    assertReason(idToken(c -> c.expirationTime(null)), "malformed");
  }

  @Test
  void signatureOfAnotherKey_underTheKnownKeyId_isBadSignature() {
    // given a token signed by an attacker's key that claims to be key-1
    String forged = sign(new RSAKey.Builder(OTHER_KEY).keyID(KEY.getKeyID()).build(), idClaims());

    assertReason(forged, "bad_signature");
  }

  @Test
  void tamperedPayload_isBadSignature() {
    // given a genuine token whose payload is swapped for one naming another subject
    String[] parts = idToken(c -> {}).split("\\.");
    String otherPayload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims(idClaims()).subject("admin").build().toString().getBytes(UTF8));

    assertReason(parts[0] + "." + otherPayload + "." + parts[2], "bad_signature");
  }

  @Test
  void algNone_isBadSignature() {
    String header = b64("{\"alg\":\"none\",\"kid\":\"" + KEY.getKeyID() + "\",\"typ\":\"JWT\"}");
    String payload = b64(idClaims().toString());

    assertReason(header + "." + payload + ".", "bad_signature");
    assertReason(header + "." + payload, "bad_signature");
  }

  @Test
  void hs256WithThePublicKeyAsSecret_isBadSignature() throws Exception {
    // the classic algorithm-confusion attack: the verifier must not use the RSA public key as an
    // HMAC secret
    byte[] secret = KEY.toPublicJWK().toJSONString().getBytes(UTF8);
    byte[] padded = java.util.Arrays.copyOf(secret, Math.max(secret.length, 64));
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(), idClaims());
    jwt.sign(new MACSigner(padded));

    assertReason(jwt.serialize(), "bad_signature");
  }

  @Test
  void rs512_isRefused_evenWithTheRightKey() throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS512).keyID(KEY.getKeyID()).build(), idClaims());
    jwt.sign(new RSASSASigner(KEY));

    assertReason(jwt.serialize(), "bad_signature");
  }

  @Test
  void keyThePoolDoesNotPublish_isUnknownKey_andRefreshesAtMostRateLimited() {
    // given
    verifier.verify(idToken(c -> {}));
    String stranger = sign(OTHER_KEY, idClaims());

    // when twenty tokens name an unknown key
    for (int i = 0; i < 20; i++) {
      assertReason(stranger, "unknown_key");
    }

    // then the keys were fetched once, plus at most one refresh per interval, not twenty times
    assertThat(jwksRequests.get()).isBetween(1, 3);
  }

  @Test
  void noKeyId_isUnknownKey() throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), idClaims());
    jwt.sign(new RSASSASigner(KEY));

    assertReason(jwt.serialize(), "unknown_key");
  }

  @Test
  void rotatedKey_isPickedUp_byRefreshingOnAnUnknownKeyId() {
    // given the keys were cached before the pool added key-2
    verifier.verify(idToken(c -> {}));
    jwks.set(new JWKSet(List.of(KEY.toPublicJWK(), OTHER_KEY.toPublicJWK())).toString());

    // when
    VerifiedToken token = verifier.verify(sign(OTHER_KEY, idClaims()));

    // then
    assertThat(token.subject()).isEqualTo("user-1");
  }

  @Test
  void anotherIssuer_isWrongIssuer_withoutFetchingKeys() {
    assertReason(
        idToken(c -> c.issuer("https://cognito-idp.eu-west-1.amazonaws.com/" + POOL)),
        "wrong_issuer");
    assertReason(idToken(c -> c.issuer(issuer + "/")), "wrong_issuer");
    assertReason(idToken(c -> c.issuer(null)), "wrong_issuer");
    assertThat(jwksRequests).hasValue(0);
  }

  @Test
  void expiry_allowsSixtySecondsOfSkew() {
    assertThat(verifier.verify(idToken(c -> c.expirationTime(at(-60)))).subject())
        .isEqualTo("user-1");
    assertReason(idToken(c -> c.expirationTime(at(-61))), "expired");
  }

  @Test
  void notBefore_allowsSixtySecondsOfSkew() {
    assertThat(verifier.verify(idToken(c -> c.notBeforeTime(at(60)))).subject())
        .isEqualTo("user-1");
    assertReason(idToken(c -> c.notBeforeTime(at(61))), "not_yet_valid");
  }

  @Test
  void expiredForgery_isBadSignature_notExpired() {
    // the signature is checked before claims that only a genuine token could make meaningful
    String forged =
        sign(
            new RSAKey.Builder(OTHER_KEY).keyID(KEY.getKeyID()).build(),
            claims(idClaims()).expirationTime(at(-3600)).build());

    assertReason(forged, "bad_signature");
  }

  @Test
  void tokenUse_mustBeIdOrAccess() {
    assertReason(idToken(c -> c.claim("token_use", "refresh")), "wrong_token_use");
    assertReason(idToken(c -> c.claim("token_use", null)), "wrong_token_use");
  }

  @Test
  void idToken_ofAnotherClient_isWrongAudience() {
    assertReason(idToken(c -> c.audience("client-2")), "wrong_audience");
    assertReason(idToken(c -> c.audience(List.of(CLIENT, "client-2"))), "wrong_audience");
    assertReason(idToken(c -> c.audience((String) null)), "wrong_audience");
  }

  @Test
  void accessToken_ofAnotherClient_isWrongAudience() {
    assertReason(accessToken(c -> c.claim("client_id", "client-2")), "wrong_audience");
    assertReason(accessToken(c -> c.claim("client_id", null)), "wrong_audience");
  }

  @Test
  void withoutClientId_anyClientOfThePool_isAccepted() {
    CognitoTokenVerifier anyClient =
        new CognitoTokenVerifier(issuer, null, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(anyClient.verify(idToken(c -> c.audience("client-2"))).subject())
        .isEqualTo("user-1");
    assertThat(anyClient.verify(accessToken(c -> c.claim("client_id", "client-2"))).subject())
        .isEqualTo("user-1");
  }

  @Test
  void keysThatCannotBeFetched_areUnavailable_notAnInvalidToken() {
    jwksStatus.set(500);

    assertThatThrownBy(() -> verifier.verify(idToken(c -> {})))
        .isInstanceOf(KeySourceUnavailableException.class);
  }

  @Test
  void exceptionMessages_neverContainTheToken() {
    String token = sign(new RSAKey.Builder(OTHER_KEY).keyID(KEY.getKeyID()).build(), idClaims());
    String signature = token.substring(token.lastIndexOf('.') + 1);

    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(
            InvalidTokenException.class,
            e -> assertThat(e.getMessage()).doesNotContain(signature).doesNotContain("eyJ"));
  }

  @Test
  void issuer_isTheEndpointAndPool_orTheAwsAddress() {
    assertThat(CognitoTokenVerifier.issuer("http://localhost:9229/", "us-east-1", "local_abc"))
        .hasToString("http://localhost:9229/local_abc");
    assertThat(CognitoTokenVerifier.issuer(null, "eu-west-1", "eu-west-1_AbC"))
        .hasToString("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
    assertThat(CognitoTokenVerifier.issuer("", "eu-west-1", "eu-west-1_AbC"))
        .hasToString("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
  }

  private void assertReason(String token, String reason) {
    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOfSatisfying(
            InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private JWTClaimsSet idClaims() {
    return new JWTClaimsSet.Builder()
        .issuer(issuer.toString())
        .subject("user-1")
        .audience(CLIENT)
        .claim("token_use", "id")
        .claim("email", "ada@example.com")
        .claim("email_verified", true)
        .claim("cognito:username", "ada")
        .issueTime(at(0))
        .expirationTime(at(3600))
        .build();
  }

  private JWTClaimsSet accessClaims() {
    return new JWTClaimsSet.Builder()
        .issuer(issuer.toString())
        .subject("user-1")
        .claim("client_id", CLIENT)
        .claim("token_use", "access")
        .claim("scope", "aws.cognito.signin.user.admin")
        .issueTime(at(0))
        .expirationTime(at(3600))
        .build();
  }

  private String idToken(Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder builder = claims(idClaims());
    change.accept(builder);
    return sign(KEY, builder.build());
  }

  private String accessToken(Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder builder = claims(accessClaims());
    change.accept(builder);
    return sign(KEY, builder.build());
  }

  private static JWTClaimsSet.Builder claims(JWTClaimsSet from) {
    return new JWTClaimsSet.Builder(from);
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Date at(long secondsFromNow) {
    return Date.from(NOW.plusSeconds(secondsFromNow));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(UTF8));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
