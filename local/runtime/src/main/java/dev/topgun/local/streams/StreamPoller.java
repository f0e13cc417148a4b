package dev.topgun.local.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.topgun.emulators.Json;
import dev.topgun.local.lambda.Invocation;
import dev.topgun.local.lambda.Invoker;
import dev.topgun.shared.routes.EventRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.event.ruler.GenericMachine;

/**
 * One stream subscription of {@code event-rules.json} run as Lambda's event source mapping runs it
 * on a DynamoDB stream: it polls the shard with GetRecords, keeps the records its filter matches,
 * invokes the function synchronously with a {@code DynamodbEvent} of at most {@code batchSize} of
 * them, and moves on only when the function has taken them — on an error, or from the record its
 * {@code batchItemFailures} names, the batch is invoked again after a back-off, for as long as it
 * takes (Lambda retries until the record expires from the stream). So the records of a partition
 * key reach the function in order and none is skipped. The position (the last sequence number done)
 * is kept in the data directory, so a restart picks up where the runtime stopped.
 *
 * <p>One shard: the local stream has one per table (local/dynamodb README).
 */
public final class StreamPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final EventRules.Stream subscription;
  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final Invoker invoker;
  private final Path checkpointFile;
  private final Duration pollInterval;
  private final GenericMachine<String> filter = GenericMachine.<String>builder().build();
  private final AtomicInteger lostAcknowledgements = new AtomicInteger();
  private final Thread thread;
  private volatile boolean running = true;
  private String checkpoint;
  private long delivered;

  public StreamPoller(
      EventRules.Stream subscription,
      DynamoDbStreamsClient streams,
      String streamArn,
      Invoker invoker,
      Path checkpoints,
      Duration pollInterval) {
    this.subscription = subscription;
    this.streams = streams;
    this.streamArn = streamArn;
    this.invoker = invoker;
    this.checkpointFile = checkpoints.resolve(subscription.name() + ".json");
    this.pollInterval = pollInterval;
    try {
      filter.addRule(subscription.name(), subscription.filterJson());
      Files.createDirectories(checkpoints);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "stream " + subscription.name() + " has a filter Lambda would refuse: " + e, e);
    }
    this.checkpoint = readCheckpoint();
    this.thread = new Thread(this::run, "stream-" + subscription.name());
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** The subscription's name. */
  public String name() {
    return subscription.name();
  }

  /** The sequence number of the last record done (delivered or filtered out), if any. */
  public synchronized String checkpoint() {
    return checkpoint;
  }

  /** How many records have been handed to the function and taken (for tests). */
  public synchronized long delivered() {
    return delivered;
  }

  /**
   * For tests: the next {@code n} batches the function takes are treated as if the function had
   * died before answering (as a crash between its work and its acknowledgement would leave them),
   * so they are delivered again.
   */
  public void loseAcknowledgements(int n) {
    lostAcknowledgements.addAndGet(n);
  }

  private void run() {
    Duration backoff = pollInterval;
    String iterator = null;
    while (running) {
      try {
        if (iterator == null) {
          iterator = iterator();
        }
        GetRecordsResponse page =
            streams.getRecords(
                GetRecordsRequest.builder().shardIterator(iterator).limit(1000).build());
        List<Record> records = page.records();
        if (records.isEmpty()) {
          iterator = page.nextShardIterator();
          if (iterator == null) {
            LOG.info("stream {}: the shard is closed", subscription.name());
            return;
          }
          pause(pollInterval);
          continue;
        }
        boolean done = deliver(records);
        if (done) {
          iterator = page.nextShardIterator();
          backoff = pollInterval;
        } else {
          // Start again from the checkpoint: the records after it come back in the same order.
          iterator = null;
          Duration doubled = backoff.multipliedBy(2);
          backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
          pause(backoff);
        }
      } catch (ExpiredIteratorException e) {
        iterator = null;
      } catch (TrimmedDataAccessException e) {
        LOG.warn(
            "stream {}: records after {} have expired; going on from the oldest",
            subscription.name(),
            checkpoint);
        iterator = null;
        setCheckpoint(null);
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("stream {}: polling failed: {}", subscription.name(), e.toString());
        iterator = null;
        pause(MAX_BACKOFF);
      }
    }
  }

  private String iterator() {
    String shard =
        streams
            .describeStream(r -> r.streamArn(streamArn))
            .streamDescription()
            .shards()
            .get(0)
            .shardId();
    String from = checkpoint();
    return streams
        .getShardIterator(
            r -> {
              r.streamArn(streamArn).shardId(shard);
              if (from == null) {
                r.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
              } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(from);
              }
            })
        .shardIterator();
  }

  /**
   * Delivers the page's matching records in batches; returns whether all were taken (the checkpoint
   * then is the page's last record).
   */
  private boolean deliver(List<Record> records) {
    List<ObjectNode> batch = new ArrayList<>();
    List<String> batchSequences = new ArrayList<>();
    for (Record record : records) {
      ObjectNode json = StreamRecordJson.of(record, streamArn);
      if (matches(json)) {
        batch.add(json);
        batchSequences.add(record.dynamodb().sequenceNumber());
        if (batch.size() == subscription.batchSize()) {
          if (!invoke(batch, batchSequences)) {
            return false;
          }
          batch.clear();
          batchSequences.clear();
        }
      } else if (batch.isEmpty()) {
        // Filtered out with nothing pending before it: done, as Lambda counts it.
        setCheckpoint(record.dynamodb().sequenceNumber());
      }
    }
    if (!batch.isEmpty() && !invoke(batch, batchSequences)) {
      return false;
    }
    setCheckpoint(records.get(records.size() - 1).dynamodb().sequenceNumber());
    return true;
  }

  private boolean matches(ObjectNode record) {
    try {
      return !filter.rulesForJSONEvent(Json.text(record)).isEmpty();
    } catch (Exception e) {
      LOG.warn(
          "stream {}: record {} could not be matched: {}",
          subscription.name(),
          record.path("eventID").asText(),
          e.toString());
      return false;
    }
  }

  /** Invokes the function with one batch; on success the checkpoint moves past it. */
  private boolean invoke(List<ObjectNode> batch, List<String> sequences) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    ArrayNode all = event.putArray("Records");
    batch.forEach(all::add);
    Invocation result;
    try {
      result = invoker.invoke(subscription.function(), Json.bytes(event));
    } catch (RuntimeException e) {
      LOG.warn(
          "stream {}: invoking {} failed: {}",
          subscription.name(),
          subscription.function(),
          e.toString());
      return false;
    }
    if (result.failed()) {
      LOG.warn(
          "stream {}: {} failed on a batch of {}: {}",
          subscription.name(),
          subscription.function(),
          batch.size(),
          result.payloadText());
      return false;
    }
    String failedAt = firstFailure(result.payload());
    int taken = failedAt == null ? batch.size() : sequences.indexOf(failedAt);
    if (failedAt != null && taken < 0) {
      LOG.warn(
          "stream {}: {} named record {}, which is not in its batch; the whole batch is retried",
          subscription.name(),
          subscription.function(),
          failedAt);
      return false;
    }
    if (lostAcknowledgements.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      LOG.info(
          "stream {}: acknowledgement of a batch of {} lost on purpose (test)",
          subscription.name(),
          batch.size());
      return false;
    }
    if (taken > 0) {
      setCheckpoint(sequences.get(taken - 1), taken);
    }
    if (failedAt != null) {
      LOG.info(
          "stream {}: {} asked for a retry from record {}",
          subscription.name(),
          subscription.function(),
          failedAt);
      return false;
    }
    return true;
  }

  private static String firstFailure(byte[] response) {
    try {
      JsonNode failures = Json.parse(response).path("batchItemFailures");
      return failures.isArray() && !failures.isEmpty()
          ? failures.get(0).path("itemIdentifier").asText(null)
          : null;
    } catch (IOException e) {
      // Lambda treats an answer it cannot read as every record taken.
      return null;
    }
  }

  private synchronized void setCheckpoint(String sequence) {
    setCheckpoint(sequence, 0);
  }

  private synchronized void setCheckpoint(String sequence, int deliveredNow) {
    checkpoint = sequence;
    delivered += deliveredNow;
    try {
      Path tmp = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
      ObjectNode json = Json.MAPPER.createObjectNode();
      json.put("streamArn", streamArn);
      json.put("sequenceNumber", sequence);
      Files.write(tmp, Json.bytes(json));
      Files.move(
          tmp, checkpointFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot keep the position of stream " + subscription.name(), e);
    }
    notifyAll();
  }

  private String readCheckpoint() {
    if (!Files.exists(checkpointFile)) {
      return null;
    }
    try {
      JsonNode json = Json.parse(Files.readAllBytes(checkpointFile));
      // A position in another stream (the table was created again) does not apply.
      if (!streamArn.equals(json.path("streamArn").asText())) {
        return null;
      }
      return json.path("sequenceNumber").asText(null);
    } catch (IOException e) {
      LOG.warn(
          "stream {}: unreadable position {}; starting from the oldest record",
          subscription.name(),
          checkpointFile);
      return null;
    }
  }

  private void pause(Duration duration) {
    synchronized (this) {
      try {
        if (running) {
          wait(Math.max(1, duration.toMillis()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (this) {
      notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
