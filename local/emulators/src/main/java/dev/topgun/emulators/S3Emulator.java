package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * S3 on this machine: {@code @20minutes/s3rver} (npm) with the extension in {@code local/s3/}
 * (versioning, the SDKs' checksummed chunked uploads, POST policies, private buckets), as a child
 * process on 127.0.0.1. Path-style addressing only: clients set {@code forcePathStyle(true)}.
 */
public final class S3Emulator implements AutoCloseable {

  /** The only key pair the emulator accepts; any other is {@code InvalidAccessKeyId}. */
  public static final String ACCESS_KEY = "local";

  public static final String SECRET_KEY = "local";

  private final NodeProcess process;
  private final int port;

  private S3Emulator(NodeProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Installs the emulators if needed and starts one.
   *
   * @param port the port to listen on, or 0 for a free one
   * @param dataDir where the buckets are kept ({@code dataDir/objects}, {@code dataDir/versions},
   *     output in {@code dataDir/s3.log}), kept across restarts; or null for a fresh temporary
   *     directory (output under target/ or the temporary directory)
   */
  public static S3Emulator start(int port, Path dataDir) {
    Path localDir = Repo.localDir();
    Npm.ensureInstalled(localDir);
    int actualPort = port == 0 ? Ports.free() : port;
    Path directory;
    Path log;
    try {
      if (dataDir != null) {
        directory = Files.createDirectories(dataDir);
        log = dataDir.resolve("s3.log");
      } else {
        directory = Files.createTempDirectory(Logs.dir(), "s3-" + actualPort + "-");
        log = Logs.dir().resolve("s3-" + actualPort + ".log");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the S3 emulator's files", e);
    }
    List<String> arguments =
        List.of(
            localDir.resolve("s3").resolve("server.js").toString(),
            "--directory",
            directory.toAbsolutePath().toString(),
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(actualPort),
            "--access-key",
            ACCESS_KEY,
            "--secret-key",
            SECRET_KEY,
            // The child also ends when this JVM dies without running its shutdown hooks.
            "--exit-with-stdin");
    NodeProcess process = NodeProcess.start("s3", arguments, localDir, Map.of(), log, actualPort);
    return new S3Emulator(process, actualPort);
  }

  /** The endpoint override for the AWS SDK, e.g. {@code http://127.0.0.1:4568}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** Stops the child process; with a data directory, the objects stay there for the next start. */
  @Override
  public void close() {
    process.close();
  }
}
