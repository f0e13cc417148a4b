package dev.topgun.licensing.store;

import dev.topgun.licensing.domain.CompactJws;
import dev.topgun.licensing.domain.SigningKeys;
import dev.topgun.shared.crypto.Envelope;
import dev.topgun.shared.crypto.Sealed;
import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.UniqueConstraintViolationException;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys in the table ({@code PK=LICENSING#KEYS}: {@code SK=KEY#<kid>} each, {@code
 * SK=CURRENT} pointing at the one that signs), their private keys sealed with KMS ({@link
 * Envelope}, encryption context {@code purpose=license-signing, kid=…}) and never stored or logged
 * in the clear.
 */
@Singleton
public class DynamoSigningKeys implements SigningKeys {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final Envelope envelope;

  public DynamoSigningKeys(SingleTableStore store, TransactionalWriter writer, Envelope envelope) {
    this.store = store;
    this.writer = writer;
    this.envelope = envelope;
  }

  @Override
  public Optional<String> currentKid() {
    return pointer().map(SigningKeyItem::getKid);
  }

  @Override
  public String createFirst(NewKey key) {
    SigningKeyItem pointer = new SigningKeyItem();
    pointer.setPk(SigningKeyItem.current().pk());
    pointer.setSk(SigningKeyItem.current().sk());
    pointer.setKid(key.kid());
    Transaction tx = writer.begin();
    tx.create(SigningKeyItem.SCHEMA, sealed(key));
    tx.create(SigningKeyItem.SCHEMA, pointer);
    try {
      tx.commit();
      return key.kid();
    } catch (ItemAlreadyExistsException | UniqueConstraintViolationException raced) {
      // Another instance made the first key at the same moment: theirs is current.
      return currentKid().orElseThrow(() -> raced);
    }
  }

  @Override
  public void rotate(String previousKid, NewKey fresh, Instant at) {
    SigningKeyItem pointer = pointer().orElseThrow();
    SigningKeyItem previous =
        store.get(SigningKeyItem.SCHEMA, SigningKeyItem.key(previousKid)).orElseThrow();
    Transaction tx = writer.begin();
    tx.create(SigningKeyItem.SCHEMA, sealed(fresh));
    SigningKeyItem moved = BaseItem.copyOf(SigningKeyItem.SCHEMA, pointer);
    moved.setKid(fresh.kid());
    tx.update(SigningKeyItem.SCHEMA, moved);
    SigningKeyItem retired = BaseItem.copyOf(SigningKeyItem.SCHEMA, previous);
    retired.setStatus(status(KeyStatus.RETIRED));
    retired.setRetiredAt(at.toString());
    tx.update(SigningKeyItem.SCHEMA, retired);
    tx.commit();
  }

  @Override
  public PrivateKey open(String kid) {
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

  @Override
  public List<PublishedKey> published() {
    List<PublishedKey> keys = new ArrayList<>();
    store.forEach(
        SigningKeyItem.SCHEMA,
        Query.partition(SigningKeyItem.PK).skBeginsWith("KEY#").consistent(),
        item ->
            keys.add(
                new PublishedKey(
                    item.getKid(),
                    B64D.decode(item.getPublicKey()),
                    KeyStatus.valueOf(item.getStatus().toUpperCase(Locale.ROOT)))));
    return keys;
  }

  private Optional<SigningKeyItem> pointer() {
    return store.get(SigningKeyItem.SCHEMA, SigningKeyItem.current());
  }

  /** The key's item: its public key in the clear, its private key sealed. */
  private SigningKeyItem sealed(NewKey key) {
    byte[] pkcs8 = key.pair().getPrivate().getEncoded();
    Sealed sealed;
    try {
      sealed = envelope.seal(pkcs8, context(key.kid()));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    SigningKeyItem item = new SigningKeyItem();
    item.setPk(SigningKeyItem.key(key.kid()).pk());
    item.setSk(SigningKeyItem.key(key.kid()).sk());
    item.setKid(key.kid());
    item.setPublicKey(B64.encodeToString(CompactJws.rawPublicKey(key.pair().getPublic())));
    item.setSealedPrivateKey(sealed.encode());
    item.setStatus(status(KeyStatus.ACTIVE));
    return item;
  }

  private static String status(KeyStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> context(String kid) {
    return Map.of("purpose", "license-signing", "kid", kid);
  }
}
