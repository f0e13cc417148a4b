package dev.topgun.shared.store;

import java.util.Optional;
import java.util.Set;

/** Where a query looks: the table's primary key or one of its global secondary indexes. */
public enum Index {
  TABLE(null, TopgunTable.PK, TopgunTable.SK),
  GSI1(TopgunTable.GSI1, TopgunTable.GSI1_PK, TopgunTable.GSI1_SK),
  GSI2(TopgunTable.GSI2, TopgunTable.GSI2_PK, TopgunTable.GSI2_SK);

  private final String indexName;
  private final String partitionKey;
  private final String sortKey;

  Index(String indexName, String partitionKey, String sortKey) {
    this.indexName = indexName;
    this.partitionKey = partitionKey;
    this.sortKey = sortKey;
  }

  /** The index name for a Query request; empty for the table itself. */
  public Optional<String> indexName() {
    return Optional.ofNullable(indexName);
  }

  public String partitionKey() {
    return partitionKey;
  }

  public String sortKey() {
    return sortKey;
  }

  /**
   * The attributes of a LastEvaluatedKey from this index: its own keys, plus the table's keys for a
   * secondary index (which DynamoDB needs to resume among items sharing an index key).
   */
  public Set<String> lastKeyAttributes() {
    return this == TABLE
        ? Set.of(TopgunTable.PK, TopgunTable.SK)
        : Set.of(partitionKey, sortKey, TopgunTable.PK, TopgunTable.SK);
  }
}
