package dev.topgun.emulators;

import static dev.topgun.emulators.DynamoDbTestSupport.item;
import static dev.topgun.emulators.DynamoDbTestSupport.key;
import static dev.topgun.emulators.DynamoDbTestSupport.n;
import static dev.topgun.emulators.DynamoDbTestSupport.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Streams through the SDK's DynamoDbStreamsClient, on the emulator's own port. */
class DynamoDbStreamsIT {

  private static DynamoDbClient dynamo;
  private static DynamoDbStreamsClient streams;
  private static StreamReader reader;

  @BeforeAll
  static void clients() {
    dynamo = DynamoDbTestSupport.client(SharedEmulators.dynamoDb());
    streams = DynamoDbTestSupport.streamsClient(SharedEmulators.dynamoDb());
    reader = new StreamReader(dynamo, streams);
  }

  @AfterAll
  static void closeClients() {
    dynamo.close();
    streams.close();
  }

  static String streamTable(StreamViewType viewType) {
    return DynamoDbTestSupport.createTable(
        dynamo, t -> t.streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)));
  }

  @Test
  void aTableCreatedWithAStream_describesIt_andListStreamsFindsIt() {
    // when
    String table = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);

    // then
    var description = dynamo.describeTable(d -> d.tableName(table)).table();
    assertThat(description.streamSpecification().streamEnabled()).isTrue();
    assertThat(description.streamSpecification().streamViewType())
        .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(description.latestStreamArn())
        .isEqualTo(description.tableArn() + "/stream/" + description.latestStreamLabel());
    assertThat(streams.listStreams(l -> l.tableName(table)).streams())
        .extracting(s -> tuple(s.streamArn(), s.tableName(), s.streamLabel()))
        .containsExactly(
            tuple(description.latestStreamArn(), table, description.latestStreamLabel()));
    StreamDescription stream =
        streams.describeStream(d -> d.streamArn(description.latestStreamArn())).streamDescription();
    assertThat(stream.streamStatus()).isEqualTo(StreamStatus.ENABLED);
    assertThat(stream.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
    assertThat(stream.tableName()).isEqualTo(table);
    assertThat(stream.keySchema()).isEqualTo(description.keySchema());
    assertThat(stream.shards()).hasSize(1);
    assertThat(stream.shards().get(0).sequenceNumberRange().startingSequenceNumber()).isNotNull();
    assertThat(stream.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNull();
  }

  @Test
  void everyWritePath_recordsEachChange_onceAndInCommitOrder_butNotWritesThatChangeNothing() {
    // given
    String table = streamTable(StreamViewType.NEW_AND_OLD_IMAGES);

    // when
    dynamo.putItem(p -> p.tableName(table).item(item("A", "1", "n", 1)));
    dynamo.putItem(p -> p.tableName(table).item(item("A", "1", "n", 1)));
    update(table, key("A", "1"), "SET n = :v", n(2));
    update(table, key("A", "1"), "SET n = :v", n(2));
    dynamo.deleteItem(d -> d.tableName(table).key(key("A", "1")));
    dynamo.deleteItem(d -> d.tableName(table).key(key("A", "1")));
    dynamo.putItem(p -> p.tableName(table).item(item("C", "1")));
    dynamo.transactWriteItems(
        t ->
            t.transactItems(
                TransactWriteItem.builder()
                    .put(p -> p.tableName(table).item(item("D", "1")))
                    .build(),
                TransactWriteItem.builder()
                    .conditionCheck(
                        c ->
                            c.tableName(table)
                                .key(key("A", "1"))
                                .conditionExpression("attribute_not_exists(PK)"))
                    .build(),
                TransactWriteItem.builder()
                    .update(
                        u ->
                            u.tableName(table)
                                .key(key("C", "1"))
                                .updateExpression("SET n = :v")
                                .expressionAttributeValues(Map.of(":v", n(7))))
                    .build(),
                TransactWriteItem.builder()
                    .delete(d -> d.tableName(table).key(key("NOPE", "1")))
                    .build()));

    // then
    List<Record> records = reader.all(table);
    assertThat(records)
        .extracting(r -> tuple(r.eventName(), r.dynamodb().keys().get("PK").s()))
        .containsExactly(
            tuple(OperationType.INSERT, "A"),
            tuple(OperationType.MODIFY, "A"),
            tuple(OperationType.REMOVE, "A"),
            tuple(OperationType.INSERT, "C"),
            tuple(OperationType.INSERT, "D"),
            tuple(OperationType.MODIFY, "C"));
    assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(item("A", "1", "n", 1));
    assertThat(records.get(1).dynamodb().newImage()).isEqualTo(item("A", "1", "n", 2));
    assertThat(records).allSatisfy(DynamoDbStreamsIT::isWellFormed);
    assertThat(sequenceNumbers(records)).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void batchWriteItem_recordsEachOfItsWrites() {
    // given
    String table = streamTable(StreamViewType.KEYS_ONLY);
    dynamo.putItem(p -> p.tableName(table).item(item("GONE", "1")));

    // when
    dynamo.batchWriteItem(
        b ->
            b.requestItems(
                Map.of(
                    table,
                    List.of(
                        WriteRequest.builder().putRequest(p -> p.item(item("NEW", "1"))).build(),
                        WriteRequest.builder()
                            .deleteRequest(d -> d.key(key("GONE", "1")))
                            .build()))));

    // then
    assertThat(reader.all(table))
        .extracting(r -> tuple(r.eventName(), r.dynamodb().keys().get("PK").s()))
        .containsExactlyInAnyOrder(
            tuple(OperationType.INSERT, "GONE"),
            tuple(OperationType.INSERT, "NEW"),
            tuple(OperationType.REMOVE, "GONE"));
  }

  @ParameterizedTest
  @EnumSource(
      value = StreamViewType.class,
      names = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"})
  void records_carryTheImagesTheViewTypeAsksFor(StreamViewType viewType) {
    // given
    String table = streamTable(viewType);
    dynamo.putItem(p -> p.tableName(table).item(item("A", "1", "n", 1)));

    // when
    update(table, key("A", "1"), "SET n = :v", n(2));

    // then
    StreamRecord modify = reader.all(table).get(1).dynamodb();
    assertThat(modify.streamViewType()).isEqualTo(viewType);
    assertThat(modify.keys()).isEqualTo(key("A", "1"));
    boolean newImage =
        viewType == StreamViewType.NEW_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
    boolean oldImage =
        viewType == StreamViewType.OLD_IMAGE || viewType == StreamViewType.NEW_AND_OLD_IMAGES;
    assertThat(modify.hasNewImage()).isEqualTo(newImage);
    assertThat(modify.hasOldImage()).isEqualTo(oldImage);
    if (newImage) {
      assertThat(modify.newImage()).isEqualTo(item("A", "1", "n", 2));
    }
    if (oldImage) {
      assertThat(modify.oldImage()).isEqualTo(item("A", "1", "n", 1));
    }
  }

  @Test
  void concurrentTransactions_keepEachTransactionsRecordsTogether_inActionOrder() throws Exception {
    // given
    String table = streamTable(StreamViewType.NEW_IMAGE);
    int threads = 8, transactionsPerThread = 5, actions = 3;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Callable<Void>> writers = new ArrayList<>();
    for (int thread = 0; thread < threads; thread++) {
      int t = thread;
      writers.add(
          () -> {
            for (int i = 0; i < transactionsPerThread; i++) {
              String tx = t + "-" + i;
              List<TransactWriteItem> puts = new ArrayList<>();
              for (int a = 0; a < actions; a++) {
                Map<String, AttributeValue> put =
                    item("TX#" + tx, "ITEM#" + (actions - a), "tx", tx, "pos", a);
                puts.add(
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(put)).build());
              }
              dynamo.transactWriteItems(w -> w.transactItems(puts));
            }
            return null;
          });
    }

    // when
    try {
      for (Future<Void> done : pool.invokeAll(writers)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }

    // then
    List<Record> records = reader.all(table);
    assertThat(records).hasSize(threads * transactionsPerThread * actions);
    assertThat(sequenceNumbers(records)).isSorted().doesNotHaveDuplicates();
    for (int start = 0; start < records.size(); start += actions) {
      String tx = records.get(start).dynamodb().newImage().get("tx").s();
      assertThat(records.subList(start, start + actions))
          .extracting(
              r ->
                  tuple(
                      r.dynamodb().newImage().get("tx").s(),
                      r.dynamodb().newImage().get("pos").n()))
          .containsExactly(tuple(tx, "0"), tuple(tx, "1"), tuple(tx, "2"));
    }
  }

  @Test
  void iteratorTypes_startWhereAwsStartsThem_andNextShardIteratorContinues() {
    // given
    String table = streamTable(StreamViewType.KEYS_ONLY);
    String arn = reader.streamArn(table);
    String latestBefore = reader.iterator(arn, ShardIteratorType.LATEST, null);
    for (String pk : List.of("A", "B", "C")) {
      dynamo.putItem(p -> p.tableName(table).item(item(pk, "1")));
    }
    List<Record> all = reader.all(table);
    String second = all.get(1).dynamodb().sequenceNumber();

    // when
    String latestAfter = reader.iterator(arn, ShardIteratorType.LATEST, null);
    dynamo.putItem(p -> p.tableName(table).item(item("D", "1")));

    // then
    assertThat(pks(reader.readFrom(latestBefore))).containsExactly("A", "B", "C", "D");
    assertThat(pks(reader.readFrom(latestAfter))).containsExactly("D");
    assertThat(
            pks(
                reader.readFrom(
                    reader.iterator(arn, ShardIteratorType.AT_SEQUENCE_NUMBER, second))))
        .containsExactly("B", "C", "D");
    assertThat(
            pks(
                reader.readFrom(
                    reader.iterator(arn, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second))))
        .containsExactly("C", "D");
    var firstPage =
        streams.getRecords(
            g ->
                g.shardIterator(reader.iterator(arn, ShardIteratorType.TRIM_HORIZON, null))
                    .limit(2));
    assertThat(pks(firstPage.records())).containsExactly("A", "B");
    assertThat(pks(reader.readFrom(firstPage.nextShardIterator()))).containsExactly("C", "D");
  }

  @Test
  void badRequests_getTheAwsErrors() {
    // given
    String table = streamTable(StreamViewType.KEYS_ONLY);
    String arn = reader.streamArn(table);
    String shardId = reader.shard(arn).shardId();

    // when / then
    thrown(
        ResourceNotFoundException.class, () -> streams.describeStream(d -> d.streamArn(arn + "0")));
    thrown(
        ResourceNotFoundException.class,
        () ->
            streams.getShardIterator(
                g ->
                    g.streamArn(arn)
                        .shardId("shardId-00000000000000000000-00000000")
                        .shardIteratorType(ShardIteratorType.LATEST)));
    assertThat(
            errorCode(
                () ->
                    streams.getShardIterator(
                        g ->
                            g.streamArn(arn)
                                .shardId(shardId)
                                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER))))
        .isEqualTo("ValidationException");
    assertThat(errorCode(() -> streams.getRecords(g -> g.shardIterator("not-an-iterator"))))
        .isEqualTo("ValidationException");
    String iterator = reader.iterator(arn, ShardIteratorType.TRIM_HORIZON, null);
    assertThat(errorCode(() -> streams.getRecords(g -> g.shardIterator(iterator).limit(1001))))
        .isEqualTo("ValidationException");
    assertThat(errorCode(() -> streams.listStreams(l -> l.limit(0))))
        .isEqualTo("ValidationException");
  }

  @Test
  void updateTable_enablesAndDisablesTheStream_asAwsAllows() {
    // given
    String table = DynamoDbTestSupport.createTable(dynamo);
    assertThat(dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn()).isNull();

    // when
    dynamo.updateTable(
        u ->
            u.tableName(table)
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
    String first = reader.streamArn(table);
    dynamo.putItem(p -> p.tableName(table).item(item("A", "1")));
    dynamo.updateTable(u -> u.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
    dynamo.putItem(p -> p.tableName(table).item(item("B", "1")));

    // then
    StreamDescription closed = streams.describeStream(d -> d.streamArn(first)).streamDescription();
    assertThat(closed.streamStatus()).isEqualTo(StreamStatus.DISABLED);
    assertThat(closed.shards().get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
    var page =
        streams.getRecords(
            g -> g.shardIterator(reader.iterator(first, ShardIteratorType.TRIM_HORIZON, null)));
    assertThat(pks(page.records())).containsExactly("A");
    assertThat(page.nextShardIterator()).isNull();
    assertThat(
            errorCode(
                () ->
                    dynamo.updateTable(
                        u -> u.tableName(table).streamSpecification(s -> s.streamEnabled(false)))))
        .isEqualTo("ValidationException");

    // and when it is enabled again, a new stream starts
    dynamo.updateTable(
        u ->
            u.tableName(table)
                .streamSpecification(
                    s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
    String second = reader.streamArn(table);
    assertThat(second).isNotEqualTo(first);
    thrown(
        ResourceInUseException.class,
        () ->
            dynamo.updateTable(
                u ->
                    u.tableName(table)
                        .streamSpecification(
                            s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))));
    assertThat(streams.listStreams(l -> l.tableName(table)).streams())
        .extracting(s -> s.streamArn())
        .containsExactly(first, second);
  }

  @Test
  void deletingTheTable_closesItsStream_whoseRecordsStayReadable() {
    // given
    String table = streamTable(StreamViewType.KEYS_ONLY);
    String arn = reader.streamArn(table);
    dynamo.putItem(p -> p.tableName(table).item(item("A", "1")));

    // when
    dynamo.deleteTable(d -> d.tableName(table));

    // then
    assertThat(streams.describeStream(d -> d.streamArn(arn)).streamDescription().streamStatus())
        .isEqualTo(StreamStatus.DISABLED);
    assertThat(pks(reader.readFrom(reader.iterator(arn, ShardIteratorType.TRIM_HORIZON, null))))
        .containsExactly("A");
  }

  private static void isWellFormed(Record record) {
    assertThat(record.eventID()).isNotBlank();
    assertThat(record.eventSource()).isEqualTo("aws:dynamodb");
    assertThat(record.eventVersion()).isEqualTo("1.1");
    assertThat(record.awsRegion()).isEqualTo("us-east-1");
    assertThat(record.userIdentity()).isNull();
    assertThat(record.dynamodb().sizeBytes()).isPositive();
    assertThat(record.dynamodb().approximateCreationDateTime())
        .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    assertThat(record.dynamodb().sequenceNumber()).matches("[1-9][0-9]{20,39}");
  }

  private static List<BigInteger> sequenceNumbers(List<Record> records) {
    return records.stream().map(r -> new BigInteger(r.dynamodb().sequenceNumber())).toList();
  }

  private static List<String> pks(List<Record> records) {
    return records.stream().map(r -> r.dynamodb().keys().get("PK").s()).toList();
  }

  private static String errorCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return thrown(DynamoDbException.class, call).awsErrorDetails().errorCode();
  }

  private static void update(
      String table, Map<String, AttributeValue> key, String expression, AttributeValue value) {
    dynamo.updateItem(
        u ->
            u.tableName(table)
                .key(key)
                .updateExpression(expression)
                .expressionAttributeValues(Map.of(":v", value)));
  }
}
