package dev.topgun.shared.tenancy;

import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads of the tenancy read model (organizations, closure and membership items) that authorization
 * needs. Writes belong to the organizations function.
 *
 * <p>Consistency: {@link #lineage} is strongly consistent. Ancestors are found on GSI1 (eventually
 * consistent), then the organization items are read strongly consistently and their {@code
 * parentId}s must spell the same chain; when they do not (a move a moment ago), the chain is walked
 * by {@code parentId} instead. So a moved organization stops answering to its old parent's admins
 * at once.
 */
@Singleton
public class TenancyDirectory {

  /** The tree has four levels; a longer chain can only be a corrupt table. */
  static final int MAX_DEPTH = 8;

  private final SingleTableStore store;

  public TenancyDirectory(SingleTableStore store) {
    this.store = store;
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
    for (MembershipItem item : store.batchGet(MembershipItem.SCHEMA, keys)) {
      item.toMembership().filter(m -> m.userId().equals(userId)).ifPresent(memberships::add);
    }
    return memberships;
  }

  /** The organization's ancestors, nearest first, without itself (one Query on GSI1). */
  public List<String> ancestors(String orgId) {
    return all(ClosureItem.SCHEMA, TenancyKeys.ancestors(orgId), ClosureItem::getAncestorId);
  }

  /**
   * The organization, its ancestors and {@code userId}'s memberships on all of them, as the table
   * holds them now: one Query and one BatchGetItem (more only right after a move). Empty when the
   * organization does not exist.
   */
  public Optional<Lineage> lineage(String orgId, @Nullable String userId) {
    List<String> indexed = ancestors(orgId);
    List<ItemKey> keys = new ArrayList<>();
    keys.add(TenancyKeys.organization(orgId));
    indexed.forEach(id -> keys.add(TenancyKeys.organization(id)));
    if (userId != null) {
      keys.add(TenancyKeys.membership(orgId, userId));
      indexed.forEach(id -> keys.add(TenancyKeys.membership(id, userId)));
    }
    Map<ItemKey, Map<String, AttributeValue>> found = store.batchGet(keys);
    Map<String, AttributeValue> raw = found.get(TenancyKeys.organization(orgId));
    if (raw == null) {
      return Optional.empty();
    }
    OrganizationItem organization = OrganizationItem.SCHEMA.mapToItem(raw);
    List<OrganizationItem> chain = new ArrayList<>();
    for (String id : indexed) {
      Map<String, AttributeValue> ancestor = found.get(TenancyKeys.organization(id));
      chain.add(ancestor == null ? null : OrganizationItem.SCHEMA.mapToItem(ancestor));
    }
    if (!spellsChain(organization, chain)) {
      chain = walk(organization);
      if (userId == null) {
        return Optional.of(new Lineage(organization, chain, List.of()));
      }
      List<String> ids = new ArrayList<>();
      ids.add(orgId);
      chain.forEach(a -> ids.add(a.getId()));
      return Optional.of(new Lineage(organization, chain, memberships(userId, ids)));
    }
    List<Membership> memberships = new ArrayList<>();
    if (userId != null) {
      for (Map.Entry<ItemKey, Map<String, AttributeValue>> entry : found.entrySet()) {
        if (entry.getKey().sk().startsWith(TenancyKeys.MEMBER)) {
          MembershipItem.SCHEMA
              .mapToItem(entry.getValue())
              .toMembership()
              .filter(m -> m.userId().equals(userId))
              .ifPresent(memberships::add);
        }
      }
    }
    return Optional.of(new Lineage(organization, chain, memberships));
  }

  /** Whether the organization exists and neither it nor an ancestor is deactivated. */
  public boolean isActive(String orgId) {
    return lineage(orgId, null).map(Lineage::effectivelyActive).orElse(false);
  }

  /** Whether the organization exists, active or not (strongly consistent). */
  public boolean exists(String orgId) {
    return store.get(OrganizationItem.SCHEMA, TenancyKeys.organization(orgId)).isPresent();
  }

  private static boolean spellsChain(OrganizationItem organization, List<OrganizationItem> chain) {
    String expectedParent = organization.getParentId();
    for (OrganizationItem ancestor : chain) {
      if (ancestor == null || !ancestor.getId().equals(expectedParent)) {
        return false;
      }
      expectedParent = ancestor.getParentId();
    }
    return expectedParent == null;
  }

  /** The ancestors by {@code parentId}, each read strongly consistently. */
  private List<OrganizationItem> walk(OrganizationItem organization) {
    List<OrganizationItem> chain = new ArrayList<>();
    String parentId = organization.getParentId();
    while (parentId != null) {
      if (chain.size() == MAX_DEPTH) {
        throw new IllegalStateException("Organization chain deeper than " + MAX_DEPTH);
      }
      String id = parentId;
      OrganizationItem parent =
          store
              .get(OrganizationItem.SCHEMA, TenancyKeys.organization(id))
              .orElseThrow(() -> new IllegalStateException("Missing parent organization " + id));
      chain.add(parent);
      parentId = parent.getParentId();
    }
    return chain;
  }

  private <T extends BaseItem, R> List<R> all(
      TableSchema<T> schema, Query query, Function<T, R> map) {
    List<R> all = new ArrayList<>();
    store.forEach(schema, query, item -> all.add(map.apply(item)));
    return all;
  }
}
