package dev.topgun.licensing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.topgun.licensing.domain.SigningKeyService;
import dev.topgun.licensing.domain.SigningKeys.PublishedKey;
import dev.topgun.shared.tenancy.OperatorOrganization;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.SignedInUser;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Base64;
import java.util.List;

/**
 * The public keys that verify license documents, as a JWK Set (RFC 7517; Ed25519 keys as RFC 8037
 * {@code OKP}), and their rotation by the operator.
 */
@Controller("/v1/licensing/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
public class KeysController {

  private final SigningKeyService keys;
  private final AccessChecks access;
  private final OperatorOrganization root;

  KeysController(SigningKeyService keys, AccessChecks access, OperatorOrganization root) {
    this.keys = keys;
    this.access = access;
    this.root = root;
  }

  /** Public: every key that signed a document still in use, current first. */
  @Get
  public HttpResponse<JwkSet> list() {
    return HttpResponse.ok(new JwkSet(keys.published().stream().map(Jwk::of).toList()))
        .header("Cache-Control", "public, max-age=300");
  }

  /** {@code licenses:write} on the operator's organization: a new key signs from now on. */
  @Post("/rotate")
  public HttpResponse<Rotated> rotate(SignedInUser user) {
    access.authorize(user.caller(), root.id(), Permission.LICENSES_WRITE);
    return HttpResponse.created(new Rotated(keys.rotate()));
  }

  /** RFC 7517 requires {@code keys}, empty or not (serde would leave an empty list out). */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record JwkSet(List<Jwk> keys) {}

  @Serdeable
  public record Jwk(String kty, String crv, String x, String kid, String use, String alg) {

    static Jwk of(PublishedKey key) {
      return new Jwk(
          "OKP",
          "Ed25519",
          Base64.getUrlEncoder().withoutPadding().encodeToString(key.publicKey()),
          key.kid(),
          "sig",
          "EdDSA");
    }
  }

  @Serdeable
  public record Rotated(String kid) {}
}
