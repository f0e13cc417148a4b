package dev.topgun.shared.testing;

import dev.topgun.shared.events.OutboundEvent;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.events.OutboxItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The events a test's changes wrote to the outbox of its table — what the relay will publish. A
 * test reads every outbox item of its own table (a Scan: test tables are small and private to a
 * class); the functions never scan.
 */
public final class OutboxEvents {

  private final DynamoDbClient dynamoDb;
  private final String table;

  public OutboxEvents(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  public static OutboxEvents of(LocalTable table) {
    return new OutboxEvents(table.client(), table.name());
  }

  /** Every event in the outbox, in the order they were written (event ids are ULIDs). */
  public List<OutboundEvent> all() {
    List<OutboundEvent> events = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder scan =
          ScanRequest.builder()
              .tableName(table)
              .consistentRead(true)
              .filterExpression("#t = :outbox")
              .expressionAttributeNames(Map.of("#t", "type"))
              .expressionAttributeValues(Map.of(":outbox", AttributeValue.fromS(OutboxItem.TYPE)));
      if (start != null) {
        scan.exclusiveStartKey(start);
      }
      ScanResponse page = dynamoDb.scan(scan.build());
      for (Map<String, AttributeValue> item : page.items()) {
        events.add(Outbox.fromItem(OutboxItem.SCHEMA.mapToItem(item)));
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    events.sort(Comparator.comparing(OutboundEvent::eventId));
    return events;
  }

  /** The events named {@code detailType}, in order. */
  public List<OutboundEvent> named(String detailType) {
    return all().stream().filter(e -> e.detailType().equals(detailType)).toList();
  }

  /** The events about {@code organizationId}, in order. */
  public List<OutboundEvent> about(String organizationId) {
    return all().stream().filter(e -> organizationId.equals(e.organizationId())).toList();
  }
}
