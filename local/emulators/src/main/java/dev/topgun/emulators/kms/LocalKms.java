package dev.topgun.emulators.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.AwsError;
import dev.topgun.emulators.Json;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * KMS on this machine, for envelope encryption: symmetric keys ({@code SYMMETRIC_DEFAULT}) and
 * aliases, {@code Encrypt}, {@code Decrypt}, {@code ReEncrypt}, {@code GenerateDataKey} and {@code
 * GenerateDataKeyWithoutPlaintext}, with KMS's request and response shapes and error codes, so that
 * the AWS SDK's {@code KmsClient} works against it unchanged. Real cryptography: AES-256-GCM with a
 * random 96-bit IV and the encryption context bound as additional data ({@link CiphertextBlob}).
 *
 * <p>Neither plaintexts nor keys are logged; error messages carry key ids only.
 */
public final class LocalKms {

  /** The key every function uses unless configured otherwise ({@code topgun.kms.key-id}). */
  public static final String DEFAULT_ALIAS = "alias/topgun";

  static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
  static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";
  static final int MAX_PLAINTEXT = 4096;
  static final int MAX_DATA_KEY = 1024;
  private static final int TAG_BITS = CiphertextBlob.TAG_BYTES * 8;
  private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");

  private final KeyRing keys;
  private final String arnPrefix;
  private final SecureRandom random;
  private final Clock clock;

  private LocalKms(KeyRing keys, String region, String account, SecureRandom random, Clock clock) {
    this.keys = keys;
    this.arnPrefix = "arn:aws:kms:" + region + ":" + account + ":";
    this.random = random;
    this.clock = clock;
  }

  /**
   * Opens the keys kept in {@code dir} (creating the master key on first use) and makes sure {@link
   * #DEFAULT_ALIAS} names a key.
   */
  public static LocalKms open(Path dir, String region, String account) {
    SecureRandom random = new SecureRandom();
    LocalKms kms =
        new LocalKms(KeyRing.open(dir, random), region, account, random, Clock.systemUTC());
    kms.ensureAlias(DEFAULT_ALIAS, "The Topgun local runtime's default key");
    return kms;
  }

  /** Creates a key and the alias for it unless the alias exists; returns the alias's key id. */
  public synchronized String ensureAlias(String alias, String description) {
    return keys.alias(alias)
        .map(KeyRing.Alias::targetKeyId)
        .orElseGet(
            () -> {
              KeyRing.Key key = keys.create(description, clock.instant());
              keys.createAlias(alias, key.id(), clock.instant());
              return key.id();
            });
  }

  /**
   * Answers one operation ({@code TrentService.<operation>}).
   *
   * @throws AwsError as KMS answers: {@code NotFoundException}, {@code InvalidCiphertextException},
   *     {@code ValidationException} and so on
   */
  public ObjectNode handle(String operation, JsonNode request) {
    return switch (operation) {
      case "CreateKey" -> createKey(request);
      case "DescribeKey" -> describeKey(request);
      case "EnableKey" -> setEnabled(request, true);
      case "DisableKey" -> setEnabled(request, false);
      case "CreateAlias" -> createAlias(request);
      case "ListAliases" -> listAliases(request);
      case "Encrypt" -> encrypt(request);
      case "Decrypt" -> decrypt(request);
      case "ReEncrypt" -> reEncrypt(request);
      case "GenerateDataKey" -> generateDataKey(request, true);
      case "GenerateDataKeyWithoutPlaintext" -> generateDataKey(request, false);
      default ->
          throw new AwsError(
              400,
              "UnknownOperationException",
              "The local KMS does not serve the operation " + operation + ".");
    };
  }

  private ObjectNode createKey(JsonNode request) {
    String keySpec =
        text(request, "KeySpec", text(request, "CustomerMasterKeySpec", SYMMETRIC_DEFAULT));
    String usage = text(request, "KeyUsage", ENCRYPT_DECRYPT);
    String origin = text(request, "Origin", "AWS_KMS");
    if (!SYMMETRIC_DEFAULT.equals(keySpec) || !ENCRYPT_DECRYPT.equals(usage)) {
      throw AwsError.validation(
          "The local KMS makes only symmetric encryption keys (KeySpec SYMMETRIC_DEFAULT, KeyUsage"
              + " ENCRYPT_DECRYPT); KeySpec "
              + keySpec
              + " with KeyUsage "
              + usage
              + " is not supported.");
    }
    if (!"AWS_KMS".equals(origin)) {
      throw AwsError.validation(
          "The local KMS makes key material itself (Origin AWS_KMS); Origin "
              + origin
              + " is not supported.");
    }
    String description = text(request, "Description", "");
    if (description.length() > 8192) {
      throw AwsError.validation("Description is longer than 8192 characters.");
    }
    if (request.path("MultiRegion").asBoolean(false)) {
      throw AwsError.validation("The local KMS does not make multi-Region keys.");
    }
    KeyRing.Key key = keys.create(description, clock.instant());
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.set("KeyMetadata", metadata(key));
    return response;
  }

  private ObjectNode describeKey(JsonNode request) {
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.set("KeyMetadata", metadata(resolve(required(request, "KeyId"))));
    return response;
  }

  private ObjectNode setEnabled(JsonNode request, boolean enabled) {
    KeyRing.Key key = resolveKeyIdOrArn(required(request, "KeyId"), "KeyId");
    keys.setEnabled(key.id(), enabled);
    return Json.MAPPER.createObjectNode();
  }

  private ObjectNode createAlias(JsonNode request) {
    String name = required(request, "AliasName");
    if (!ALIAS_NAME.matcher(name).matches() || name.startsWith("alias/aws/")) {
      throw new AwsError(
          400,
          "InvalidAliasNameException",
          "Alias name "
              + name
              + " must begin with alias/, be at most 256 characters of a-z, A-Z, 0-9, /, _ and -,"
              + " and not begin with alias/aws/.");
    }
    KeyRing.Key key = resolveKeyIdOrArn(required(request, "TargetKeyId"), "TargetKeyId");
    if (!keys.createAlias(name, key.id(), clock.instant())) {
      throw new AwsError(
          400,
          "AlreadyExistsException",
          "An alias with the name " + aliasArn(name) + " already exists");
    }
    return Json.MAPPER.createObjectNode();
  }

  private ObjectNode listAliases(JsonNode request) {
    String keyFilter =
        request.hasNonNull("KeyId")
            ? resolveKeyIdOrArn(request.get("KeyId").asText(), "KeyId").id()
            : null;
    int limit = request.path("Limit").asInt(50);
    if (limit < 1 || limit > 100) {
      throw AwsError.validation("Limit must be between 1 and 100.");
    }
    List<KeyRing.Alias> matching =
        keys.aliases().stream()
            .filter(alias -> keyFilter == null || keyFilter.equals(alias.targetKeyId()))
            .toList();
    int start = 0;
    if (request.hasNonNull("Marker")) {
      try {
        start = Integer.parseInt(request.get("Marker").asText());
      } catch (NumberFormatException e) {
        start = -1;
      }
      if (start < 0 || start > matching.size()) {
        throw new AwsError(400, "InvalidMarkerException", "The Marker is not one this API gave.");
      }
    }
    int end = Math.min(matching.size(), start + limit);
    ObjectNode response = Json.MAPPER.createObjectNode();
    ArrayNode list = response.putArray("Aliases");
    for (KeyRing.Alias alias : matching.subList(start, end)) {
      list.addObject()
          .put("AliasName", alias.name())
          .put("AliasArn", aliasArn(alias.name()))
          .put("TargetKeyId", alias.targetKeyId())
          .put("CreationDate", epochSeconds(alias.created()))
          .put("LastUpdatedDate", epochSeconds(alias.created()));
    }
    response.put("Truncated", end < matching.size());
    if (end < matching.size()) {
      response.put("NextMarker", Integer.toString(end));
    }
    return response;
  }

  private ObjectNode encrypt(JsonNode request) {
    KeyRing.Key key = usable(resolve(required(request, "KeyId")));
    algorithm(request, "EncryptionAlgorithm", key);
    byte[] plaintext = blob(request, "Plaintext");
    if (plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT) {
      throw AwsError.validation("Plaintext must be 1 to 4096 bytes.");
    }
    byte[] ciphertext = seal(key, plaintext, context(request, "EncryptionContext"));
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("CiphertextBlob", ciphertext);
    response.put("KeyId", keyArn(key.id()));
    response.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
    return response;
  }

  private ObjectNode decrypt(JsonNode request) {
    Opened opened =
        open(
            blob(request, "CiphertextBlob"),
            context(request, "EncryptionContext"),
            request.hasNonNull("KeyId") ? request.get("KeyId").asText() : null,
            "EncryptionAlgorithm",
            request);
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("KeyId", keyArn(opened.key().id()));
    response.put("Plaintext", opened.plaintext());
    response.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
    // Not zeroed: the response holds this array until it is written.
    return response;
  }

  private ObjectNode reEncrypt(JsonNode request) {
    KeyRing.Key destination = usable(resolve(required(request, "DestinationKeyId")));
    algorithm(request, "DestinationEncryptionAlgorithm", destination);
    Opened opened =
        open(
            blob(request, "CiphertextBlob"),
            context(request, "SourceEncryptionContext"),
            request.hasNonNull("SourceKeyId") ? request.get("SourceKeyId").asText() : null,
            "SourceEncryptionAlgorithm",
            request);
    byte[] ciphertext =
        seal(destination, opened.plaintext(), context(request, "DestinationEncryptionContext"));
    Arrays.fill(opened.plaintext(), (byte) 0);
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("CiphertextBlob", ciphertext);
    response.put("SourceKeyId", keyArn(opened.key().id()));
    response.put("KeyId", keyArn(destination.id()));
    response.put("SourceEncryptionAlgorithm", SYMMETRIC_DEFAULT);
    response.put("DestinationEncryptionAlgorithm", SYMMETRIC_DEFAULT);
    return response;
  }

  private ObjectNode generateDataKey(JsonNode request, boolean withPlaintext) {
    KeyRing.Key key = usable(resolve(required(request, "KeyId")));
    boolean hasSpec = request.hasNonNull("KeySpec");
    boolean hasBytes = request.hasNonNull("NumberOfBytes");
    if (hasSpec == hasBytes) {
      throw AwsError.validation("Please specify either number of bytes or key spec.");
    }
    int length;
    if (hasSpec) {
      length =
          switch (request.get("KeySpec").asText()) {
            case "AES_256" -> 32;
            case "AES_128" -> 16;
            default -> throw AwsError.validation("KeySpec must be AES_256 or AES_128.");
          };
    } else {
      length = request.get("NumberOfBytes").asInt();
      if (length < 1 || length > MAX_DATA_KEY) {
        throw AwsError.validation("NumberOfBytes must be between 1 and 1024.");
      }
    }
    byte[] dataKey = new byte[length];
    random.nextBytes(dataKey);
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.put("CiphertextBlob", seal(key, dataKey, context(request, "EncryptionContext")));
    if (withPlaintext) {
      // Not zeroed: the response holds this array until it is written.
      response.put("Plaintext", dataKey);
    }
    response.put("KeyId", keyArn(key.id()));
    return response;
  }

  private record Opened(KeyRing.Key key, byte[] plaintext) {}

  private Opened open(
      byte[] blob,
      Map<String, String> context,
      String expectedKey,
      String algorithmField,
      JsonNode request) {
    KeyRing.Key expected = expectedKey == null ? null : resolve(expectedKey);
    CiphertextBlob parsed =
        CiphertextBlob.parse(blob)
            .orElseThrow(() -> invalidCiphertext("The ciphertext is not one the local KMS made."));
    KeyRing.Key key =
        keys.key(parsed.keyId())
            .orElseThrow(
                () -> invalidCiphertext("The ciphertext names a key the local KMS does not hold."));
    if (expected != null && !expected.id().equals(key.id())) {
      throw new AwsError(
          400,
          "IncorrectKeyException",
          "The key ID in the request does not identify a key that can perform this operation.");
    }
    usable(key);
    algorithm(request, algorithmField, key);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key.material(), "AES"),
          new GCMParameterSpec(TAG_BITS, parsed.iv()));
      cipher.updateAAD(parsed.header());
      cipher.updateAAD(CiphertextBlob.canonical(context));
      return new Opened(key, cipher.doFinal(parsed.sealed()));
    } catch (AEADBadTagException e) {
      // The context differs, or the blob was altered: KMS does not say which.
      throw invalidCiphertext(
          "The ciphertext was altered, or the encryption context differs from the one it was made"
              + " with.");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private byte[] seal(KeyRing.Key key, byte[] plaintext, Map<String, String> context) {
    byte[] iv = new byte[CiphertextBlob.IV_BYTES];
    random.nextBytes(iv);
    CiphertextBlob header = new CiphertextBlob(key.id(), iv, new byte[CiphertextBlob.TAG_BYTES]);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key.material(), "AES"),
          new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(header.header());
      cipher.updateAAD(CiphertextBlob.canonical(context));
      return new CiphertextBlob(key.id(), iv, cipher.doFinal(plaintext)).bytes();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * A key id, key ARN, alias name or alias ARN, as KMS accepts in {@code KeyId}.
   *
   * @throws AwsError {@code NotFoundException} when nothing has that name
   */
  private KeyRing.Key resolve(String keyId) {
    String id = keyId;
    if (id.startsWith("arn:")) {
      if (!id.startsWith(arnPrefix)) {
        throw notFound("Invalid arn " + keyId + " for this region and account");
      }
      id = id.substring(arnPrefix.length());
      if (id.startsWith("key/")) {
        id = id.substring("key/".length());
      } else if (!id.startsWith("alias/")) {
        throw new AwsError(400, "InvalidArnException", "Invalid arn " + keyId);
      }
    }
    if (id.startsWith("alias/")) {
      String alias = id;
      String target =
          keys.alias(alias)
              .map(KeyRing.Alias::targetKeyId)
              .orElseThrow(() -> notFound("Alias " + aliasArn(alias) + " is not found."));
      id = target;
    }
    String found = id;
    return keys.key(found)
        .orElseThrow(() -> notFound("Key '" + keyArn(found) + "' does not exist"));
  }

  /** Where KMS takes a key id or key ARN, not an alias. */
  private KeyRing.Key resolveKeyIdOrArn(String keyId, String field) {
    if (keyId.startsWith("alias/") || keyId.startsWith(arnPrefix + "alias/")) {
      throw AwsError.validation(field + " must be a key ID or key ARN, not an alias.");
    }
    return resolve(keyId);
  }

  private KeyRing.Key usable(KeyRing.Key key) {
    if (!key.enabled()) {
      throw new AwsError(400, "DisabledException", keyArn(key.id()) + " is disabled.");
    }
    return key;
  }

  private void algorithm(JsonNode request, String field, KeyRing.Key key) {
    String algorithm = text(request, field, SYMMETRIC_DEFAULT);
    if (!SYMMETRIC_DEFAULT.equals(algorithm)) {
      throw new AwsError(
          400,
          "InvalidKeyUsageException",
          "You cannot use " + algorithm + " with the symmetric key " + keyArn(key.id()) + ".");
    }
  }

  private ObjectNode metadata(KeyRing.Key key) {
    ObjectNode metadata = Json.MAPPER.createObjectNode();
    metadata.put("AWSAccountId", arnPrefix.split(":")[4]);
    metadata.put("KeyId", key.id());
    metadata.put("Arn", keyArn(key.id()));
    metadata.put("CreationDate", epochSeconds(key.created()));
    metadata.put("Enabled", key.enabled());
    metadata.put("Description", key.description());
    metadata.put("KeyUsage", ENCRYPT_DECRYPT);
    metadata.put("KeyState", key.enabled() ? "Enabled" : "Disabled");
    metadata.put("Origin", "AWS_KMS");
    metadata.put("KeyManager", "CUSTOMER");
    metadata.put("CustomerMasterKeySpec", SYMMETRIC_DEFAULT);
    metadata.put("KeySpec", SYMMETRIC_DEFAULT);
    metadata.putArray("EncryptionAlgorithms").add(SYMMETRIC_DEFAULT);
    metadata.put("MultiRegion", false);
    return metadata;
  }

  String keyArn(String keyId) {
    return arnPrefix + "key/" + keyId;
  }

  private String aliasArn(String alias) {
    return arnPrefix + alias;
  }

  private static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }

  private static String required(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull() || !value.isTextual() || value.asText().isEmpty()) {
      throw AwsError.validation(
          "1 validation error detected: Value null at '"
              + Character.toLowerCase(field.charAt(0))
              + field.substring(1)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value.asText();
  }

  private static String text(JsonNode request, String field, String otherwise) {
    JsonNode value = request.get(field);
    return value == null || value.isNull() ? otherwise : value.asText();
  }

  private static byte[] blob(JsonNode request, String field) {
    String encoded = required(request, field);
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new AwsError(400, "SerializationException", field + " is not base64.");
    }
  }

  private static Map<String, String> context(JsonNode request, String field) {
    JsonNode node = request.get(field);
    Map<String, String> context = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return context;
    }
    if (!node.isObject()) {
      throw new AwsError(400, "SerializationException", field + " is not a JSON object.");
    }
    node.fields()
        .forEachRemaining(
            entry -> {
              if (!entry.getValue().isTextual()) {
                throw new AwsError(
                    400, "SerializationException", field + " values must be strings.");
              }
              context.put(entry.getKey(), entry.getValue().asText());
            });
    return context;
  }

  private static AwsError notFound(String message) {
    return new AwsError(400, "NotFoundException", message);
  }

  private static AwsError invalidCiphertext(String message) {
    return new AwsError(400, "InvalidCiphertextException", message);
  }
}
