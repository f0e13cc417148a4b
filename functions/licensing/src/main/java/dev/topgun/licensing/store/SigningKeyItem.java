package dev.topgun.licensing.store;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A license signing key ({@code PK=LICENSING#KEYS, SK=KEY#<kid>}); the pointer to the one that
 * signs is {@code SK=CURRENT} with only {@code kid} set. Global, not a tenant's: every license is
 * signed by the operator's platform.
 */
public final class SigningKeyItem extends BaseItem {

  public static final String TYPE = "LICENSE_SIGNING_KEY";
  static final String PK = "LICENSING#KEYS";

  public static final StaticTableSchema<SigningKeyItem> SCHEMA =
      BaseItem.schema(SigningKeyItem.class, SigningKeyItem::new)
          .addAttribute(
              String.class,
              a -> a.name("kid").getter(SigningKeyItem::getKid).setter(SigningKeyItem::setKid))
          .addAttribute(
              String.class,
              a ->
                  a.name("publicKey")
                      .getter(SigningKeyItem::getPublicKey)
                      .setter(SigningKeyItem::setPublicKey))
          .addAttribute(
              String.class,
              a ->
                  a.name("sealedPrivateKey")
                      .getter(SigningKeyItem::getSealedPrivateKey)
                      .setter(SigningKeyItem::setSealedPrivateKey))
          .addAttribute(
              String.class,
              a ->
                  a.name("status")
                      .getter(SigningKeyItem::getStatus)
                      .setter(SigningKeyItem::setStatus))
          .addAttribute(
              String.class,
              a ->
                  a.name("retiredAt")
                      .getter(SigningKeyItem::getRetiredAt)
                      .setter(SigningKeyItem::setRetiredAt))
          .build();

  private String kid;
  private String publicKey;
  private String sealedPrivateKey;
  private String status;
  private String retiredAt;

  public SigningKeyItem() {
    setType(TYPE);
  }

  static ItemKey key(String kid) {
    return new ItemKey(PK, "KEY#" + kid);
  }

  static ItemKey current() {
    return new ItemKey(PK, "CURRENT");
  }

  public String getKid() {
    return kid;
  }

  public void setKid(String kid) {
    this.kid = kid;
  }

  /** The raw Ed25519 public key, base64url (a JWK's x). */
  public String getPublicKey() {
    return publicKey;
  }

  public void setPublicKey(String publicKey) {
    this.publicKey = publicKey;
  }

  /** The PKCS#8 private key sealed with KMS (Envelope), base64url. */
  public String getSealedPrivateKey() {
    return sealedPrivateKey;
  }

  public void setSealedPrivateKey(String sealedPrivateKey) {
    this.sealedPrivateKey = sealedPrivateKey;
  }

  /** Active (signs new documents) or retired (verifies old ones). */
  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getRetiredAt() {
    return retiredAt;
  }

  public void setRetiredAt(String retiredAt) {
    this.retiredAt = retiredAt;
  }
}
