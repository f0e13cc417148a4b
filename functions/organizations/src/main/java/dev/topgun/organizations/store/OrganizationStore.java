package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.ClosureRow;
import dev.topgun.organizations.domain.MovePlan;
import dev.topgun.organizations.domain.NewOrganization;
import dev.topgun.organizations.domain.Organization;
import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.Lineage;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.TenancyKeys;
import dev.topgun.shared.time.Timestamps;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organizations function's reads and writes of the tenancy items (keys in {@code
 * shared-lib/README.md} and this module's README).
 *
 * <p>Every change to the tree is one TransactWriteItems that also holds its audit entry, and that
 * depends on the versions of the organizations it read: creating a child bumps the version of the
 * parent and of each ancestor below the root, and a move bumps the moved organization and both
 * parents' chains below the root, each only if unchanged since read. So a move never misses a child
 * created under it meanwhile, a child is never created with ancestors that just changed, and no two
 * concurrent moves can both commit on a stale picture of the tree.
 */
@Singleton
public class OrganizationStore {

  /** The kind of the platform-wide slug marker: {@code UNIQUE#org-slug#<slug>}. */
  public static final String SLUG = "org-slug";

  /** How long a deleted organization may be restored. */
  public static final Duration RESTORE_WINDOW = Duration.ofDays(30);

  static final String CHILDREN = "CHILDREN";

  /** Audit entries a move writes: the moved organization, the old and the new parent. */
  private static final int MOVE_AUDIT_ENTRIES = 3;

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;
  private final Clock clock;

  public OrganizationStore(
      SingleTableStore store, TransactionalWriter writer, AuditTrail audit, Clock clock) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
    this.clock = clock;
  }

  public Optional<Organization> get(String orgId) {
    return store
        .get(OrganizationItem.SCHEMA, TenancyKeys.organization(orgId))
        .map(OrganizationStore::toOrganization);
  }

  /**
   * Creates {@code child} under the lineage's organization in one TransactWriteItems: the
   * organization item, the slug marker, a closure item for the parent and every ancestor of the
   * parent, the audit entry, and a version bump of the parent and its ancestors below the root
   * (which fails if any of them changed since {@code parent} was read).
   *
   * @throws dev.topgun.shared.store.UniqueConstraintViolationException the slug is taken
   * @throws dev.topgun.shared.store.VersionConflictException the parent's chain changed meanwhile
   */
  public Organization createChild(Lineage parent, NewOrganization child, AuditContext context) {
    String parentId = parent.orgId();
    String id = Ids.newId();
    OrganizationItem item =
        OrganizationItem.of(
            id, child.name(), child.slug(), child.hierarchyType().value(), parentId);
    item.setGsi2pk(childrenPartition(parentId));
    item.setGsi2sk(Keys.of("ORG", id));
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.create(OrganizationItem.SCHEMA, item);
    tx.claim(Unique.of(SLUG, child.slug()), item.key());
    tx.create(ClosureItem.SCHEMA, ClosureItem.of(parentId, id, 1));
    List<String> ancestors = parent.ancestorIds();
    for (int i = 0; i < ancestors.size(); i++) {
      tx.create(ClosureItem.SCHEMA, ClosureItem.of(ancestors.get(i), id, i + 2));
    }
    bumpBelowRoot(tx, parent.organization());
    parent.ancestors().forEach(a -> bumpBelowRoot(tx, a));
    audit.record(
        tx,
        context,
        parentId,
        "organization.created",
        "organization:" + id,
        Map.of(
            "name",
            child.name(),
            "slug",
            child.slug(),
            "hierarchyType",
            child.hierarchyType().value()));
    tx.commit();
    return toOrganization(stored);
  }

  /**
   * Renames the organization and/or changes its slug (the old marker released, the new one claimed,
   * in the same transaction).
   *
   * @throws dev.topgun.shared.store.UniqueConstraintViolationException the new slug is taken
   * @throws dev.topgun.shared.store.VersionConflictException it changed since it was read
   */
  public Organization update(
      OrganizationItem current, String name, String slug, AuditContext context) {
    OrganizationItem next = copy(current);
    Map<String, String> details = new LinkedHashMap<>();
    Transaction tx = writer.begin();
    if (name != null && !name.equals(current.getName())) {
      next.setName(name);
      details.put("name", name);
    }
    if (slug != null && !slug.equals(current.getSlug())) {
      next.setSlug(slug);
      tx.release(Unique.of(SLUG, current.getSlug()), current.key());
      tx.claim(Unique.of(SLUG, slug), current.key());
      details.put("slug", slug);
    }
    if (details.isEmpty()) {
      return toOrganization(current);
    }
    OrganizationItem stored = tx.update(OrganizationItem.SCHEMA, next);
    audit.record(tx, context, current.getId(), "organization.updated", target(current), details);
    tx.commit();
    return toOrganization(stored);
  }

  /**
   * Moves the organization of {@code moved} under the organization of {@code newParent}: its parent
   * and children index entry, the closure rows of it and its whole subtree ({@link MovePlan}), and
   * an audit entry on it and on both parents, in one transaction that requires the moved
   * organization and both parents' chains below the root to be unchanged.
   *
   * @throws TreeRuleException under its own subtree, or too large a subtree for one transaction
   * @throws dev.topgun.shared.store.VersionConflictException the tree changed meanwhile
   */
  public Organization move(Lineage moved, Lineage newParent, AuditContext context) {
    OrganizationItem organization = moved.organization();
    Map<String, Integer> subtree = subtreeDepths(organization.getId());
    List<String> newAncestors = new ArrayList<>();
    newAncestors.add(newParent.orgId());
    newAncestors.addAll(newParent.ancestorIds());
    MovePlan plan = MovePlan.of(organization.getId(), subtree, moved.ancestorIds(), newAncestors);

    Map<ItemKey, OrganizationItem> guarded = new LinkedHashMap<>();
    for (OrganizationItem item : moved.ancestors()) {
      guardBelowRoot(guarded, item);
    }
    guardBelowRoot(guarded, newParent.organization());
    for (OrganizationItem item : newParent.ancestors()) {
      guardBelowRoot(guarded, item);
    }
    int writes = 1 + plan.size() + guarded.size() + MOVE_AUDIT_ENTRIES;
    if (writes > Transaction.MAX_ITEMS) {
      throw TreeRuleException.conflict(
          TreeRuleException.MOVE_TOO_LARGE,
          "Moving this organization rewrites "
              + writes
              + " items and one consistent step holds at most "
              + Transaction.MAX_ITEMS
              + ": its subtree has "
              + subtree.size()
              + " organizations. Move parts of its subtree first.");
    }

    String oldParentId = organization.getParentId();
    OrganizationItem next = copy(organization);
    next.setParentId(newParent.orgId());
    next.setGsi2pk(childrenPartition(newParent.orgId()));
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.update(OrganizationItem.SCHEMA, next);
    // Bumped, not only checked: a concurrent move inside either chain's subtrees must fail too.
    guarded.values().forEach(item -> tx.update(OrganizationItem.SCHEMA, item));
    for (ClosureRow row : plan.deletes()) {
      tx.delete(TenancyKeys.closure(row.ancestorId(), row.descendantId()));
    }
    for (ClosureRow row : plan.puts()) {
      tx.put(ClosureItem.SCHEMA, ClosureItem.of(row.ancestorId(), row.descendantId(), row.depth()));
    }
    Map<String, String> details = Map.of("from", oldParentId, "to", newParent.orgId());
    audit.record(
        tx, context, organization.getId(), "organization.moved", target(organization), details);
    audit.record(tx, context, oldParentId, "organization.moved_out", target(organization), details);
    audit.record(
        tx, context, newParent.orgId(), "organization.moved_in", target(organization), details);
    tx.commit();
    return toOrganization(stored);
  }

  /**
   * Deactivates the organization: one write, which its whole subtree inherits (deactivation is read
   * through the ancestors). Without {@code cascade} it is refused while an active child exists.
   *
   * @throws TreeRuleException the root, or active children without cascade
   */
  public Organization deactivate(OrganizationItem current, boolean cascade, AuditContext context) {
    if (current.getParentId() == null) {
      throw TreeRuleException.conflict(
          TreeRuleException.ROOT, "The root organization is not deleted.");
    }
    if (!cascade && hasActiveChild(current.getId())) {
      throw TreeRuleException.conflict(
          TreeRuleException.HAS_ACTIVE_CHILDREN,
          "The organization has active children: delete them first, or delete with cascade=true.");
    }
    OrganizationItem next = copy(current);
    next.setStatus(OrganizationItem.INACTIVE);
    next.setDeletedAt(Timestamps.now(clock));
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.update(OrganizationItem.SCHEMA, next);
    audit.record(
        tx,
        context,
        current.getId(),
        "organization.deleted",
        target(current),
        Map.of("cascade", String.valueOf(cascade)));
    if (current.getParentId() != null) {
      audit.record(
          tx,
          context,
          current.getParentId(),
          "organization.child_deleted",
          target(current),
          Map.of("cascade", String.valueOf(cascade)));
    }
    tx.commit();
    return toOrganization(stored);
  }

  /**
   * Brings a deleted organization, and with it the subtree it took down, back.
   *
   * @throws TreeRuleException not deleted, below a deleted ancestor, or past the 30 days (gone)
   */
  public Organization restore(Lineage lineage, AuditContext context) {
    OrganizationItem current = lineage.organization();
    if (!lineage.ancestorsActive()) {
      throw TreeRuleException.conflict(
          TreeRuleException.ANCESTOR_DELETED,
          "An ancestor of the organization is deleted: restore the ancestor instead.");
    }
    if (current.isActive()) {
      throw TreeRuleException.conflict(
          TreeRuleException.NOT_DELETED, "The organization is not deleted.");
    }
    Instant deletedAt =
        current.getDeletedAt() == null ? Instant.EPOCH : Instant.parse(current.getDeletedAt());
    if (clock.instant().isAfter(deletedAt.plus(RESTORE_WINDOW))) {
      throw TreeRuleException.gone(
          TreeRuleException.RESTORE_WINDOW_PASSED,
          "The organization was deleted more than 30 days ago and can no longer be restored.");
    }
    OrganizationItem next = copy(current);
    next.setStatus(OrganizationItem.ACTIVE);
    next.setDeletedAt(null);
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.update(OrganizationItem.SCHEMA, next);
    audit.record(tx, context, current.getId(), "organization.restored", target(current), Map.of());
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

  /**
   * Every descendant at any depth: one Query on the closure items, then one BatchGetItem. A
   * descendant below a deleted organization is shown {@code inactive}, as authorization treats it.
   */
  public Page<Organization> descendants(String orgId, int limit, String cursor) {
    Query query = TenancyKeys.descendants(orgId).limit(limit);
    Page<ClosureItem> page =
        store.query(ClosureItem.SCHEMA, cursor == null ? query : query.after(cursor));
    List<OrganizationItem> items =
        organizations(page.items().stream().map(ClosureItem::getDescendantId).toList());
    Map<String, OrganizationItem> known = new HashMap<>();
    items.forEach(i -> known.put(i.getId(), i));
    readParents(items, orgId, known);
    List<Organization> answer = new ArrayList<>();
    for (OrganizationItem item : items) {
      Organization organization = toOrganization(item);
      answer.add(
          item.isActive() && !deletedBetween(item, orgId, known)
              ? organization
              : organization.withStatus(OrganizationItem.INACTIVE));
    }
    return new Page<>(answer, page.nextCursor());
  }

  /** The ancestors, nearest first: one Query on GSI1, then one BatchGetItem. */
  public Page<Organization> ancestors(String orgId, int limit, String cursor) {
    Query query = TenancyKeys.ancestors(orgId).limit(limit);
    Page<ClosureItem> page =
        store.query(ClosureItem.SCHEMA, cursor == null ? query : query.after(cursor));
    return new Page<>(
        organizations(page.items().stream().map(ClosureItem::getAncestorId).toList()).stream()
            .map(OrganizationStore::toOrganization)
            .toList(),
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

  /** A user's profile, if they have called the API once. */
  public Optional<ProfileItem> findProfile(String userId) {
    return store.get(ProfileItem.SCHEMA, ProfileItem.key(userId));
  }

  static String childrenPartition(String parentId) {
    return Keys.org(parentId, CHILDREN);
  }

  /** Each descendant with its depth below {@code orgId} (strongly consistent Query pages). */
  private Map<String, Integer> subtreeDepths(String orgId) {
    Map<String, Integer> depths = new LinkedHashMap<>();
    store.forEach(
        ClosureItem.SCHEMA,
        TenancyKeys.descendants(orgId).consistent(),
        c -> depths.put(c.getDescendantId(), c.getDepth()));
    return depths;
  }

  /** Whether a direct child is active, read strongly consistently (closure rows at depth 1). */
  private boolean hasActiveChild(String orgId) {
    List<String> children = new ArrayList<>();
    subtreeDepths(orgId)
        .forEach(
            (id, depth) -> {
              if (depth == 1) {
                children.add(id);
              }
            });
    return organizations(children).stream().anyMatch(OrganizationItem::isActive);
  }

  /**
   * Reads, a level at a time with one BatchGetItem each, the parents between {@code topId} and
   * {@code items} that the page does not hold (the tree has four levels: at most two rounds).
   */
  private void readParents(
      List<OrganizationItem> items, String topId, Map<String, OrganizationItem> known) {
    List<OrganizationItem> level = items;
    for (int round = 0; round < TenancyDirectoryDepth.MAX; round++) {
      List<String> missing = new ArrayList<>();
      for (OrganizationItem item : level) {
        String parentId = item.getParentId();
        if (parentId != null
            && !parentId.equals(topId)
            && !known.containsKey(parentId)
            && !missing.contains(parentId)) {
          missing.add(parentId);
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      level = organizations(missing);
      level.forEach(i -> known.put(i.getId(), i));
    }
  }

  /**
   * Whether an organization strictly between {@code topId} and {@code item} is deleted (or
   * missing), from the organizations {@link #readParents} collected.
   */
  private static boolean deletedBetween(
      OrganizationItem item, String topId, Map<String, OrganizationItem> known) {
    String parentId = item.getParentId();
    for (int hops = 0; parentId != null && !parentId.equals(topId); hops++) {
      OrganizationItem parent = known.get(parentId);
      if (parent == null || !parent.isActive() || hops > TenancyDirectoryDepth.MAX) {
        return true;
      }
      parentId = parent.getParentId();
    }
    return false;
  }

  /** The tree's depth bound, against a corrupt chain. */
  private static final class TenancyDirectoryDepth {
    static final int MAX = 8;
  }

  /** The organizations of {@code ids}, in that order (strongly consistent BatchGetItem). */
  private List<OrganizationItem> organizations(List<String> ids) {
    return store.batchGet(
        OrganizationItem.SCHEMA, ids.stream().map(TenancyKeys::organization).toList());
  }

  /** A version bump that fails if the item changed since read; the root never moves, so not it. */
  private static void bumpBelowRoot(Transaction tx, OrganizationItem item) {
    if (item.getParentId() != null) {
      tx.update(OrganizationItem.SCHEMA, item);
    }
  }

  private static void guardBelowRoot(
      Map<ItemKey, OrganizationItem> guarded, OrganizationItem item) {
    if (item.getParentId() != null) {
      guarded.putIfAbsent(item.key(), item);
    }
  }

  private static String target(OrganizationItem item) {
    return "organization:" + item.getId();
  }

  private static OrganizationItem copy(OrganizationItem item) {
    return BaseItem.copyOf(OrganizationItem.SCHEMA, item);
  }

  /** The organization an item holds, with its own stored status. */
  public static Organization toOrganization(OrganizationItem item) {
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
