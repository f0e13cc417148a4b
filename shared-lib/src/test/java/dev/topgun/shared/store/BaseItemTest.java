package dev.topgun.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BaseItemTest {

  @Test
  void aDomainSchema_mapsTheCommonAttributes_underTheTablesNames() {
    // given
    WidgetItem widget = WidgetItem.of("A", "1", "Blue", "blue");
    widget.setVersion(3L);
    widget.setCreatedAt("2025-01-01T00:00:00.000Z");
    widget.setUpdatedAt("2025-01-02T00:00:00.000Z");
    widget.setTtl(1_900_000_000L);

    // when
    Map<String, AttributeValue> item = WidgetItem.SCHEMA.itemToMap(widget, true);

    // then
    assertThat(item)
        .containsEntry("PK", AttributeValue.fromS("ORG#A"))
        .containsEntry("SK", AttributeValue.fromS("WIDGET#1"))
        .containsEntry("GSI1PK", AttributeValue.fromS("ORG#A#WIDGETS-BY-SLUG"))
        .containsEntry("GSI1SK", AttributeValue.fromS("blue"))
        .containsEntry("GSI2PK", AttributeValue.fromS("WIDGET-NAME#Blue"))
        .containsEntry("GSI2SK", AttributeValue.fromS("ORG#A"))
        .containsEntry("type", AttributeValue.fromS("WIDGET"))
        .containsEntry("version", AttributeValue.fromN("3"))
        .containsEntry("createdAt", AttributeValue.fromS("2025-01-01T00:00:00.000Z"))
        .containsEntry("updatedAt", AttributeValue.fromS("2025-01-02T00:00:00.000Z"))
        .containsEntry("ttl", AttributeValue.fromN("1900000000"))
        .containsEntry("name", AttributeValue.fromS("Blue"));
    assertThat(WidgetItem.SCHEMA.mapToItem(item).getSlug()).isEqualTo("blue");
  }

  @Test
  void unsetIndexKeys_areLeftOut_soTheItemStaysOutOfThatIndex() {
    // given
    WidgetItem widget = WidgetItem.of("A", "1", "Blue", "blue");
    widget.setGsi2pk(null);
    widget.setGsi2sk(null);

    // when
    Map<String, AttributeValue> item = WidgetItem.SCHEMA.itemToMap(widget, true);

    // then
    assertThat(item).doesNotContainKeys("GSI2PK", "GSI2SK", "ttl", "version");
  }

  @Test
  void theSchema_declaresTheTablesKeysAndIndexes() {
    TableMetadata metadata = WidgetItem.SCHEMA.tableMetadata();

    assertThat(metadata.primaryPartitionKey()).isEqualTo("PK");
    assertThat(metadata.primarySortKey()).contains("SK");
    assertThat(metadata.indexPartitionKey("GSI1")).isEqualTo("GSI1PK");
    assertThat(metadata.indexSortKey("GSI1")).contains("GSI1SK");
    assertThat(metadata.indexPartitionKey("GSI2")).isEqualTo("GSI2PK");
    assertThat(metadata.indexSortKey("GSI2")).contains("GSI2SK");
    assertThat(
            metadata.customMetadataObject(
                "VersionedRecordExtension:VersionAttribute", String.class))
        .contains("version");
  }
}
