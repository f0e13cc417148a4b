package dev.topgun.licensing.store;

import dev.topgun.licensing.domain.CompactJws;
import dev.topgun.shared.crypto.Envelope;
import dev.topgun.shared.crypto.Sealed;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.UniqueConstraintViolationException;
import dev.topgun.shared.store.VersionConflictException;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Ed25519 keys that sign license documents. Private keys are generated here and stored only
 * sealed with KMS ({@link Envelope}, encryption context {@code purpose=license-signing, kid=…}); an
 * opened key is kept in memory by the function instance that uses it and never logged. One key
 * signs at a time ({@code CURRENT}); {@link #rotate} makes a new one current and retires the old,
 * which stays published so that documents it signed keep verifying until they expire.
 */
@Singleton
public class SigningKeys {

  static final String ACTIVE = "active";
  static final String RETIRED = "retired";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final Envelope envelope;
  private final Clock clock;
  private final Map<String, PrivateKey> opened = new ConcurrentHashMap<>();

  public SigningKeys(
      SingleTableStore store, TransactionalWriter writer, Envelope envelope, Clock clock) {
    this.store = store;
    this.writer = writer;
    this.envelope = envelope;
    this.clock = clock;
  }

  /** A published key: its id, raw public key and status. */
  public record PublishedKey(String kid, byte[] publicKey, String status) {}

  /** The key that signs now, with its id; made on first use. */
  public record Signer(String kid, PrivateKey privateKey) {}

  /** The current signing key (one read of the pointer; the private key is opened once). */
  public Signer current() {
    String kid =
        store
            .get(SigningKeyItem.SCHEMA, SigningKeyItem.current())
            .map(SigningKeyItem::getKid)
            .orElseGet(this::createFirst);
    return new Signer(kid, opened.computeIfAbsent(kid, this::open));
  }

  /** Every published key, current and retired. */
  public List<PublishedKey> published() {
    List<PublishedKey> keys = new ArrayList<>();
    store.forEach(
        SigningKeyItem.SCHEMA,
        Query.partition(SigningKeyItem.PK).skBeginsWith("KEY#").consistent(),
        item ->
            keys.add(
                new PublishedKey(
                    item.getKid(), B64D.decode(item.getPublicKey()), item.getStatus())));
    return keys;
  }

  /** The public key of {@code kid}, if published. */
  public Optional<PublicKey> publicKey(String kid) {
    return store
        .get(SigningKeyItem.SCHEMA, SigningKeyItem.key(kid))
        .map(item -> CompactJws.publicKey(B64D.decode(item.getPublicKey())));
  }

  /**
   * Makes a new key current and retires the one before it.
   *
   * @return the new key's id
   * @throws VersionConflictException another rotation won the race
   */
  public String rotate() {
    SigningKeyItem pointer =
        store.get(SigningKeyItem.SCHEMA, SigningKeyItem.current()).orElse(null);
    if (pointer == null) {
      return createFirst();
    }
    SigningKeyItem previous =
        store.get(SigningKeyItem.SCHEMA, SigningKeyItem.key(pointer.getKid())).orElseThrow();
    SigningKeyItem fresh = generate();
    Transaction tx = writer.begin();
    tx.create(SigningKeyItem.SCHEMA, fresh);
    SigningKeyItem movedPointer = BaseItem.copyOf(SigningKeyItem.SCHEMA, pointer);
    movedPointer.setKid(fresh.getKid());
    tx.update(SigningKeyItem.SCHEMA, movedPointer);
    SigningKeyItem retired = BaseItem.copyOf(SigningKeyItem.SCHEMA, previous);
    retired.setStatus(RETIRED);
    retired.setRetiredAt(clock.instant().toString());
    tx.update(SigningKeyItem.SCHEMA, retired);
    tx.commit();
    return fresh.getKid();
  }

  private String createFirst() {
    SigningKeyItem fresh = generate();
    SigningKeyItem pointer = new SigningKeyItem();
    pointer.setPk(SigningKeyItem.current().pk());
    pointer.setSk(SigningKeyItem.current().sk());
    pointer.setKid(fresh.getKid());
    Transaction tx = writer.begin();
    tx.create(SigningKeyItem.SCHEMA, fresh);
    tx.create(SigningKeyItem.SCHEMA, pointer);
    try {
      tx.commit();
      return fresh.getKid();
    } catch (ItemAlreadyExistsException | UniqueConstraintViolationException raced) {
      // Another instance made the first key at the same moment: use theirs.
      return store
          .get(SigningKeyItem.SCHEMA, SigningKeyItem.current())
          .map(SigningKeyItem::getKid)
          .orElseThrow(() -> raced);
    }
  }

  private SigningKeyItem generate() {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is unavailable", e);
    }
    String kid = Ids.newId();
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    Sealed sealed;
    try {
      sealed = envelope.seal(pkcs8, context(kid));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    SigningKeyItem item = new SigningKeyItem();
    item.setPk(SigningKeyItem.key(kid).pk());
    item.setSk(SigningKeyItem.key(kid).sk());
    item.setKid(kid);
    item.setPublicKey(B64.encodeToString(CompactJws.rawPublicKey(pair.getPublic())));
    item.setSealedPrivateKey(sealed.encode());
    item.setStatus(ACTIVE);
    return item;
  }

  private PrivateKey open(String kid) {
    SigningKeyItem item =
        store
            .get(SigningKeyItem.SCHEMA, SigningKeyItem.key(kid))
            .orElseThrow(() -> new IllegalStateException("signing key " + kid + " is missing"));
    byte[] pkcs8 = envelope.open(Sealed.decode(item.getSealedPrivateKey()), context(kid));
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing key " + kid + " does not open as Ed25519", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private static Map<String, String> context(String kid) {
    return Map.of("purpose", "license-signing", "kid", kid);
  }
}
