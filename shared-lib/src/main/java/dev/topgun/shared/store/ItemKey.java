package dev.topgun.shared.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The primary key of an item. */
public record ItemKey(String pk, String sk) {

  public ItemKey {
    if (pk == null || pk.isEmpty() || sk == null || sk.isEmpty()) {
      throw new IllegalArgumentException("An item key needs both PK and SK: " + pk + " / " + sk);
    }
  }

  public static ItemKey of(String pk, String sk) {
    return new ItemKey(pk, sk);
  }

  /** The key of an item as the low-level API returns it. */
  public static ItemKey of(Map<String, AttributeValue> item) {
    AttributeValue pk = item.get(TopgunTable.PK);
    AttributeValue sk = item.get(TopgunTable.SK);
    return new ItemKey(pk == null ? null : pk.s(), sk == null ? null : sk.s());
  }

  /** The key as DynamoDB's low-level API wants it. */
  public Map<String, AttributeValue> toAttributeMap() {
    return Map.of(
        TopgunTable.PK, AttributeValue.fromS(pk), TopgunTable.SK, AttributeValue.fromS(sk));
  }
}
