package dev.topgun.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * DynamoDB on this machine: dynalite (npm) with the extensions in {@code local/dynamodb/}
 * (TransactWriteItems / TransactGetItems, DynamoDB Streams, Time to Live, fixes to dynalite), as a
 * child process on 127.0.0.1. The DynamoDB Streams API answers on the same port.
 */
public final class DynamoDbEmulator implements AutoCloseable {

  private final NodeProcess process;
  private final int port;

  private DynamoDbEmulator(NodeProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * How the emulator behaves where tests need it to differ from its defaults, which follow DynamoDB
   * (except where a default would make tests slow: expired items go within a minute, not 48 h).
   *
   * @param ttlSweepInterval how often expired items are deleted from tables with TTL enabled
   *     (default 30 s)
   * @param streamRetention how long stream records are kept before they are trimmed (default 24 h,
   *     as in DynamoDB Streams)
   * @param streamIteratorLifetime how long a shard iterator can be used (default 15 min, as in
   *     DynamoDB Streams)
   * @param transactionConflicts when true, a transaction that finds one of its items held by
   *     another request is cancelled ({@code TransactionConflict}) and a single-item write to an
   *     item a transaction holds fails ({@code TransactionConflictException}), as in DynamoDB; when
   *     false (the default) they wait for each other
   */
  public record Options(
      Duration ttlSweepInterval,
      Duration streamRetention,
      Duration streamIteratorLifetime,
      boolean transactionConflicts) {

    public Options {
      requirePositive(ttlSweepInterval, "ttlSweepInterval");
      requirePositive(streamRetention, "streamRetention");
      requirePositive(streamIteratorLifetime, "streamIteratorLifetime");
    }

    /** The defaults described above. */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(30), Duration.ofHours(24), Duration.ofMinutes(15), false);
    }

    public Options withTtlSweepInterval(Duration interval) {
      return new Options(interval, streamRetention, streamIteratorLifetime, transactionConflicts);
    }

    public Options withStreamRetention(Duration retention) {
      return new Options(ttlSweepInterval, retention, streamIteratorLifetime, transactionConflicts);
    }

    public Options withStreamIteratorLifetime(Duration lifetime) {
      return new Options(ttlSweepInterval, streamRetention, lifetime, transactionConflicts);
    }

    public Options withTransactionConflicts(boolean conflicts) {
      return new Options(ttlSweepInterval, streamRetention, streamIteratorLifetime, conflicts);
    }

    private List<String> arguments() {
      List<String> arguments = new ArrayList<>();
      arguments.add("--ttlSweepMs");
      arguments.add(Long.toString(ttlSweepInterval.toMillis()));
      arguments.add("--streamRetentionMs");
      arguments.add(Long.toString(streamRetention.toMillis()));
      arguments.add("--streamIteratorTtlMs");
      arguments.add(Long.toString(streamIteratorLifetime.toMillis()));
      if (transactionConflicts) {
        arguments.add("--transactionConflicts");
      }
      return arguments;
    }

    private static void requirePositive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be at least 1 ms: " + duration);
      }
    }
  }

  /**
   * Installs the emulators if needed and starts one with the default options.
   *
   * @param port the port to listen on, or 0 for a free one
   * @param dataDir where to keep the tables (a LevelDB under {@code dataDir/leveldb}, output in
   *     {@code dataDir/dynamodb.log}), or null to keep them in memory (output under target/ or the
   *     temporary directory)
   */
  public static DynamoDbEmulator start(int port, Path dataDir) {
    return start(port, dataDir, Options.defaults());
  }

  /** Like {@link #start(int, Path)}, with {@code options}. */
  public static DynamoDbEmulator start(int port, Path dataDir, Options options) {
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
    arguments.addAll(options.arguments());
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

  /**
   * The endpoint override for the AWS SDK, e.g. {@code http://127.0.0.1:4567}: for {@code
   * DynamoDbClient} and {@code DynamoDbStreamsClient} alike.
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The test-only controls of this emulator (transaction conflicts on demand). */
  public DynamoDbControl control() {
    return DynamoDbControl.at(endpoint());
  }

  /** Stops the child process; with a data directory, the tables stay there for the next start. */
  @Override
  public void close() {
    process.close();
  }
}
