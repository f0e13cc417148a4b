package dev.topgun.local.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.topgun.local.mail.CodeDeliveries.Delivery;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The codes cognito-local keeps in its user pool files ({@code .cognito/db/<poolId>.json}, each
 * user's {@code ConfirmationCode}): saved before it answers SignUp or ForgotPassword, so a code is
 * here by the time the caller has its answer, whereas cognito-local's log of it may reach the file
 * only with its next log line. Each scan reports the codes that are new since the one before.
 *
 * <p>Not thread-safe: one follower scans.
 */
final class PoolStoreCodes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path db;

  /** Per pool file and user, the code last seen. */
  private final Map<String, String> seen = new HashMap<>();

  /** Per pool file, its modification time and size when last read. */
  private final Map<Path, Version> versions = new HashMap<>();

  /** A file's modification time (to the file system's precision) and size. */
  private record Version(FileTime modified, long size) {}

  /** False during the first scan, whose codes are old ones. */
  private boolean primed;

  /** Reads {@code db} as it is now: codes already there are not new. */
  PoolStoreCodes(Path db) {
    this.db = db;
    scan();
  }

  /** The codes set since the last scan, with the user's e-mail address as the destination. */
  List<Delivery> scan() {
    List<Delivery> found = new ArrayList<>();
    if (!Files.isDirectory(db)) {
      return found;
    }
    try (DirectoryStream<Path> pools = Files.newDirectoryStream(db, "*.json")) {
      for (Path pool : pools) {
        if (pool.getFileName().toString().equals("clients.json")) {
          continue;
        }
        Version version = new Version(Files.getLastModifiedTime(pool), Files.size(pool));
        if (version.equals(versions.get(pool))) {
          continue;
        }
        Optional<JsonNode> users = users(pool);
        if (users.isEmpty()) {
          continue; // being written: read it again on the next scan
        }
        versions.put(pool, version);
        for (Iterator<Map.Entry<String, JsonNode>> it = users.get().fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> user = it.next();
          String code = user.getValue().path("ConfirmationCode").asText("");
          String key = pool.getFileName() + "/" + user.getKey();
          String before = code.isEmpty() ? seen.remove(key) : seen.put(key, code);
          if (primed && !code.isEmpty() && !code.equals(before)) {
            email(user.getValue())
                .ifPresent(
                    address ->
                        found.add(
                            new Delivery(
                                user.getKey(), address, code, Optional.empty(), Optional.empty())));
          }
        }
      }
    } catch (IOException e) {
      return found;
    } finally {
      primed = true;
    }
    return found;
  }

  private static Optional<JsonNode> users(Path pool) {
    try {
      JsonNode root = JSON.readTree(Files.readAllBytes(pool));
      JsonNode users = root == null ? null : root.get("Users");
      return users != null && users.isObject() ? Optional.of(users) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> email(JsonNode user) {
    for (JsonNode attribute : user.path("Attributes")) {
      if (attribute.path("Name").asText().equals("email")) {
        String value = attribute.path("Value").asText("");
        return value.contains("@") ? Optional.of(value) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
