package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

class TopgunTableTest {

  @Test
  void theTable_hasStringKeys_twoIndexesProjectingAll_andOnDemandBilling() {
    // when
    CreateTableRequest request = TopgunTable.createTableRequest("topgun-test");

    // then
    assertThat(request.tableName()).isEqualTo("topgun-test");
    assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(
            request.attributeDefinitions().stream()
                .collect(
                    Collectors.toMap(
                        AttributeDefinition::attributeName, AttributeDefinition::attributeType)))
        .containsOnlyKeys("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK")
        .allSatisfy((name, type) -> assertThat(type).isEqualTo(ScalarAttributeType.S));
    assertThat(keys(request.keySchema()))
        .containsExactly(Map.entry("PK", "HASH"), Map.entry("SK", "RANGE"));
    Map<String, GlobalSecondaryIndex> indexes =
        request.globalSecondaryIndexes().stream()
            .collect(Collectors.toMap(GlobalSecondaryIndex::indexName, i -> i));
    assertThat(indexes).containsOnlyKeys("GSI1", "GSI2");
    assertThat(keys(indexes.get("GSI1").keySchema()))
        .containsExactly(Map.entry("GSI1PK", "HASH"), Map.entry("GSI1SK", "RANGE"));
    assertThat(keys(indexes.get("GSI2").keySchema()))
        .containsExactly(Map.entry("GSI2PK", "HASH"), Map.entry("GSI2SK", "RANGE"));
    assertThat(indexes.values())
        .allSatisfy(i -> assertThat(i.projection().projectionType()).isEqualTo(ProjectionType.ALL));
  }

  @Test
  void theTable_streamsEveryChange_withBothImages() {
    // when
    CreateTableRequest request = TopgunTable.createTableRequest("topgun-test");

    // then
    assertThat(request.streamSpecification().streamEnabled()).isTrue();
    assertThat(request.streamSpecification().streamViewType())
        .isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
  }

  @Test
  void timeToLive_expiresItemsByTheTtlAttribute() {
    UpdateTimeToLiveRequest request = TopgunTable.updateTimeToLiveRequest("topgun-test");

    assertThat(request.timeToLiveSpecification().attributeName()).isEqualTo("ttl");
    assertThat(request.timeToLiveSpecification().enabled()).isTrue();
  }

  @Test
  void aTableName_thatDynamoDbWouldRefuse_isRefusedAtStartup() {
    assertThatThrownBy(() -> new TopgunTable("t")).isInstanceOf(IllegalArgumentException.class);
    assertThat(new TopgunTable("topgun").name()).isEqualTo("topgun");
  }

  private static List<Map.Entry<String, String>> keys(List<KeySchemaElement> schema) {
    return schema.stream().map(k -> Map.entry(k.attributeName(), k.keyTypeAsString())).toList();
  }
}
