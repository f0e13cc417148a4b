package dev.topgun.shared.crypto;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Envelope encryption with KMS: each {@link #seal} asks KMS for a fresh 256-bit data key ({@code
 * GenerateDataKey}), encrypts the payload with it (AES-256-GCM, random 96-bit IV) and keeps only
 * the KMS-encrypted copy of the key beside the ciphertext ({@link Sealed}). {@link #open} has KMS
 * decrypt the data key and opens the payload. Payloads of any size never travel to KMS.
 *
 * <p>The encryption context is bound twice: KMS binds it to the data key, and the payload's AES-GCM
 * additional data carries it too. Opening under any other context fails. The context is not secret
 * (KMS may log it in CloudTrail); put identifiers there, never secrets.
 *
 * <p>The key is {@code topgun.kms.key-id} (a key id, ARN or alias; {@code alias/topgun} by
 * default). In AWS that is KMS itself; on a developer machine the local runtime's KMS, through the
 * same SDK calls with an endpoint override.
 *
 * <p>Plaintexts and data keys are never logged; the plaintext data key arrays are zeroed once used
 * (the JCE's internal copy of the key cannot be wiped from Java 17).
 *
 * <p>Only functions that declare {@code software.amazon.awssdk:kms} have this bean: shared-lib
 * declares the SDK optional to keep the others' Lambda jars small.
 */
@Singleton
@Requires(classes = KmsClient.class)
public class Envelope {

  public static final String DEFAULT_KEY_ID = "alias/topgun";

  private static final int TAG_BITS = Sealed.TAG_BYTES * 8;

  private final KmsClient kms;
  private final String keyId;
  private final SecureRandom random;

  @Inject
  public Envelope(KmsClient kms, @Value("${topgun.kms.key-id:alias/topgun}") String keyId) {
    this(kms, keyId, new SecureRandom());
  }

  Envelope(KmsClient kms, String keyId, SecureRandom random) {
    if (keyId == null || keyId.isBlank()) {
      throw new IllegalArgumentException("topgun.kms.key-id is blank");
    }
    this.kms = kms;
    this.keyId = keyId;
    this.random = random;
  }

  /** The KMS key new values are sealed under. */
  public String keyId() {
    return keyId;
  }

  /**
   * @param context the encryption context, needed again, exactly, to open; may be empty
   * @throws KmsException when KMS refuses (unknown or disabled key, no permission)
   */
  public Sealed seal(byte[] plaintext, Map<String, String> context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context (may be empty, not null)");
    GenerateDataKeyResponse dataKey =
        kms.generateDataKey(
            request ->
                request.keyId(keyId).keySpec(DataKeySpec.AES_256).encryptionContext(context));
    // The SDK's own array, so that zeroing it leaves no copy of the key behind in the response.
    byte[] key = dataKey.plaintext().asByteArrayUnsafe();
    try {
      byte[] iv = new byte[Sealed.IV_BYTES];
      random.nextBytes(iv);
      byte[] encryptedKey = dataKey.ciphertextBlob().asByteArray();
      Sealed header = new Sealed(encryptedKey, iv, new byte[Sealed.TAG_BYTES]);
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
      cipher.updateAAD(header.header());
      cipher.updateAAD(canonical(context));
      return new Sealed(encryptedKey, iv, cipher.doFinal(plaintext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * @param context the encryption context {@link #seal} was given
   * @throws EnvelopeException when the value was altered, the context differs, or KMS refuses the
   *     data key
   */
  public byte[] open(Sealed sealed, Map<String, String> context) {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(context, "context (may be empty, not null)");
    SdkBytes dataKey;
    try {
      // No KeyId: KMS reads the key from the encrypted data key, so values sealed under a key an
      // alias named before still open after the alias moves.
      dataKey =
          kms.decrypt(
                  request ->
                      request
                          .ciphertextBlob(SdkBytes.fromByteArray(sealed.encryptedKey()))
                          .encryptionContext(context))
              .plaintext();
    } catch (KmsException e) {
      throw new EnvelopeException(
          "KMS did not decrypt the data key ("
              + (e.awsErrorDetails() == null
                  ? e.getClass().getSimpleName()
                  : e.awsErrorDetails().errorCode())
              + ")",
          e);
    }
    byte[] key = dataKey.asByteArrayUnsafe();
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, sealed.iv());
      cipher.updateAAD(sealed.header());
      cipher.updateAAD(canonical(context));
      return cipher.doFinal(sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new EnvelopeException("the sealed payload was altered or the context differs", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
    if (key.length != 32) {
      throw new IllegalStateException(
          "KMS returned a data key of " + key.length + " bytes, not 32");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
    return cipher;
  }

  /**
   * The context as bytes independent of its order: a 4-byte count, then the entries sorted by key,
   * each key and value as a 4-byte big-endian length and its UTF-8 bytes.
   */
  static byte[] canonical(Map<String, String> context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ByteBuffer.allocate(4).putInt(context.size()).array());
    for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
      for (String part : new String[] {entry.getKey(), entry.getValue()}) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
      }
    }
    return out.toByteArray();
  }
}
