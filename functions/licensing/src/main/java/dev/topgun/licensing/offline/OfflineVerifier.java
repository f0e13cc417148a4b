package dev.topgun.licensing.offline;

import dev.topgun.licensing.domain.CompactJws;
import dev.topgun.licensing.domain.DomainBinding;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a signed license document with no call to Topgun: the reference for a self-hosted
 * instance. It is given the JWK Set of {@code GET /v1/licensing/keys} (fetched once and kept; a key
 * rotation adds a key and keeps the old ones) and checks the document's Ed25519 signature under the
 * key its {@code kid} names, its end of grace ({@code exp}) and its authorized domains. Revocation
 * cannot be seen offline: an instance that can reach Topgun also calls {@code POST
 * /v1/licenses/validate} now and then.
 */
public final class OfflineVerifier {

  private final Map<String, PublicKey> keys;
  private final JsonMapper json;

  private OfflineVerifier(Map<String, PublicKey> keys, JsonMapper json) {
    this.keys = Map.copyOf(keys);
    this.json = json;
  }

  /**
   * @param jwks the JWK Set as published; keys other than {@code OKP}/{@code Ed25519} are ignored
   * @throws IllegalArgumentException when it is not a JWK Set
   */
  @SuppressWarnings("unchecked")
  public static OfflineVerifier fromJwks(String jwks, JsonMapper json) {
    Map<String, PublicKey> keys = new HashMap<>();
    try {
      Map<String, Object> set = json.readValue(jwks, Map.class);
      for (Object entry : (List<Object>) set.get("keys")) {
        Map<String, Object> jwk = (Map<String, Object>) entry;
        if ("OKP".equals(jwk.get("kty")) && "Ed25519".equals(jwk.get("crv"))) {
          keys.put(
              (String) jwk.get("kid"),
              CompactJws.publicKey(Base64.getUrlDecoder().decode((String) jwk.get("x"))));
        }
      }
    } catch (IOException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("not a JWK Set", e);
    }
    return new OfflineVerifier(keys, json);
  }

  /** What the document says, if its signature holds, and whether it may run on {@code host} now. */
  public Result verify(String document, String host, Instant now) {
    Optional<byte[]> payload = CompactJws.verify(document, keys::get);
    if (payload.isEmpty()) {
      return new Result(false, "invalid_signature", Map.of());
    }
    Map<String, Object> claims;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = json.readValue(payload.get(), Map.class);
      claims = parsed;
    } catch (IOException e) {
      return new Result(false, "invalid_signature", Map.of());
    }
    Object exp = claims.get("exp");
    if (exp instanceof Number end && now.getEpochSecond() >= end.longValue()) {
      return new Result(false, "expired", claims);
    }
    Object domains = claims.get("authorizedDomains");
    if (domains instanceof List<?> list && !list.isEmpty()) {
      Optional<String> canonical = DomainBinding.normalize(host);
      @SuppressWarnings("unchecked")
      List<String> patterns = (List<String>) list;
      if (canonical.isEmpty() || !DomainBinding.allows(patterns, canonical.get())) {
        return new Result(false, "domain_not_authorized", claims);
      }
    }
    return new Result(true, null, claims);
  }

  /**
   * @param reason null when valid; else {@code invalid_signature}, {@code expired} or {@code
   *     domain_not_authorized}
   * @param claims the document's payload once its signature verified
   */
  public record Result(boolean valid, String reason, Map<String, Object> claims) {}
}
