package dev.topgun.emulators.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local KMS's keys and aliases, kept in {@code <data>/kms/}: {@code keys.json} holds every
 * key's 256-bit material encrypted (AES-GCM, the key id as additional data) under the
 * installation's master key, {@code master.key} (32 random bytes); both files are readable by their
 * owner only. This stands in for an HSM on a developer machine and is not a security boundary:
 * whoever can read the data directory can read the keys.
 *
 * <p>Reads are lock-free; creating keys and aliases and enabling or disabling keys are serialised
 * and each writes the whole file anew (a new file moved over the old one), so a crash leaves the
 * old or the new state, never half.
 */
final class KeyRing {

  /** A symmetric key. {@code material} never leaves this package and is never logged. */
  record Key(String id, Instant created, String description, boolean enabled, byte[] material) {

    @Override
    public String toString() {
      return "Key[" + id + (enabled ? "" : ", disabled") + "]";
    }
  }

  record Alias(String name, String targetKeyId, Instant created) {}

  static final int KEY_BYTES = 32;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;
  private final SecureRandom random;
  private final SecretKeySpec master;
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final Map<String, Alias> aliases = new ConcurrentHashMap<>();

  private KeyRing(Path dir, SecureRandom random, byte[] master) {
    this.dir = dir;
    this.random = random;
    this.master = new SecretKeySpec(master, "AES");
    Arrays.fill(master, (byte) 0);
  }

  /** Opens the key ring in {@code dir}, creating the directory and the master key on first use. */
  static KeyRing open(Path dir, SecureRandom random) {
    try {
      Files.createDirectories(dir);
      KeyRing ring = new KeyRing(dir, random, masterKey(dir.resolve("master.key"), random));
      ring.load();
      return ring;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the local KMS keys in " + dir, e);
    }
  }

  Optional<Key> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  Optional<Alias> alias(String name) {
    return Optional.ofNullable(aliases.get(name));
  }

  /** Every alias, sorted by name. */
  List<Alias> aliases() {
    return new TreeMap<>(aliases).values().stream().toList();
  }

  synchronized Key create(String description, Instant now) {
    byte[] material = new byte[KEY_BYTES];
    random.nextBytes(material);
    Key key = new Key(UUID.randomUUID().toString(), now, description, true, material);
    keys.put(key.id(), key);
    save();
    return key;
  }

  /**
   * @return false when the alias exists already (whatever key it names)
   */
  synchronized boolean createAlias(String name, String keyId, Instant now) {
    if (aliases.containsKey(name)) {
      return false;
    }
    aliases.put(name, new Alias(name, keyId, now));
    save();
    return true;
  }

  synchronized void setEnabled(String keyId, boolean enabled) {
    Key key = keys.get(keyId);
    if (key.enabled() != enabled) {
      keys.put(keyId, new Key(key.id(), key.created(), key.description(), enabled, key.material()));
      save();
    }
  }

  private static byte[] masterKey(Path file, SecureRandom random) throws IOException {
    if (!Files.exists(file)) {
      byte[] master = new byte[KEY_BYTES];
      random.nextBytes(master);
      try {
        Files.write(
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY)), master);
        return master;
      } catch (FileAlreadyExistsException raced) {
        // Another runtime on the same data directory made it first; use theirs.
      }
    }
    byte[] master = Files.readAllBytes(file);
    if (master.length != KEY_BYTES) {
      throw new IllegalStateException(
          file + " is not a local KMS master key (32 bytes); start with --fresh to begin again");
    }
    return master;
  }

  private Path keysFile() {
    return dir.resolve("keys.json");
  }

  private void load() throws IOException {
    Path file = keysFile();
    if (!Files.isRegularFile(file)) {
      return;
    }
    JsonNode json = Json.parse(Files.readAllBytes(file));
    for (JsonNode node : json.path("keys")) {
      String id = node.get("id").asText();
      keys.put(
          id,
          new Key(
              id,
              Instant.ofEpochMilli(node.get("created").asLong()),
              node.path("description").asText(""),
              node.get("enabled").asBoolean(),
              unwrap(id, Base64.getDecoder().decode(node.get("material").asText()))));
    }
    for (JsonNode node : json.path("aliases")) {
      String name = node.get("name").asText();
      aliases.put(
          name,
          new Alias(
              name,
              node.get("target").asText(),
              Instant.ofEpochMilli(node.get("created").asLong())));
    }
  }

  private void save() {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("version", 1);
    ArrayNode keyNodes = json.putArray("keys");
    for (Key key : sorted(keys.values())) {
      keyNodes
          .addObject()
          .put("id", key.id())
          .put("created", key.created().toEpochMilli())
          .put("description", key.description())
          .put("enabled", key.enabled())
          .put("material", Base64.getEncoder().encodeToString(wrap(key.id(), key.material())));
    }
    ArrayNode aliasNodes = json.putArray("aliases");
    for (Alias alias : aliases()) {
      aliasNodes
          .addObject()
          .put("name", alias.name())
          .put("target", alias.targetKeyId())
          .put("created", alias.created().toEpochMilli());
    }
    Path file = keysFile();
    try {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      Path temp = Files.createTempFile(dir, "keys.json", ".tmp", ownerOnly);
      Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static List<Key> sorted(Collection<Key> keys) {
    return keys.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
  }

  /** IV followed by the AES-GCM ciphertext and tag of the material, bound to the key id. */
  private byte[] wrap(String keyId, byte[] material) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(material);
      return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  private byte[] unwrap(String keyId, byte[] wrapped) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, wrapped, 0, IV_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the local KMS key "
              + keyId
              + " does not open with "
              + dir.resolve("master.key")
              + " (was the master key replaced?); start with --fresh to begin again",
          e);
    }
  }
}
