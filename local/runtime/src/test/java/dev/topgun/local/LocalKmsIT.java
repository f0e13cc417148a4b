package dev.topgun.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.crypto.Envelope;
import dev.topgun.shared.crypto.EnvelopeException;
import dev.topgun.shared.crypto.Sealed;
import dev.topgun.shared.routes.EventRules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * The local KMS through the AWS SDK's {@code KmsClient} with an endpoint override, as functions
 * reach it; and shared-lib's {@link Envelope} on top of it.
 */
class LocalKmsIT {

  static final Map<String, String> CONTEXT =
      Map.of("tenant", "org-1", "purpose", "license-signing");
  static final String DEFAULT_ALIAS = "alias/topgun";
  static final byte[] SECRET = "a signing key, say".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path data;

  static LocalRuntime runtime;
  static KmsClient kms;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(config(data));
    kms = SdkClients.of(KmsClient.builder(), runtime.kmsEndpoint());
  }

  @AfterAll
  static void stop() {
    if (kms != null) {
      kms.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  @Test
  void encryptThenDecrypt_givesThePlaintextBack_andNamesTheKey() {
    // given
    String keyId = newKey();

    // when
    EncryptResponse encrypted =
        kms.encrypt(
            request ->
                request
                    .keyId(keyId)
                    .plaintext(SdkBytes.fromByteArray(SECRET))
                    .encryptionContext(CONTEXT));
    DecryptResponse decrypted =
        kms.decrypt(
            request ->
                request.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(CONTEXT));

    // then
    assertThat(decrypted.plaintext().asByteArray()).isEqualTo(SECRET);
    assertThat(latin1(encrypted.ciphertextBlob().asByteArray())).doesNotContain(latin1(SECRET));
    assertThat(encrypted.keyId()).isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + keyId);
    assertThat(decrypted.keyId()).isEqualTo(encrypted.keyId());
  }

  @Test
  void decrypt_withAnotherEncryptionContext_isInvalidCiphertext() {
    // given
    SdkBytes blob = encrypt(newKey(), CONTEXT);

    // then
    assertThatThrownBy(
            () ->
                kms.decrypt(
                    request ->
                        request
                            .ciphertextBlob(blob)
                            .encryptionContext(
                                Map.of("tenant", "org-2", "purpose", "license-signing"))))
        .isInstanceOf(InvalidCiphertextException.class);
    assertThatThrownBy(() -> kms.decrypt(request -> request.ciphertextBlob(blob)))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void decrypt_ofATamperedCiphertext_isInvalidCiphertext() {
    // given
    byte[] blob = encrypt(newKey(), CONTEXT).asByteArray();
    byte[] lastByteFlipped = blob.clone();
    lastByteFlipped[blob.length - 1] ^= 0x01;
    byte[] garbage = "not a ciphertext at all".getBytes(StandardCharsets.UTF_8);

    // then
    for (byte[] tampered : List.of(lastByteFlipped, garbage)) {
      assertThatThrownBy(
              () ->
                  kms.decrypt(
                      request ->
                          request
                              .ciphertextBlob(SdkBytes.fromByteArray(tampered))
                              .encryptionContext(CONTEXT)))
          .isInstanceOf(InvalidCiphertextException.class);
    }
  }

  @Test
  void decrypt_namingAnotherKey_isIncorrectKey() {
    // given
    SdkBytes blob = encrypt(newKey(), CONTEXT);
    String other = newKey();

    // then
    assertThatThrownBy(
            () ->
                kms.decrypt(
                    request ->
                        request.ciphertextBlob(blob).encryptionContext(CONTEXT).keyId(other)))
        .isInstanceOf(IncorrectKeyException.class);
  }

  @Test
  void unknownKeyOrAlias_isNotFound() {
    assertThatThrownBy(() -> encrypt("7d1c6e0a-0000-4000-8000-000000000000", CONTEXT))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("7d1c6e0a-0000-4000-8000-000000000000");
    assertThatThrownBy(() -> kms.describeKey(request -> request.keyId("alias/no-such-alias")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("alias/no-such-alias");
  }

  @Test
  void generateDataKey_givesA32BytePlaintext_whoseCiphertextDecryptsToIt() {
    // when
    GenerateDataKeyResponse dataKey =
        kms.generateDataKey(
            request ->
                request
                    .keyId(DEFAULT_ALIAS)
                    .keySpec(DataKeySpec.AES_256)
                    .encryptionContext(CONTEXT));
    byte[] decrypted =
        kms.decrypt(
                request ->
                    request.ciphertextBlob(dataKey.ciphertextBlob()).encryptionContext(CONTEXT))
            .plaintext()
            .asByteArray();

    // then
    assertThat(dataKey.plaintext().asByteArray()).hasSize(32).isEqualTo(decrypted);
    assertThat(dataKey.plaintext().asByteArray()).isNotEqualTo(new byte[32]);
    assertThat(
            kms.generateDataKey(
                    request -> request.keyId(DEFAULT_ALIAS).keySpec(DataKeySpec.AES_256))
                .plaintext()
                .asByteArray())
        .isNotEqualTo(dataKey.plaintext().asByteArray());
    assertThat(
            kms.generateDataKeyWithoutPlaintext(
                    request -> request.keyId(DEFAULT_ALIAS).numberOfBytes(64))
                .ciphertextBlob()
                .asByteArray())
        .hasSizeGreaterThan(64);
    assertThatThrownBy(
            () ->
                kms.generateDataKey(
                    request ->
                        request
                            .keyId(DEFAULT_ALIAS)
                            .keySpec(DataKeySpec.AES_256)
                            .numberOfBytes(32)))
        .isInstanceOf(KmsException.class)
        .satisfies(
            e ->
                assertThat(((KmsException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"));
  }

  @Test
  void aliases_resolveToTheirKey_andTheDefaultAliasExists() {
    // given
    String keyId = newKey();
    String alias = "alias/topgun-it-" + keyId.substring(0, 8);

    // when
    kms.createAlias(request -> request.aliasName(alias).targetKeyId(keyId));

    // then
    assertThat(kms.describeKey(request -> request.keyId(alias)).keyMetadata().keyId())
        .isEqualTo(keyId);
    assertThat(encryptResponse(alias).keyId()).endsWith(":key/" + keyId);
    assertThat(kms.listAliases(request -> request.keyId(keyId)).aliases())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.aliasName()).isEqualTo(alias);
              assertThat(entry.targetKeyId()).isEqualTo(keyId);
              assertThat(entry.aliasArn()).isEqualTo("arn:aws:kms:us-east-1:000000000000:" + alias);
            });
    assertThat(kms.listAliases().aliases())
        .anyMatch(entry -> entry.aliasName().equals("alias/topgun"));
    assertThatThrownBy(
            () -> kms.createAlias(request -> request.aliasName(alias).targetKeyId(keyId)))
        .isInstanceOf(AlreadyExistsException.class);
  }

  @Test
  void createKey_describesASymmetricKey_andRefusesOtherSpecs() {
    // when
    KeyMetadata metadata = kms.createKey(request -> request.description("it")).keyMetadata();

    // then
    assertThat(metadata.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
    assertThat(metadata.enabled()).isTrue();
    assertThat(metadata.arn())
        .isEqualTo("arn:aws:kms:us-east-1:000000000000:key/" + metadata.keyId());
    assertThat(
            kms.describeKey(request -> request.keyId(metadata.arn())).keyMetadata().description())
        .isEqualTo("it");
    assertThatThrownBy(() -> kms.createKey(request -> request.keySpec(KeySpec.RSA_2048)))
        .isInstanceOf(KmsException.class)
        .hasMessageContaining("SYMMETRIC_DEFAULT")
        .satisfies(
            e ->
                assertThat(((KmsException) e).awsErrorDetails().errorCode())
                    .isEqualTo("ValidationException"));
  }

  @Test
  void aDisabledKey_neitherEncryptsNorDecrypts() {
    // given
    String keyId = newKey();
    SdkBytes blob = encrypt(keyId, CONTEXT);

    // when
    kms.disableKey(request -> request.keyId(keyId));

    // then
    assertThatThrownBy(() -> encrypt(keyId, CONTEXT)).isInstanceOf(DisabledException.class);
    assertThatThrownBy(
            () -> kms.decrypt(request -> request.ciphertextBlob(blob).encryptionContext(CONTEXT)))
        .isInstanceOf(DisabledException.class);
    kms.enableKey(request -> request.keyId(keyId));
    assertThat(decrypt(blob, CONTEXT)).isEqualTo(SECRET);
  }

  @Test
  void reEncrypt_movesACiphertextToAnotherKeyAndContext() {
    // given
    String source = newKey();
    String destination = newKey();
    SdkBytes blob = encrypt(source, CONTEXT);
    Map<String, String> newContext = Map.of("tenant", "org-1", "purpose", "rotated");

    // when
    SdkBytes moved =
        kms.reEncrypt(
                request ->
                    request
                        .ciphertextBlob(blob)
                        .sourceEncryptionContext(CONTEXT)
                        .destinationKeyId(destination)
                        .destinationEncryptionContext(newContext))
            .ciphertextBlob();

    // then
    DecryptResponse decrypted =
        kms.decrypt(request -> request.ciphertextBlob(moved).encryptionContext(newContext));
    assertThat(decrypted.plaintext().asByteArray()).isEqualTo(SECRET);
    assertThat(decrypted.keyId()).endsWith(destination);
  }

  @Test
  void concurrentEncryptAndDecrypt_fromSeveralThreads_allRoundTrip() throws Exception {
    // given
    String keyId = newKey();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      // when
      for (int i = 0; i < 64; i++) {
        byte[] plaintext = ("secret " + i).getBytes(StandardCharsets.UTF_8);
        Map<String, String> context = Map.of("n", Integer.toString(i));
        results.add(threads.submit(() -> decrypt(encrypt(keyId, plaintext, context), context)));
      }
      // then
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(30, TimeUnit.SECONDS))
            .asString(StandardCharsets.UTF_8)
            .isEqualTo("secret " + i);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void keyMaterial_isKeptEncryptedInOwnerOnlyFiles() throws Exception {
    Path dir = runtime.dataDir().resolve("kms");
    assertThat(Files.readAllBytes(dir.resolve("master.key"))).hasSize(32);
    assertThat(Files.getPosixFilePermissions(dir.resolve("master.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("keys.json")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(dir.resolve("keys.json"))).contains("\"material\"");
  }

  // Envelope, shared-lib's envelope encryption, against this KMS.

  @Test
  void envelope_sealThenOpen_givesThePlaintextBack_throughItsStoredForm() {
    // given
    Envelope envelope = new Envelope(kms, "alias/topgun");
    byte[] large = new byte[100_000];
    large[99_999] = 42;

    // when
    String stored = envelope.seal(large, CONTEXT).encode();
    byte[] opened = envelope.open(Sealed.decode(stored), CONTEXT);

    // then
    assertThat(opened).isEqualTo(large);
    assertThat(envelope.open(envelope.seal(new byte[0], Map.of()), Map.of())).isEmpty();
  }

  @Test
  void envelope_eachSealUsesItsOwnDataKeyAndIv() {
    // given
    Envelope envelope = new Envelope(kms, "alias/topgun");

    // when
    byte[] first = envelope.seal(SECRET, CONTEXT).toBytes();
    byte[] second = envelope.seal(SECRET, CONTEXT).toBytes();

    // then
    assertThat(first).isNotEqualTo(second);
    assertThat(latin1(first)).doesNotContain(latin1(SECRET));
  }

  @Test
  void envelope_openWithAnotherContext_fails() {
    // given
    Envelope envelope = new Envelope(kms, "alias/topgun");
    Sealed sealed = envelope.seal(SECRET, CONTEXT);

    // then
    assertThatThrownBy(() -> envelope.open(sealed, Map.of("tenant", "org-2")))
        .isInstanceOf(EnvelopeException.class)
        .hasCauseInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void envelope_openOfATamperedPayloadOrKey_fails() {
    // given
    Envelope envelope = new Envelope(kms, "alias/topgun");
    byte[] bytes = envelope.seal(SECRET, CONTEXT).toBytes();
    byte[] payloadFlipped = bytes.clone();
    payloadFlipped[bytes.length - 1] ^= 0x01;
    byte[] keyFlipped = bytes.clone();
    keyFlipped[bytes.length / 3] ^= 0x01;

    // then
    assertThatThrownBy(() -> envelope.open(Sealed.fromBytes(payloadFlipped), CONTEXT))
        .isInstanceOf(EnvelopeException.class)
        .hasMessageContaining("altered");
    assertThatThrownBy(() -> envelope.open(Sealed.fromBytes(keyFlipped), CONTEXT))
        .isInstanceOf(EnvelopeException.class);
  }

  @Test
  void keysSurviveARestart_andTheDefaultAliasKeepsItsKey(@TempDir Path ownData) {
    // given
    SdkBytes blob;
    Sealed sealed;
    String defaultKey;
    try (LocalRuntime first = LocalRuntime.start(config(ownData));
        KmsClient client = SdkClients.of(KmsClient.builder(), first.kmsEndpoint())) {
      blob =
          client
              .encrypt(
                  request ->
                      request
                          .keyId("alias/topgun")
                          .plaintext(SdkBytes.fromByteArray(SECRET))
                          .encryptionContext(CONTEXT))
              .ciphertextBlob();
      sealed = new Envelope(client, "alias/topgun").seal(SECRET, CONTEXT);
      defaultKey =
          client.describeKey(request -> request.keyId("alias/topgun")).keyMetadata().keyId();
    }

    // when
    try (LocalRuntime second = LocalRuntime.start(config(ownData));
        KmsClient client = SdkClients.of(KmsClient.builder(), second.kmsEndpoint())) {

      // then
      assertThat(
              client
                  .decrypt(request -> request.ciphertextBlob(blob).encryptionContext(CONTEXT))
                  .plaintext()
                  .asByteArray())
          .isEqualTo(SECRET);
      assertThat(new Envelope(client, "alias/topgun").open(sealed, CONTEXT)).isEqualTo(SECRET);
      assertThat(client.describeKey(request -> request.keyId("alias/topgun")).keyMetadata().keyId())
          .isEqualTo(defaultKey);
      assertThat(client.listAliases().aliases())
          .filteredOn(alias -> alias.aliasName().equals("alias/topgun"))
          .hasSize(1);
    }
  }

  @Test
  void functionsAreToldTheKmsEndpointAndKey() {
    assertThat(runtime.systemProperties())
        .containsEntry("topgun.endpoints.kms", "http://127.0.0.1:" + runtime.port())
        .containsEntry("topgun.kms.key-id", "alias/topgun");
  }

  private static String newKey() {
    return kms.createKey(request -> request.description("LocalKmsIT")).keyMetadata().keyId();
  }

  private static SdkBytes encrypt(String keyId, Map<String, String> context) {
    return encrypt(keyId, SECRET, context);
  }

  private static SdkBytes encrypt(String keyId, byte[] plaintext, Map<String, String> context) {
    return kms.encrypt(
            request ->
                request
                    .keyId(keyId)
                    .plaintext(SdkBytes.fromByteArray(plaintext))
                    .encryptionContext(context))
        .ciphertextBlob();
  }

  private static EncryptResponse encryptResponse(String keyId) {
    return kms.encrypt(request -> request.keyId(keyId).plaintext(SdkBytes.fromByteArray(SECRET)));
  }

  private static byte[] decrypt(SdkBytes blob, Map<String, String> context) {
    return kms.decrypt(request -> request.ciphertextBlob(blob).encryptionContext(context))
        .plaintext()
        .asByteArray();
  }

  /** Bytes as text, one character each, to search a ciphertext for the plaintext. */
  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static LocalConfig config(Path dir) {
    return LocalConfig.defaults()
        .withFreePorts()
        .withDataDir(dir)
        .withRules(EventRules.of(List.of()));
  }
}
