package dev.topgun.platform.store;

import dev.topgun.platform.domain.DependencyCheck;
import dev.topgun.shared.store.TopgunTable;
import jakarta.inject.Singleton;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Reads one item of the table: the same permission and path every request uses (GetItem on the
 * table's items), unlike DescribeTable, which a least-privilege function role does not hold.
 */
@Singleton
public class TableProbe implements DependencyCheck {

  private static final Map<String, AttributeValue> PROBE_KEY =
      Map.of(
          "PK", AttributeValue.fromS("HEALTH#probe"),
          "SK", AttributeValue.fromS("HEALTH#probe"));

  private final DynamoDbClient dynamoDb;
  private final String table;

  public TableProbe(DynamoDbClient dynamoDb, TopgunTable table) {
    this.dynamoDb = dynamoDb;
    this.table = table.name();
  }

  @Override
  public String name() {
    return "table";
  }

  @Override
  public void probe() {
    dynamoDb.getItem(GetItemRequest.builder().tableName(table).key(PROBE_KEY).build());
  }
}
