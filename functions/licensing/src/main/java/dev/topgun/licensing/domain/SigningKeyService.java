package dev.topgun.licensing.domain;

import dev.topgun.licensing.domain.SigningKeys.NewKey;
import dev.topgun.licensing.domain.SigningKeys.PublishedKey;
import dev.topgun.shared.ids.Ids;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys that sign license documents: generated here, one current at a time (made on first use),
 * rotated by the operator — a rotation makes a new key current and retires the old one, which stays
 * published so that the documents it signed keep verifying until they expire. An opened private key
 * is kept in this instance's memory only.
 */
public final class SigningKeyService {

  private final SigningKeys keys;
  private final LicenseDocuments documents;
  private final Clock clock;
  private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();

  public SigningKeyService(SigningKeys keys, LicenseDocuments documents, Clock clock) {
    this.keys = keys;
    this.documents = documents;
    this.clock = clock;
  }

  /** {@code license} with its current terms signed by the current key. */
  public License sign(License license) {
    String kid = keys.currentKid().orElseGet(() -> keys.createFirst(generate()));
    PrivateKey key = opened.computeIfAbsent(kid, keys::open);
    byte[] payload = documents.payload(LicenseDocument.of(license));
    return license.signed(CompactJws.sign(key, kid, payload), kid);
  }

  /**
   * Makes a new key current and retires the one before it.
   *
   * @return the new key's id
   * @throws dev.topgun.shared.store.VersionConflictException another rotation won the race
   */
  public String rotate() {
    NewKey fresh = generate();
    return keys.currentKid()
        .map(
            previous -> {
              keys.rotate(previous, fresh, clock.instant());
              return fresh.kid();
            })
        .orElseGet(() -> keys.createFirst(fresh));
  }

  /** Every key that signed a document still in use, the current one first. */
  public List<PublishedKey> published() {
    return keys.published().stream().sorted(Comparator.comparing(PublishedKey::status)).toList();
  }

  private static NewKey generate() {
    try {
      return new NewKey(Ids.newId(), KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is unavailable", e);
    }
  }
}
