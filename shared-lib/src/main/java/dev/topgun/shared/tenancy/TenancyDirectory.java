package dev.topgun.shared.tenancy;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.TopgunTable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads of the tenancy read model (organizations, closure and membership items) that authorization
 * needs. Writes belong to the organizations function.
 *
 * <p>Consistency: organization and membership items are read strongly consistently, so a
 * deactivated organization or a removed membership stops counting at once. Ancestors come from
 * GSI1, which is eventually consistent: for a moment after a move, the old ancestors may still be
 * listed.
 */
@Singleton
public class TenancyDirectory {

  private static final int BATCH_GET_LIMIT = 100;
  private static final int MAX_BATCH_ATTEMPTS = 5;

  private final SingleTableStore store;
  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public TenancyDirectory(SingleTableStore store, DynamoDbClient dynamoDb, TopgunTable table) {
    this.store = store;
    this.dynamoDb = dynamoDb;
    this.tableName = table.name();
  }

  /** Every membership of the user, in organization id order (GSI1, eventually consistent). */
  public List<Membership> memberships(String userId) {
    List<Membership> memberships = new ArrayList<>();
    for (MembershipItem item :
        all(MembershipItem.SCHEMA, TenancyKeys.memberships(userId), Function.identity())) {
      item.toMembership().ifPresent(memberships::add);
    }
    return memberships;
  }

  /**
   * The user's memberships among {@code orgIds}: one strongly consistent BatchGetItem, whatever the
   * user's other memberships.
   */
  public List<Membership> memberships(String userId, Collection<String> orgIds) {
    List<ItemKey> keys = new ArrayList<>();
    for (String orgId : new LinkedHashSet<>(orgIds)) {
      keys.add(TenancyKeys.membership(orgId, userId));
    }
    List<Membership> memberships = new ArrayList<>();
    for (Map<String, AttributeValue> raw : batchGet(keys)) {
      MembershipItem item = MembershipItem.SCHEMA.mapToItem(raw);
      item.toMembership().filter(m -> m.userId().equals(userId)).ifPresent(memberships::add);
    }
    return memberships;
  }

  /** The organization's ancestors, nearest first, without itself (one Query on GSI1). */
  public List<String> ancestors(String orgId) {
    return all(ClosureItem.SCHEMA, TenancyKeys.ancestors(orgId), ClosureItem::getAncestorId);
  }

  /** Whether the organization exists and is not deactivated (strongly consistent). */
  public boolean isActive(String orgId) {
    return store
        .get(OrganizationItem.SCHEMA, TenancyKeys.organization(orgId))
        .map(OrganizationItem::isActive)
        .orElse(false);
  }

  /** Whether the organization exists, active or not (strongly consistent). */
  public boolean exists(String orgId) {
    return store.get(OrganizationItem.SCHEMA, TenancyKeys.organization(orgId)).isPresent();
  }

  private <T extends BaseItem, R> List<R> all(
      TableSchema<T> schema, Query query, Function<T, R> map) {
    List<R> all = new ArrayList<>();
    Query next = query.limit(Query.MAX_LIMIT);
    while (true) {
      Page<T> page = store.query(schema, next);
      page.items().forEach(item -> all.add(map.apply(item)));
      if (!page.hasMore()) {
        return all;
      }
      next = next.after(page.nextCursor());
    }
  }

  private List<Map<String, AttributeValue>> batchGet(List<ItemKey> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> pending = new ArrayList<>();
      for (ItemKey key : keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))) {
        pending.add(key.toAttributeMap());
      }
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        if (attempt > MAX_BATCH_ATTEMPTS) {
          throw new IllegalStateException("DynamoDB left keys unprocessed " + attempt + " times");
        }
        KeysAndAttributes request =
            KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
        BatchGetItemResponse response =
            dynamoDb.batchGetItem(r -> r.requestItems(Map.of(tableName, request)));
        items.addAll(response.responses().getOrDefault(tableName, List.of()));
        KeysAndAttributes unprocessed =
            response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName) : null;
        pending = unprocessed == null ? List.of() : unprocessed.keys();
      }
    }
    return items;
  }
}
