package dev.topgun.shared.store;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The one DynamoDB table: its name (configuration {@code topgun.table}) and the attribute names
 * every item shares. infra-cdk, the local runtime and tests create the table from {@link
 * #createTableRequest(String)} so that all three agree on the key schema.
 */
@Singleton
public final class TopgunTable {

  public static final String DEFAULT_NAME = "topgun";

  public static final String PK = "PK";
  public static final String SK = "SK";
  public static final String GSI1 = "GSI1";
  public static final String GSI1_PK = "GSI1PK";
  public static final String GSI1_SK = "GSI1SK";
  public static final String GSI2 = "GSI2";
  public static final String GSI2_PK = "GSI2PK";
  public static final String GSI2_SK = "GSI2SK";

  public static final String TYPE = "type";
  public static final String VERSION = "version";
  public static final String CREATED_AT = "createdAt";
  public static final String UPDATED_AT = "updatedAt";

  /** Epoch seconds after which DynamoDB may delete the item (metrics, idempotency records). */
  public static final String TTL = "ttl";

  /**
   * What the table's stream records of each change. Both images: the outbox relay needs only the
   * new image of an inserted event, but a stream's view type cannot be changed (only replaced by a
   * new stream, which means a new ARN for every event source mapping and a gap to bridge), and the
   * other consumers the architecture plans on the same stream (the console's after-commit push,
   * audit) read what a change replaced. Lambda's reads of a stream are not charged.
   */
  public static final StreamViewType STREAM_VIEW_TYPE = StreamViewType.NEW_AND_OLD_IMAGES;

  private final String name;

  @Inject
  public TopgunTable(@Value("${topgun.table:" + DEFAULT_NAME + "}") String name) {
    if (name == null || name.length() < 3 || name.length() > 255) {
      throw new IllegalArgumentException("A DynamoDB table name has 3 to 255 characters: " + name);
    }
    this.name = name;
  }

  public String name() {
    return name;
  }

  /**
   * The table: PK/SK strings, GSI1 and GSI2 projecting all attributes, on-demand billing, and a
   * stream of every change ({@link #STREAM_VIEW_TYPE}) for the outbox relay.
   */
  public static CreateTableRequest createTableRequest(String tableName) {
    return CreateTableRequest.builder()
        .tableName(tableName)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            stringAttribute(PK),
            stringAttribute(SK),
            stringAttribute(GSI1_PK),
            stringAttribute(GSI1_SK),
            stringAttribute(GSI2_PK),
            stringAttribute(GSI2_SK))
        .keySchema(keySchema(PK, SK))
        .globalSecondaryIndexes(index(GSI1, GSI1_PK, GSI1_SK), index(GSI2, GSI2_PK, GSI2_SK))
        .streamSpecification(stream -> stream.streamEnabled(true).streamViewType(STREAM_VIEW_TYPE))
        .build();
  }

  /** Turns on expiry by the {@link #TTL} attribute; a separate call, as in DynamoDB's API. */
  public static UpdateTimeToLiveRequest updateTimeToLiveRequest(String tableName) {
    return UpdateTimeToLiveRequest.builder()
        .tableName(tableName)
        .timeToLiveSpecification(spec -> spec.attributeName(TTL).enabled(true))
        .build();
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }

  private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
    return List.of(
        KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
  }

  private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(keySchema(partitionKey, sortKey))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build();
  }
}
