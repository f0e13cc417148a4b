package dev.topgun.agent.spool;

import dev.topgun.agent.json.Json;
import dev.topgun.agent.sample.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Every sample is written here before it is sent, and removed only when the API has acknowledged
 * it, so a down API, a crash or a restart loses nothing. Samples are JSON lines in segment files of
 * at most one batch each, named by their first sequence number, read oldest first; samples older
 * than the retention are dropped (and counted) instead of sent. The next sequence number is kept in
 * its own file, so numbers keep increasing across restarts even with an empty spool.
 */
public final class Spool {

  private static final Logger LOG = Logger.getLogger("agent.spool");
  private static final String SUFFIX = ".ndjson";

  /** Up to one batch of stored samples, oldest first, each its wire JSON. */
  public record Batch(Path segment, List<String> samples, long firstSeq, long lastSeq) {}

  private final Path dir;
  private final Path seqFile;
  private final Clock clock;
  private final Duration retention;
  private final int batchSize;
  private long nextSeq;
  private long dropped;

  public Spool(Path dataDir, Clock clock, Duration retention, int batchSize) {
    this.dir = dataDir.resolve("spool");
    this.seqFile = dataDir.resolve("seq");
    this.clock = clock;
    this.retention = retention;
    this.batchSize = batchSize;
    try {
      Files.createDirectories(dir);
      nextSeq = Math.max(storedNextSeq(), lastSpooledSeq() + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Gives the sample the next sequence number and stores it; answers that number. */
  public synchronized long append(Sample sample) {
    long seq = nextSeq++;
    try {
      writeAtomically(seqFile, Long.toString(nextSeq));
      List<Path> segments = segments();
      Path target =
          segments.isEmpty() || lineCount(last(segments)) >= batchSize
              ? dir.resolve(String.format("%020d", seq) + SUFFIX)
              : last(segments);
      String line = Json.write(sample.toJson(seq)) + "\n";
      if (Files.exists(target) && !endsWithNewline(target)) {
        // A crash cut the last line short; start the new one on its own line.
        line = "\n" + line;
      }
      Files.writeString(
          target,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return seq;
  }

  /** The oldest stored samples (at most one batch), dropping expired ones on the way. */
  public synchronized Optional<Batch> oldest() {
    Instant cutoff = clock.instant().minus(retention);
    try {
      for (Path segment : segments()) {
        List<String> kept = new ArrayList<>();
        long first = -1;
        long lastSeq = -1;
        List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        for (String line : lines) {
          if (line.isBlank()) {
            continue;
          }
          Optional<Entry> entry = entry(line);
          if (entry.isEmpty() || entry.get().at.isBefore(cutoff)) {
            dropped++;
            continue;
          }
          if (first < 0) {
            first = entry.get().seq;
          }
          lastSeq = entry.get().seq;
          kept.add(line);
        }
        if (kept.isEmpty()) {
          Files.delete(segment);
          LOG.info("spool: dropped expired samples, " + dropped + " in all since start");
          continue;
        }
        if (kept.size() != nonBlank(lines)) {
          writeAtomically(segment, String.join("\n", kept) + "\n");
          LOG.info("spool: dropped expired samples, " + dropped + " in all since start");
        }
        return Optional.of(new Batch(segment, List.copyOf(kept), first, lastSeq));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes a batch once the API has acknowledged it (or refused it for good). */
  public synchronized void remove(Batch batch) {
    try {
      if (!Files.exists(batch.segment())) {
        return;
      }
      List<String> rest = new ArrayList<>();
      for (String line : Files.readAllLines(batch.segment(), StandardCharsets.UTF_8)) {
        Optional<Entry> entry = entry(line);
        if (entry.isPresent() && entry.get().seq > batch.lastSeq()) {
          rest.add(line);
        }
      }
      if (rest.isEmpty()) {
        Files.delete(batch.segment());
      } else {
        writeAtomically(batch.segment(), String.join("\n", rest) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Samples waiting to be sent. */
  public synchronized int pending() {
    try {
      int n = 0;
      for (Path segment : segments()) {
        n += lineCount(segment);
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Samples dropped since start because they outlived the retention (or were unreadable). */
  public synchronized long dropped() {
    return dropped;
  }

  public synchronized long nextSeq() {
    return nextSeq;
  }

  private record Entry(long seq, Instant at) {}

  private static Optional<Entry> entry(String line) {
    try {
      Map<String, Object> sample = Json.parseObject(line);
      BigDecimal seq = Json.number(sample, "seq");
      String at = Json.string(sample, "at");
      if (seq == null || at == null) {
        return Optional.empty();
      }
      return Optional.of(new Entry(seq.longValueExact(), Instant.parse(at)));
    } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
  }

  private static Path last(List<Path> segments) {
    return segments.get(segments.size() - 1);
  }

  private static int lineCount(Path segment) throws IOException {
    return nonBlank(Files.readAllLines(segment, StandardCharsets.UTF_8));
  }

  private static int nonBlank(List<String> lines) {
    return (int) lines.stream().filter(l -> !l.isBlank()).count();
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return bytes.length == 0 || bytes[bytes.length - 1] == '\n';
  }

  private long storedNextSeq() throws IOException {
    if (!Files.exists(seqFile)) {
      return 1;
    }
    try {
      return Long.parseLong(Files.readString(seqFile).trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private long lastSpooledSeq() throws IOException {
    long max = 0;
    for (Path segment : segments()) {
      for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
        Optional<Entry> entry = entry(line);
        if (entry.isPresent()) {
          max = Math.max(max, entry.get().seq);
        }
      }
    }
    return max;
  }

  private static void writeAtomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
