package dev.topgun.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.licensing.offline.OfflineVerifier;
import dev.topgun.shared.crypto.Sealed;
import dev.topgun.shared.testing.LambdaApi.Response;
import dev.topgun.shared.testing.LambdaApi.User;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The signed document verifies offline with the published keys, and keeps verifying across a
 * rotation.
 */
class DocumentIT {

  @RegisterExtension static final LicensingApi api = new LicensingApi();
  static final User OPERATOR = LicensingApi.OPERATOR;

  String issue(String slug) {
    String org = api.org(api.root, "master_branch", User.named(slug));
    return api.issue(
            OPERATOR,
            org,
            "{\"licenseType\":\"subscription\",\"tier\":\"enterprise\",\"features\":[\"white_label\"],"
                + "\"limits\":{\"max_servers\":7},\"authorizedDomains\":[\"*.hosting.example\"],"
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"graceDays\":5}")
        .id();
  }

  String document(String licenseId) {
    Response document = api.call(OPERATOR, "GET", "/v1/licenses/" + licenseId + "/document", null);
    assertThat(document.status()).isEqualTo(200);
    return document.raw();
  }

  Response jwks() {
    Response keys = api.call(null, "GET", "/v1/licensing/keys", null);
    assertThat(keys.status()).isEqualTo(200);
    return keys;
  }

  @Test
  void theDocumentVerifiesWithThePublishedKeyAndFailsAfterOneChangedByte() throws Exception {
    String id = issue("doc-a");
    String document = document(id);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks().body().get("keys");
    assertThat(keys)
        .isNotEmpty()
        .allSatisfy(
            k ->
                assertThat(k)
                    .containsEntry("kty", "OKP")
                    .containsEntry("crv", "Ed25519")
                    .containsEntry("alg", "EdDSA")
                    .containsKeys("x", "kid"));

    // Independently of the function's code: JDK Ed25519 over the JWS signing input (RFC 7515/8037).
    String[] parts = document.split("\\.");
    Map<String, Object> header =
        api.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    assertThat(header).containsEntry("alg", "EdDSA");
    Map<String, Object> jwk =
        keys.stream().filter(k -> k.get("kid").equals(header.get("kid"))).findFirst().orElseThrow();
    PublicKey key = jdkKey((String) jwk.get("x"));
    assertThat(verifies(key, parts[0] + "." + parts[1], parts[2])).isTrue();
    Map<String, Object> payload =
        api.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(payload)
        .containsEntry("id", id)
        .containsEntry("tier", "enterprise")
        .containsEntry("features", List.of("white_label"))
        .containsEntry("limits", Map.of("max_servers", 7))
        .containsEntry("authorizedDomains", List.of("*.hosting.example"))
        .containsEntry("expiresAt", "2099-01-01T00:00:00Z")
        .containsEntry("exp", Instant.parse("2099-01-06T00:00:00Z").getEpochSecond())
        .doesNotContainKey("key");

    // One changed byte anywhere: payload, signature or header.
    byte[] payloadBytes = Base64.getUrlDecoder().decode(parts[1]);
    payloadBytes[payloadBytes.length / 2] ^= 1;
    String tamperedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(payloadBytes);
    assertThat(verifies(key, parts[0] + "." + tamperedPayload, parts[2])).isFalse();
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[0] ^= 1;
    assertThat(
            verifies(
                key,
                parts[0] + "." + parts[1],
                Base64.getUrlEncoder().withoutPadding().encodeToString(signature)))
        .isFalse();

    // The reference verifier a self-hosted instance embeds.
    OfflineVerifier offline =
        OfflineVerifier.fromJwks(jwks().raw(), api.context.getBean(JsonMapper.class));
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(offline.verify(document, "panel.hosting.example", now).valid()).isTrue();
    assertThat(offline.verify(document, "hosting.example", now).reason())
        .isEqualTo("domain_not_authorized");
    assertThat(
            offline
                .verify(document, "panel.hosting.example", Instant.parse("2099-01-07T00:00:00Z"))
                .reason())
        .isEqualTo("expired");
    assertThat(
            offline
                .verify(
                    parts[0] + "." + tamperedPayload + "." + parts[2], "panel.hosting.example", now)
                .reason())
        .isEqualTo("invalid_signature");
    char last = document.charAt(document.length() - 2);
    String flipped =
        document.substring(0, document.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + document.charAt(document.length() - 1);
    assertThat(offline.verify(flipped, "panel.hosting.example", now).valid()).isFalse();
  }

  @Test
  void rotationKeepsOldDocumentsValidAndSignsNewOnesWithTheNewKey() throws Exception {
    String old = issue("doc-b");
    String oldDocument = document(old);
    Response rotated = api.call(OPERATOR, "POST", "/v1/licensing/keys/rotate", null);
    assertThat(rotated.status()).isEqualTo(201);
    String newKid = (String) rotated.body().get("kid");
    assertThat(kid(oldDocument)).isNotEqualTo(newKid);

    OfflineVerifier offline =
        OfflineVerifier.fromJwks(jwks().raw(), api.context.getBean(JsonMapper.class));
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    assertThat(offline.verify(oldDocument, "a.hosting.example", now).valid()).isTrue();
    String fresh = document(issue("doc-c"));
    assertThat(kid(fresh)).isEqualTo(newKid);
    assertThat(offline.verify(fresh, "a.hosting.example", now).valid()).isTrue();
    // A change re-signs an old license with the current key.
    api.call(OPERATOR, "PATCH", "/v1/licenses/" + old, "{\"tier\":\"basic\"}");
    assertThat(kid(document(old))).isEqualTo(newKid);

    User stranger = User.named("doc-stranger");
    api.org(api.root, "master_branch", stranger);
    // The operator's organization is not the stranger's to see.
    assertThat(api.call(stranger, "POST", "/v1/licensing/keys/rotate", null).status())
        .isEqualTo(404);
  }

  @Test
  void aPerpetualLicensesDocument_hasNoEnd_andNamesWhatItLacks() {
    // given
    String org = api.org(api.root, "master_branch", User.named("doc-e"));
    String id = api.issue(OPERATOR, org, "{\"licenseType\":\"perpetual\",\"tier\":\"basic\"}").id();

    // when
    String payload = document(id).split("\\.")[1];

    // then
    Map<String, Object> claims =
        api.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    assertThat(claims)
        .doesNotContainKeys("exp", "expiresAt")
        .containsEntry("iss", "topgun")
        .containsEntry("sub", id)
        .containsEntry("features", List.of())
        .containsEntry("limits", Map.of())
        .containsEntry("authorizedDomains", List.of())
        .containsEntry("graceDays", 14);
  }

  @Test
  void signingKeysAreStoredOnlySealed() {
    issue("doc-d");
    List<Map<String, AttributeValue>> items =
        api.context
            .getBean(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class)
            .scan(
                r ->
                    r.tableName(api.tableName())
                        .filterExpression("#t = :t")
                        .expressionAttributeNames(Map.of("#t", "type"))
                        .expressionAttributeValues(
                            Map.of(":t", AttributeValue.fromS("LICENSE_SIGNING_KEY"))))
            .items();
    List<Map<String, AttributeValue>> keys =
        items.stream().filter(i -> i.containsKey("sealedPrivateKey")).toList();
    assertThat(keys).isNotEmpty();
    for (Map<String, AttributeValue> key : keys) {
      String sealed = key.get("sealedPrivateKey").s();
      // A PKCS#8 Ed25519 key starts 302e020100300506032b6570; none of it is stored in the clear.
      assertThat(Sealed.decode(sealed).toBytes()).isNotEmpty();
      String hex = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(sealed));
      assertThat(hex).doesNotContain("302e020100300506032b6570");
      assertThat(key.values().toString()).doesNotContain("MC4CAQAwBQYDK2Vw");
    }
  }

  static String kid(String document) {
    String header =
        new String(Base64.getUrlDecoder().decode(document.split("\\.")[0]), StandardCharsets.UTF_8);
    return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
  }

  static PublicKey jdkKey(String x) throws Exception {
    byte[] raw = Base64.getUrlDecoder().decode(x);
    byte[] der =
        HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(raw));
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
  }

  static boolean verifies(PublicKey key, String signingInput, String signature) throws Exception {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    try {
      return verifier.verify(Base64.getUrlDecoder().decode(signature));
    } catch (java.security.SignatureException notASignature) {
      return false; // e.g. "Invalid point": a changed byte made R no point of the curve
    }
  }
}
