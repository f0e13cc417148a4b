package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB on this machine: dynalite (npm) with the TransactWriteItems / TransactGetItems extension
 * in {@code local/dynamodb/}, as a child process on 127.0.0.1.
 */
public final class DynamoDbEmulator implements AutoCloseable {

  private final NodeProcess process;
  private final int port;

  private DynamoDbEmulator(NodeProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs the emulators if needed and starts one.
   *
   * @param port the port to listen on, or 0 for a free one
   * @param dataDir where to keep the tables (a LevelDB under {@code dataDir/leveldb}, output in
   *     {@code dataDir/dynamodb.log}), or null to keep them in memory (output under target/ or the
   *     temporary directory)
   */
  public static DynamoDbEmulator start(int port, Path dataDir) {
    Path localDir = Repo.localDir();
    Npm.ensureInstalled(localDir);
    int actualPort = port == 0 ? Ports.free() : port;
    List<String> arguments =
        new ArrayList<>(
            List.of(
                localDir.resolve("dynamodb").resolve("server.js").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(actualPort),
                // The child also ends when this JVM dies without running its shutdown hooks.
                "--exit-with-stdin"));
    Path log;
    try {
      if (dataDir != null) {
        Path db = Files.createDirectories(dataDir.resolve("leveldb"));
        arguments.add("--path");
        arguments.add(db.toAbsolutePath().toString());
        log = dataDir.resolve("dynamodb.log");
      } else {
        log = Logs.dir().resolve("dynamodb-" + actualPort + ".log");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the DynamoDB emulator's files", e);
    }
    NodeProcess process =
        NodeProcess.start("dynalite", arguments, localDir, Map.of(), log, actualPort);
    return new DynamoDbEmulator(process, actualPort);
  }

  /** The endpoint override for the AWS SDK, e.g. {@code http://127.0.0.1:4567}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** Stops the child process; with a data directory, the tables stay there for the next start. */
  @Override
  public void close() {
    process.close();
  }
}
