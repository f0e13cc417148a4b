package dev.topgun.infra.data;

import dev.topgun.infra.config.StageConfig;
import dev.topgun.shared.store.TopgunTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.constructs.Construct;

/**
 * The one DynamoDB table. Its key schema, indexes and stream are not written here: they come from
 * {@link TopgunTable#createTableRequest(String)}, the definition the local runtime and the tests
 * create their table from, so an index added there is deployed without touching this class.
 */
public final class SingleTable extends Construct {

  /**
   * The item-level actions a function may take: reads, queries and conditional writes, including
   * those inside transactions (TransactWriteItems is authorized per item as PutItem, UpdateItem,
   * DeleteItem and ConditionCheckItem). No Scan, no table management.
   */
  public static final List<String> ITEM_ACTIONS =
      List.of(
          "dynamodb:GetItem",
          "dynamodb:BatchGetItem",
          "dynamodb:Query",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:ConditionCheckItem");

  /**
   * What Lambda's event source mapping does with the table's stream on the function's behalf
   * (ListStreams is among the actions AWS documents for it; it is limited to this stream as well).
   */
  public static final List<String> STREAM_ACTIONS =
      List.of(
          "dynamodb:DescribeStream",
          "dynamodb:GetRecords",
          "dynamodb:GetShardIterator",
          "dynamodb:ListStreams");

  /** What DynamoDB needs from the caller to read and write items under the table's own key. */
  public static final List<String> KEY_ACTIONS =
      List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey");

  private final Table table;
  private final IKey key;
  private final List<String> indexNames;

  public SingleTable(Construct scope, String id, StageConfig stage, IKey key) {
    super(scope, id);
    this.key = key;
    CreateTableRequest declared = TopgunTable.createTableRequest(stage.prefix());
    Map<String, ScalarAttributeType> types =
        declared.attributeDefinitions().stream()
            .collect(
                Collectors.toMap(
                    definition -> definition.attributeName(),
                    definition -> definition.attributeType()));
    this.table =
        Table.Builder.create(this, "Table")
            .tableName(declared.tableName())
            .partitionKey(attribute(declared.keySchema(), KeyType.HASH, types))
            .sortKey(attribute(declared.keySchema(), KeyType.RANGE, types))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .stream(streamViewType(declared))
            .timeToLiveAttribute(TopgunTable.TTL)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .deletionProtection(stage.production())
            .encryption(TableEncryption.CUSTOMER_MANAGED)
            .encryptionKey(key)
            .removalPolicy(stage.removalPolicy())
            .build();
    List<String> names = new ArrayList<>();
    for (GlobalSecondaryIndex index : declared.globalSecondaryIndexes()) {
      table.addGlobalSecondaryIndex(
          GlobalSecondaryIndexProps.builder()
              .indexName(index.indexName())
              .partitionKey(attribute(index.keySchema(), KeyType.HASH, types))
              .sortKey(attribute(index.keySchema(), KeyType.RANGE, types))
              .projectionType(ProjectionType.valueOf(index.projection().projectionTypeAsString()))
              .build());
      names.add(index.indexName());
    }
    this.indexNames = List.copyOf(names);
  }

  public ITable table() {
    return table;
  }

  /** The ARN of the table's stream, for the event source mapping of the outbox relay. */
  public String streamArn() {
    return table.getTableStreamArn();
  }

  /**
   * Lets {@code grantee} read and write the table's items through the table and each of its
   * indexes, named one by one: no wildcard, no table management, no Scan.
   */
  public void grantItems(IGrantable grantee) {
    List<String> resources = new ArrayList<>();
    resources.add(table.getTableArn());
    for (String index : indexNames) {
      resources.add(table.getTableArn() + "/index/" + index);
    }
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create().actions(ITEM_ACTIONS).resources(resources).build());
    // On the grantee's side: a grant through the key policy would make this stack depend on each
    // function's stack. The key policy trusts the account's IAM policies.
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(KEY_ACTIONS)
                .resources(List.of(key.getKeyArn()))
                .conditions(
                    Map.of(
                        "StringEquals",
                        Map.of(
                            "kms:ViaService",
                            "dynamodb." + Stack.of(this).getRegion() + ".amazonaws.com")))
                .build());
  }

  /**
   * Lets {@code grantee} (a stream-fed function's role, used by its event source mapping) read the
   * table's stream, and nothing but that stream. Its records are decrypted under the data key
   * through DynamoDB, which {@link #grantItems} already allows.
   */
  public void grantStreamRead(IGrantable grantee) {
    grantee
        .getGrantPrincipal()
        .addToPrincipalPolicy(
            PolicyStatement.Builder.create()
                .actions(STREAM_ACTIONS)
                .resources(List.of(streamArn()))
                .build());
  }

  private static Attribute attribute(
      List<KeySchemaElement> keySchema, KeyType keyType, Map<String, ScalarAttributeType> types) {
    String name =
        keySchema.stream()
            .filter(element -> element.keyType() == keyType)
            .map(KeySchemaElement::attributeName)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + keyType + " key in " + keySchema));
    return Attribute.builder()
        .name(name)
        .type(AttributeType.valueOf(attributeType(types.get(name))))
        .build();
  }

  private static StreamViewType streamViewType(CreateTableRequest declared) {
    if (declared.streamSpecification() == null
        || !Boolean.TRUE.equals(declared.streamSpecification().streamEnabled())) {
      throw new IllegalStateException("the table is declared without a stream: " + declared);
    }
    return StreamViewType.valueOf(declared.streamSpecification().streamViewTypeAsString());
  }

  private static String attributeType(ScalarAttributeType type) {
    return switch (type) {
      case S -> "STRING";
      case N -> "NUMBER";
      case B -> "BINARY";
      default -> throw new IllegalStateException("unsupported key attribute type " + type);
    };
  }
}
