package dev.topgun.shared.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The uniqueness marker item: who holds the value, so that only its holder releases it. */
final class Markers {

  static final String TYPE = "UNIQUE";
  static final String KIND = "kind";
  static final String VALUE = "value";
  static final String OWNER_PK = "ownerPk";
  static final String OWNER_SK = "ownerSk";

  /** Releasing succeeds when the marker is ours, or already gone (nothing to give back). */
  static final String HELD_BY_OWNER_OR_ABSENT =
      "attribute_not_exists(#pk) OR (#opk = :opk AND #osk = :osk)";

  private Markers() {}

  static Map<String, AttributeValue> item(Unique unique, ItemKey owner, String now) {
    Map<String, AttributeValue> item = new HashMap<>(unique.key().toAttributeMap());
    item.put(TopgunTable.TYPE, AttributeValue.fromS(TYPE));
    item.put(KIND, AttributeValue.fromS(unique.kind()));
    item.put(VALUE, AttributeValue.fromS(unique.value()));
    item.put(OWNER_PK, AttributeValue.fromS(owner.pk()));
    item.put(OWNER_SK, AttributeValue.fromS(owner.sk()));
    item.put(TopgunTable.VERSION, AttributeValue.fromN("1"));
    item.put(TopgunTable.CREATED_AT, AttributeValue.fromS(now));
    item.put(TopgunTable.UPDATED_AT, AttributeValue.fromS(now));
    return item;
  }

  static Map<String, String> ownerNames() {
    return Map.of("#pk", TopgunTable.PK, "#opk", OWNER_PK, "#osk", OWNER_SK);
  }

  static Map<String, AttributeValue> ownerValues(ItemKey owner) {
    return Map.of(
        ":opk", AttributeValue.fromS(owner.pk()), ":osk", AttributeValue.fromS(owner.sk()));
  }

  static ItemKey owner(Map<String, AttributeValue> marker) {
    return new ItemKey(marker.get(OWNER_PK).s(), marker.get(OWNER_SK).s());
  }
}
