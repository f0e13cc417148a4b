package dev.topgun.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.stepfunctions.asl.ExecutionRecord;
import dev.topgun.local.stepfunctions.asl.HistoryEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where state machines and executions are kept between starts of the runtime ({@code
 * local/.data/stepfunctions/}): {@code state-machines.json}, and per execution its record ({@code
 * executions/<machine>/<name>.json}, rewritten after every step) and its history ({@code
 * …/<name>.history.jsonl}, appended to). A record names how many events it goes with, so events
 * written after the last record (a crash in between) are dropped on reading and made again.
 */
public final class ExecutionStore {

  /** A state machine as kept on disk. */
  public static final class MachineRecord {
    public String stateMachineArn;
    public String name;
    public String definition;
    public String roleArn;
    public String type;
    public long creationDate;
    public Long updateDate;
    public String revisionId;

    /** Where it came from when the runtime created it from {@code state-machines/}. */
    public String source;
  }

  /** An execution read back: its record and its history. */
  public record Stored(ExecutionRecord record, List<HistoryEvent> history) {}

  private final Path dir;

  public ExecutionStore(Path dir) {
    this.dir = dir;
  }

  public synchronized List<MachineRecord> machines() {
    Path file = dir.resolve("state-machines.json");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      JsonNode json = Json.parse(Files.readAllBytes(file));
      List<MachineRecord> machines = new ArrayList<>();
      for (JsonNode machine : json.path("stateMachines")) {
        machines.add(Json.MAPPER.treeToValue(machine, MachineRecord.class));
      }
      return machines;
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + " is unreadable; delete it or start with --fresh to begin again", e);
    }
  }

  public synchronized void saveMachines(List<MachineRecord> machines) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    ArrayNode list = json.putArray("stateMachines");
    machines.forEach(machine -> list.add(Json.MAPPER.valueToTree(machine)));
    replace(dir.resolve("state-machines.json"), Json.bytes(json));
  }

  /** Writes the record, and the events of {@code history} from {@code from} on. */
  public void save(ExecutionRecord record, List<HistoryEvent> history, int from) {
    Path base = base(record.stateMachineName, record.name);
    try {
      Files.createDirectories(base.getParent());
      if (from < history.size()) {
        try (Writer out =
            Files.newBufferedWriter(
                historyFile(base),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
          for (int i = from; i < history.size(); i++) {
            out.write(Json.text(history.get(i)));
            out.write('\n');
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the history of " + record.executionArn, e);
    }
    replace(base.resolveSibling(base.getFileName() + ".json"), Json.bytes(record));
  }

  /** Every execution kept, each with the history its record goes with. */
  public List<Stored> executions() {
    Path root = dir.resolve("executions");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Stored> stored = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root, 2)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
        ExecutionRecord record = Json.MAPPER.readValue(file.toFile(), ExecutionRecord.class);
        String name = file.getFileName().toString();
        Path history = historyFile(file.resolveSibling(name.substring(0, name.length() - 5)));
        stored.add(new Stored(record, history(history, record.historyCount)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the Step Functions data in "
              + root
              + " is unreadable; start with --fresh to begin again",
          e);
    }
    return stored;
  }

  private static List<HistoryEvent> history(Path file, long count) throws IOException {
    List<HistoryEvent> events = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return events;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while (events.size() < count && (line = in.readLine()) != null) {
        if (!line.isBlank()) {
          events.add(Json.MAPPER.readValue(line, HistoryEvent.class));
        }
      }
    }
    if (events.size() < count) {
      throw new IOException(file + " holds fewer events than its execution record says");
    }
    // Drop what a crash left after the last record, so that the file and the record agree again.
    StringBuilder kept = new StringBuilder();
    for (HistoryEvent event : events) {
      kept.append(Json.text(event)).append('\n');
    }
    Files.writeString(file, kept);
    return events;
  }

  private Path base(String machine, String execution) {
    return dir.resolve("executions").resolve("m-" + machine).resolve("e-" + execution);
  }

  private static Path historyFile(Path base) {
    return base.resolveSibling(base.getFileName() + ".history.jsonl");
  }

  private void replace(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
