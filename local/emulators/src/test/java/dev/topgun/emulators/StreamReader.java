package dev.topgun.emulators;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Reads a table's stream the way a consumer does: DescribeStream, GetShardIterator, GetRecords. */
final class StreamReader {

  private final DynamoDbClient dynamo;
  private final DynamoDbStreamsClient streams;

  StreamReader(DynamoDbClient dynamo, DynamoDbStreamsClient streams) {
    this.dynamo = dynamo;
    this.streams = streams;
  }

  /** The table's current stream, from DescribeTable. */
  String streamArn(String table) {
    return dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn();
  }

  /** The stream's one shard. */
  Shard shard(String streamArn) {
    List<Shard> shards =
        streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards();
    if (shards.size() != 1) {
      throw new AssertionError("expected one shard, got " + shards);
    }
    return shards.get(0);
  }

  String iterator(String streamArn, ShardIteratorType type, String sequenceNumber) {
    String shardId = shard(streamArn).shardId();
    return streams
        .getShardIterator(
            g ->
                g.streamArn(streamArn)
                    .shardId(shardId)
                    .shardIteratorType(type)
                    .sequenceNumber(sequenceNumber))
        .shardIterator();
  }

  /** Every record from {@code iterator} on, until a GetRecords returns none (or the shard ends). */
  List<Record> readFrom(String iterator) {
    List<Record> records = new ArrayList<>();
    String next = iterator;
    while (next != null) {
      String current = next;
      GetRecordsResponse page = streams.getRecords(g -> g.shardIterator(current));
      records.addAll(page.records());
      next = page.records().isEmpty() ? null : page.nextShardIterator();
    }
    return records;
  }

  /** Every record the table's current stream holds. */
  List<Record> all(String table) {
    String arn = streamArn(table);
    return readFrom(iterator(arn, ShardIteratorType.TRIM_HORIZON, null));
  }
}
