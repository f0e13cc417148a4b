package dev.topgun.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The runtime's data directory ({@code local/.data}): the emulators' data, the ids of what the
 * runtime created ({@code runtime.json}), the generated operator password ({@code operator.json},
 * readable by its owner only), the local KMS's keys ({@code kms/}), the S3 buckets ({@code s3/}),
 * Step Functions' state machines and executions ({@code stepfunctions/}), the positions of the
 * stream subscriptions ({@code streams/}) and the local Route 53's hosted zones ({@code route53/}).
 */
final class DataDir {

  /** The ids the runtime created in the emulators, so that a restart finds them again. */
  record Ids(String userPoolId, String clientId) {}

  /** The seeded operator's sign-in. */
  record Operator(String email, String password) {}

  private final Path dir;

  DataDir(Path dir) {
    this.dir = dir;
  }

  Path path() {
    return dir;
  }

  Path dynamoDb() {
    return dir.resolve("dynamodb");
  }

  Path cognito() {
    return dir.resolve("cognito");
  }

  Path mail() {
    return dir.resolve("mail");
  }

  /** The S3 emulator's buckets: current objects and every version. */
  Path s3() {
    return dir.resolve("s3");
  }

  /** The local KMS's master key and encrypted keys (see {@code LocalKms}). */
  Path kms() {
    return dir.resolve("kms");
  }

  /** The local Step Functions' state machines and executions (see {@code ExecutionStore}). */
  Path stepFunctions() {
    return dir.resolve("stepfunctions");
  }

  /** The local Route 53's hosted zones (see {@code HostedZones}). */
  Path route53() {
    return dir.resolve("route53");
  }

  Path runtimeFile() {
    return dir.resolve("runtime.json");
  }

  Path operatorFile() {
    return dir.resolve("operator.json");
  }

  void create() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  /** Deletes everything the runtime and the emulators kept. */
  void wipe() {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure)
                throws IOException {
              if (failure != null) {
                throw failure;
              }
              Files.delete(directory);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe the data directory " + dir, e);
    }
  }

  Optional<Ids> ids() {
    return read(runtimeFile())
        .filter(json -> json.hasNonNull("userPoolId") && json.hasNonNull("clientId"))
        .map(json -> new Ids(json.get("userPoolId").asText(), json.get("clientId").asText()));
  }

  void saveIds(Ids ids) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("userPoolId", ids.userPoolId());
    json.put("clientId", ids.clientId());
    write(runtimeFile(), json);
  }

  Optional<Operator> operator() {
    return read(operatorFile())
        .filter(json -> json.hasNonNull("email") && json.hasNonNull("password"))
        .map(json -> new Operator(json.get("email").asText(), json.get("password").asText()));
  }

  void saveOperator(Operator operator) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("email", operator.email());
    json.put("password", operator.password());
    write(operatorFile(), json);
  }

  private static Optional<JsonNode> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.parse(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + " is unreadable; delete it or start with --fresh to begin again", e);
    }
  }

  /** Written to a new owner-only file then moved over the old one, so no reader sees half. */
  private void write(Path file, JsonNode json) {
    try {
      Path temp =
          Files.createTempFile(
              dir,
              file.getFileName().toString(),
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
