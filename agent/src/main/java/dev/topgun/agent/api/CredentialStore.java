package dev.topgun.agent.api;

import dev.topgun.agent.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <data-dir>/credentials}: a JSON object {@code {"serverId", "credential",
 * "intervalSeconds"}}, mode 600, replaced atomically (written to a 600 temporary file, then renamed
 * over the old one) so a crash during rotation leaves the old or the new credential, never half of
 * one.
 */
public final class CredentialStore {

  private final Path file;

  public CredentialStore(Path dataDir) {
    this.file = dataDir.resolve("credentials");
  }

  public Path file() {
    return file;
  }

  public Optional<Credentials> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8));
      BigDecimal interval = Json.number(m, "intervalSeconds");
      return Optional.of(
          new Credentials(
              Json.string(m, "serverId"),
              Json.string(m, "credential"),
              interval == null ? 0 : interval.intValue()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void save(Credentials credentials) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serverId", credentials.serverId());
    m.put("credential", credentials.credential());
    m.put("intervalSeconds", credentials.intervalSeconds());
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("credentials.tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          tmp, Json.write(m), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
