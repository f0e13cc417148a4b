package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Stream records across restarts, and the ends of iterators and of records. */
class DynamoDbStreamsLifecycleIT {

  @Test
  void withADataDirectory_recordsAndTimeToLiveSurviveARestart_andNumberingGoesOn(
      @TempDir Path dataDir) {
    // given
    String table;
    List<Record> before;
    try (DynamoDbEmulator emulator = DynamoDbEmulator.start(0, dataDir);
        DynamoDbClient dynamo = DynamoDbTestSupport.client(emulator.endpoint());
        DynamoDbStreamsClient streams = DynamoDbTestSupport.streamsClient(emulator.endpoint())) {
      table = streamTable(dynamo);
      dynamo.putItem(p -> p.tableName(table).item(item("A", "1")));
      dynamo.putItem(p -> p.tableName(table).item(item("B", "1")));
      dynamo.updateTimeToLive(
          u ->
              u.tableName(table)
                  .timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
      before = new StreamReader(dynamo, streams).all(table);
    }

    // when
    try (DynamoDbEmulator emulator = DynamoDbEmulator.start(0, dataDir);
        DynamoDbClient dynamo = DynamoDbTestSupport.client(emulator.endpoint());
        DynamoDbStreamsClient streams = DynamoDbTestSupport.streamsClient(emulator.endpoint())) {
      dynamo.putItem(p -> p.tableName(table).item(item("C", "1")));
      List<Record> after = new StreamReader(dynamo, streams).all(table);

      // then
      assertThat(after.subList(0, 2)).isEqualTo(before);
      assertThat(after).hasSize(3);
      assertThat(sequence(after.get(2))).isGreaterThan(sequence(after.get(1)));
      assertThat(
              dynamo
                  .describeTimeToLive(d -> d.tableName(table))
                  .timeToLiveDescription()
                  .attributeName())
          .isEqualTo("ttl");
    }
  }

  @Test
  void anIteratorOlderThanItsLifetime_isExpired() throws Exception {
    // given
    var options =
        DynamoDbEmulator.Options.defaults().withStreamIteratorLifetime(Duration.ofMillis(500));
    try (DynamoDbEmulator emulator = DynamoDbEmulator.start(0, null, options);
        DynamoDbClient dynamo = DynamoDbTestSupport.client(emulator.endpoint());
        DynamoDbStreamsClient streams = DynamoDbTestSupport.streamsClient(emulator.endpoint())) {
      StreamReader reader = new StreamReader(dynamo, streams);
      String table = streamTable(dynamo);
      String iterator =
          reader.iterator(reader.streamArn(table), ShardIteratorType.TRIM_HORIZON, null);
      assertThat(streams.getRecords(g -> g.shardIterator(iterator)).records()).isEmpty();

      // when
      DynamoDbTestSupport.await(
          "the iterator to expire", Duration.ofSeconds(20), () -> expired(streams, iterator));

      // then
      ExpiredIteratorException expired =
          thrown(
              ExpiredIteratorException.class,
              () -> streams.getRecords(g -> g.shardIterator(iterator)));
      assertThat(expired.getMessage()).contains("Iterator expired");
    }
  }

  @Test
  void recordsOlderThanTheRetention_areTrimmed_andReadingThemIsRefused() throws Exception {
    // given
    var options = DynamoDbEmulator.Options.defaults().withStreamRetention(Duration.ofMillis(1500));
    try (DynamoDbEmulator emulator = DynamoDbEmulator.start(0, null, options);
        DynamoDbClient dynamo = DynamoDbTestSupport.client(emulator.endpoint());
        DynamoDbStreamsClient streams = DynamoDbTestSupport.streamsClient(emulator.endpoint())) {
      StreamReader reader = new StreamReader(dynamo, streams);
      String table = streamTable(dynamo);
      String arn = reader.streamArn(table);
      String fromTheStart = reader.iterator(arn, ShardIteratorType.TRIM_HORIZON, null);
      dynamo.putItem(p -> p.tableName(table).item(item("OLD", "1")));
      String oldSequence = reader.all(table).get(0).dynamodb().sequenceNumber();

      // when
      // An iterator taken just before the trim and read just after it is refused as trimmed:
      // that is the trim arriving, so the condition is looked at again.
      DynamoDbTestSupport.await(
          "the record to be trimmed",
          Duration.ofSeconds(30),
          () -> {
            try {
              return reader.all(table).isEmpty();
            } catch (TrimmedDataAccessException trimmedMeanwhile) {
              return false;
            }
          });
      dynamo.putItem(p -> p.tableName(table).item(item("NEW", "1")));

      // then
      thrown(
          TrimmedDataAccessException.class,
          () -> streams.getRecords(g -> g.shardIterator(fromTheStart)));
      thrown(
          TrimmedDataAccessException.class,
          () -> reader.iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, oldSequence));
      assertThat(reader.all(table))
          .extracting(r -> r.dynamodb().keys().get("PK").s())
          .containsExactly("NEW");
    }
  }

  private static boolean expired(DynamoDbStreamsClient streams, String iterator) {
    try {
      streams.getRecords(g -> g.shardIterator(iterator));
      return false;
    } catch (ExpiredIteratorException e) {
      return true;
    }
  }

  private static String streamTable(DynamoDbClient dynamo) {
    return DynamoDbTestSupport.createTable(
        dynamo,
        t ->
            t.streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
  }

  private static BigInteger sequence(Record record) {
    return new BigInteger(record.dynamodb().sequenceNumber());
  }
}
