package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.NewOrganization;
import dev.topgun.organizations.domain.Organization;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.TopgunTable;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.TenancyDirectory;
import dev.topgun.shared.tenancy.TenancyKeys;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The organizations function's reads and writes of the tenancy items (keys in {@code
 * shared-lib/README.md} and this module's README).
 */
@Singleton
public class OrganizationStore {

  /** The kind of the platform-wide slug marker: {@code UNIQUE#org-slug#<slug>}. */
  public static final String SLUG = "org-slug";

  static final String CHILDREN = "CHILDREN";
  private static final int BATCH_GET_LIMIT = 100;

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final TenancyDirectory directory;
  private final DynamoDbClient dynamoDb;
  private final String tableName;

  public OrganizationStore(
      SingleTableStore store,
      TransactionalWriter writer,
      TenancyDirectory directory,
      DynamoDbClient dynamoDb,
      TopgunTable table) {
    this.store = store;
    this.writer = writer;
    this.directory = directory;
    this.dynamoDb = dynamoDb;
    this.tableName = table.name();
  }

  public Optional<Organization> get(String orgId) {
    return store
        .get(OrganizationItem.SCHEMA, TenancyKeys.organization(orgId))
        .map(OrganizationStore::toOrganization);
  }

  /**
   * Creates {@code child} under {@code parent} in one TransactWriteItems: the organization item,
   * the slug marker, and a closure item for the parent and every ancestor of the parent.
   *
   * @throws dev.topgun.shared.store.UniqueConstraintViolationException the slug is taken
   */
  public Organization createChild(Organization parent, NewOrganization child) {
    String id = Ids.newId();
    OrganizationItem item =
        OrganizationItem.of(
            id, child.name(), child.slug(), child.hierarchyType().value(), parent.id());
    item.setGsi2pk(childrenPartition(parent.id()));
    item.setGsi2sk(Keys.of("ORG", id));
    List<String> ancestors = directory.ancestors(parent.id());
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.create(OrganizationItem.SCHEMA, item);
    tx.claim(Unique.of(SLUG, child.slug()), item.key());
    tx.create(ClosureItem.SCHEMA, ClosureItem.of(parent.id(), id, 1));
    for (int i = 0; i < ancestors.size(); i++) {
      tx.create(ClosureItem.SCHEMA, ClosureItem.of(ancestors.get(i), id, i + 2));
    }
    tx.commit();
    return toOrganization(stored);
  }

  /** The direct children, in creation order: one Query on GSI2. */
  public Page<Organization> children(String orgId, int limit, String cursor) {
    Query query = Query.on(Index.GSI2, childrenPartition(orgId)).limit(limit);
    Page<OrganizationItem> page =
        store.query(OrganizationItem.SCHEMA, cursor == null ? query : query.after(cursor));
    return new Page<>(
        page.items().stream().map(OrganizationStore::toOrganization).toList(), page.nextCursor());
  }

  /** Every descendant at any depth: one Query on the closure items, then one BatchGetItem. */
  public Page<Organization> descendants(String orgId, int limit, String cursor) {
    Query query = TenancyKeys.descendants(orgId).limit(limit);
    Page<ClosureItem> page =
        store.query(ClosureItem.SCHEMA, cursor == null ? query : query.after(cursor));
    return new Page<>(
        organizations(page.items().stream().map(ClosureItem::getDescendantId).toList()),
        page.nextCursor());
  }

  /** The ancestors, nearest first: one Query on GSI1, then one BatchGetItem. */
  public Page<Organization> ancestors(String orgId, int limit, String cursor) {
    Query query = TenancyKeys.ancestors(orgId).limit(limit);
    Page<ClosureItem> page =
        store.query(ClosureItem.SCHEMA, cursor == null ? query : query.after(cursor));
    return new Page<>(
        organizations(page.items().stream().map(ClosureItem::getAncestorId).toList()),
        page.nextCursor());
  }

  /** One page of the user's memberships (GSI1). */
  public Page<MembershipItem> memberships(String userId, int limit, String cursor) {
    Query query = TenancyKeys.memberships(userId).limit(limit);
    return store.query(MembershipItem.SCHEMA, cursor == null ? query : query.after(cursor));
  }

  /** The user's profile, created on the first call. */
  public ProfileItem profile(String userId, String email, boolean emailVerified) {
    ItemKey key = ProfileItem.key(userId);
    Optional<ProfileItem> existing = store.get(ProfileItem.SCHEMA, key);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return store.create(ProfileItem.SCHEMA, ProfileItem.of(userId, email, emailVerified));
    } catch (ItemAlreadyExistsException raced) {
      return store.get(ProfileItem.SCHEMA, key).orElseThrow();
    }
  }

  static String childrenPartition(String parentId) {
    return Keys.org(parentId, CHILDREN);
  }

  /** The organizations of {@code ids}, in that order (strongly consistent BatchGetItem). */
  private List<Organization> organizations(List<String> ids) {
    Map<String, Organization> byId = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BATCH_GET_LIMIT) {
      List<Map<String, AttributeValue>> pending = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH_GET_LIMIT))) {
        pending.add(TenancyKeys.organization(id).toAttributeMap());
      }
      while (!pending.isEmpty()) {
        KeysAndAttributes request =
            KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
        BatchGetItemResponse response =
            dynamoDb.batchGetItem(r -> r.requestItems(Map.of(tableName, request)));
        for (Map<String, AttributeValue> raw :
            response.responses().getOrDefault(tableName, List.of())) {
          Organization org = toOrganization(OrganizationItem.SCHEMA.mapToItem(raw));
          byId.put(org.id(), org);
        }
        KeysAndAttributes unprocessed =
            response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName) : null;
        pending = unprocessed == null ? List.of() : unprocessed.keys();
      }
    }
    return ids.stream().filter(byId::containsKey).map(byId::get).toList();
  }

  static Organization toOrganization(OrganizationItem item) {
    return new Organization(
        item.getId(),
        item.getName(),
        item.getSlug(),
        item.getHierarchyType(),
        item.getParentId(),
        item.getStatus(),
        item.getCreatedAt());
  }
}
