package dev.topgun.licensing.domain;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Ed25519 keys that sign license documents, as the store keeps them: the public key in the
 * clear, the private key only sealed (KMS), one of them current.
 */
public interface SigningKeys {

  /** The id of the key that signs now; empty before the first one. */
  Optional<String> currentKid();

  /**
   * Stores {@code key} as the first, current one. When another instance stored a first key
   * meanwhile, that one stays current.
   *
   * @return the current key's id
   */
  String createFirst(NewKey key);

  /**
   * Makes {@code fresh} current and retires {@code previousKid} at {@code at}, in one write.
   *
   * @throws dev.topgun.shared.store.VersionConflictException another rotation won the race
   */
  void rotate(String previousKid, NewKey fresh, Instant at);

  /** The private key of {@code kid}, opened. */
  PrivateKey open(String kid);

  /** Every published key, current and retired. */
  List<PublishedKey> published();

  /** A key made here, not stored yet. */
  record NewKey(String kid, KeyPair pair) {}

  /** Whether a key signs new documents or only verifies old ones. */
  enum KeyStatus {
    ACTIVE,
    RETIRED
  }

  /** A published key: its id, the raw 32-byte public key (a JWK's {@code x}) and its status. */
  record PublishedKey(String kid, byte[] publicKey, KeyStatus status) {}
}
