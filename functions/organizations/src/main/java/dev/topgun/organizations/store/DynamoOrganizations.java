package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.Branch;
import dev.topgun.organizations.domain.Change;
import dev.topgun.organizations.domain.ClosureRow;
import dev.topgun.organizations.domain.MovePlan;
import dev.topgun.organizations.domain.Organization;
import dev.topgun.organizations.domain.OrganizationStatus;
import dev.topgun.organizations.domain.Organizations;
import dev.topgun.organizations.domain.SlugTakenException;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.store.Index;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.store.Unique;
import dev.topgun.shared.store.UniqueConstraintViolationException;
import dev.topgun.shared.tenancy.ClosureItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.TenancyDirectory;
import dev.topgun.shared.tenancy.TenancyKeys;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organization tree in the table (keys in this module's README): organization items, closure
 * items, slug markers.
 *
 * <p>Every change is one TransactWriteItems with its audit entries and its outbox events, and it
 * depends on the versions of the organizations it was decided on: creating a child bumps the
 * version of the parent and of each ancestor below the root, and a move bumps the moved
 * organization and both parents' chains below the root, each only if unchanged since read. So a
 * move never misses a child created under it meanwhile, a child is never created with ancestors
 * that just changed, and no two concurrent moves can both commit on a stale picture of the tree.
 */
@Singleton
public class DynamoOrganizations implements Organizations {

  /** The kind of the platform-wide slug marker: {@code UNIQUE#org-slug#<slug>}. */
  public static final String SLUG = SlugTakenException.CONSTRAINT;

  /** Audit entries a move writes: the moved organization, the old and the new parent. */
  private static final int MOVE_AUDIT_ENTRIES = 3;

  /**
   * Outbox items a move may write: {@code OrganizationMoved} and a threshold crossing of each of
   * the two limits its share reserves in a new pool.
   */
  private static final int MOVE_EVENTS = 3;

  /** The tree's depth bound, against a corrupt chain. */
  private static final int MAX_DEPTH = 8;

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final TenancyDirectory directory;

  public DynamoOrganizations(
      SingleTableStore store,
      TransactionalWriter writer,
      AuditTrail audit,
      Outbox outbox,
      TenancyDirectory directory) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
    this.outbox = outbox;
    this.directory = directory;
  }

  @Override
  public Optional<Organization> find(String orgId) {
    return store
        .get(OrganizationItem.SCHEMA, TenancyKeys.organization(orgId))
        .map(OrganizationMapper::organization);
  }

  @Override
  public Optional<Branch> branch(String orgId) {
    return directory.lineage(orgId, null).map(OrganizationMapper::branch);
  }

  @Override
  public Map<String, Integer> subtree(String orgId) {
    Map<String, Integer> depths = new LinkedHashMap<>();
    store.forEach(
        ClosureItem.SCHEMA,
        TenancyKeys.descendants(orgId).consistent(),
        c -> depths.put(c.getDescendantId(), c.getDepth()));
    return depths;
  }

  @Override
  public boolean hasActiveChild(String orgId) {
    List<String> children = new ArrayList<>();
    subtree(orgId)
        .forEach(
            (id, depth) -> {
              if (depth == 1) {
                children.add(id);
              }
            });
    return items(children).stream().anyMatch(OrganizationItem::isActive);
  }

  @Override
  public Organization create(Branch parent, Organization child, Change change) {
    OrganizationItem item = OrganizationMapper.item(child);
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.create(OrganizationItem.SCHEMA, item);
    tx.claim(Unique.of(SLUG, child.slug()), item.key());
    tx.create(ClosureItem.SCHEMA, ClosureItem.of(parent.id(), child.id(), 1));
    List<String> ancestors = parent.ancestorIds();
    for (int i = 0; i < ancestors.size(); i++) {
      tx.create(ClosureItem.SCHEMA, ClosureItem.of(ancestors.get(i), child.id(), i + 2));
    }
    bumpBelowRoot(tx, parent.organization());
    parent.ancestors().forEach(a -> bumpBelowRoot(tx, a));
    audit.record(
        tx,
        change.audit(),
        parent.id(),
        "organization.created",
        target(child),
        Map.of(
            "name",
            child.name(),
            "slug",
            child.slug(),
            "hierarchyType",
            child.hierarchyType().value()));
    commit(tx, change, child.slug());
    return OrganizationMapper.organization(stored);
  }

  @Override
  public Organization rename(Organization current, Organization next, Change change) {
    Map<String, String> details = new LinkedHashMap<>();
    Transaction tx = writer.begin();
    if (!next.name().equals(current.name())) {
      details.put("name", next.name());
    }
    ItemKey key = TenancyKeys.organization(current.id());
    if (!next.slug().equals(current.slug())) {
      tx.release(Unique.of(SLUG, current.slug()), key);
      tx.claim(Unique.of(SLUG, next.slug()), key);
      details.put("slug", next.slug());
    }
    OrganizationItem stored = tx.update(OrganizationItem.SCHEMA, OrganizationMapper.item(next));
    audit.record(
        tx, change.audit(), current.id(), "organization.updated", target(current), details);
    commit(tx, change, next.slug());
    return OrganizationMapper.organization(stored);
  }

  @Override
  public int closureRowsPerMove(Branch moved, Branch newParent) {
    return Transaction.MAX_ITEMS
        - 1
        - guarded(moved, newParent).size()
        - MOVE_AUDIT_ENTRIES
        - MOVE_EVENTS;
  }

  @Override
  public Organization move(Branch moved, Branch newParent, MovePlan plan, Change change) {
    Organization organization = moved.organization();
    String oldParentId = organization.parentId();
    Transaction tx = writer.begin();
    OrganizationItem stored =
        tx.update(
            OrganizationItem.SCHEMA, OrganizationMapper.item(organization.under(newParent.id())));
    // Bumped, not only checked: a concurrent move inside either chain's subtrees must fail too.
    guarded(moved, newParent)
        .values()
        .forEach(o -> tx.update(OrganizationItem.SCHEMA, OrganizationMapper.item(o)));
    for (ClosureRow row : plan.deletes()) {
      tx.delete(TenancyKeys.closure(row.ancestorId(), row.descendantId()));
    }
    for (ClosureRow row : plan.puts()) {
      tx.put(ClosureItem.SCHEMA, ClosureItem.of(row.ancestorId(), row.descendantId(), row.depth()));
    }
    Map<String, String> details = Map.of("from", oldParentId, "to", newParent.id());
    String target = target(organization);
    audit.record(tx, change.audit(), organization.id(), "organization.moved", target, details);
    audit.record(tx, change.audit(), oldParentId, "organization.moved_out", target, details);
    audit.record(tx, change.audit(), newParent.id(), "organization.moved_in", target, details);
    outbox.addAll(tx, change.events());
    tx.commit();
    return OrganizationMapper.organization(stored);
  }

  /** The organizations below the root on both chains of a move, each once. */
  private static Map<String, Organization> guarded(Branch moved, Branch newParent) {
    Map<String, Organization> guarded = new LinkedHashMap<>();
    List<Organization> chains = new ArrayList<>(moved.ancestors());
    chains.add(newParent.organization());
    chains.addAll(newParent.ancestors());
    for (Organization o : chains) {
      if (!o.isRoot()) {
        guarded.putIfAbsent(o.id(), o);
      }
    }
    guarded.remove(moved.id());
    return guarded;
  }

  @Override
  public Organization delete(
      Organization current, Organization next, boolean cascade, Change change) {
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.update(OrganizationItem.SCHEMA, OrganizationMapper.item(next));
    Map<String, String> details = Map.of("cascade", String.valueOf(cascade));
    audit.record(
        tx, change.audit(), current.id(), "organization.deleted", target(current), details);
    audit.record(
        tx,
        change.audit(),
        current.parentId(),
        "organization.child_deleted",
        target(current),
        details);
    outbox.addAll(tx, change.events());
    tx.commit();
    return OrganizationMapper.organization(stored);
  }

  @Override
  public Organization restore(Organization current, Organization next, Change change) {
    Transaction tx = writer.begin();
    OrganizationItem stored = tx.update(OrganizationItem.SCHEMA, OrganizationMapper.item(next));
    audit.record(
        tx, change.audit(), current.id(), "organization.restored", target(current), Map.of());
    outbox.addAll(tx, change.events());
    tx.commit();
    return OrganizationMapper.organization(stored);
  }

  @Override
  public Page<Organization> children(String orgId, Paging paging) {
    Page<OrganizationItem> page =
        store.query(
            OrganizationItem.SCHEMA,
            paging.applyTo(Query.on(Index.GSI2, OrganizationMapper.childrenPartition(orgId))));
    return new Page<>(
        page.items().stream().map(OrganizationMapper::organization).toList(), page.nextCursor());
  }

  /**
   * One Query on the closure items, then one BatchGetItem; a descendant below a deleted
   * organization is shown {@code inactive}, as authorization treats it.
   */
  @Override
  public Page<Organization> descendants(String orgId, Paging paging) {
    Page<ClosureItem> page =
        store.query(ClosureItem.SCHEMA, paging.applyTo(TenancyKeys.descendants(orgId)));
    List<OrganizationItem> items =
        items(page.items().stream().map(ClosureItem::getDescendantId).toList());
    Map<String, OrganizationItem> known = new HashMap<>();
    items.forEach(i -> known.put(i.getId(), i));
    readParents(items, orgId, known);
    List<Organization> answer = new ArrayList<>();
    for (OrganizationItem item : items) {
      Organization organization = OrganizationMapper.organization(item);
      answer.add(
          item.isActive() && !deletedBetween(item, orgId, known)
              ? organization
              : organization.withStatus(OrganizationStatus.INACTIVE));
    }
    return new Page<>(answer, page.nextCursor());
  }

  /** One Query on GSI1, then one BatchGetItem. */
  @Override
  public Page<Organization> ancestors(String orgId, Paging paging) {
    Page<ClosureItem> page =
        store.query(ClosureItem.SCHEMA, paging.applyTo(TenancyKeys.ancestors(orgId)));
    return new Page<>(
        items(page.items().stream().map(ClosureItem::getAncestorId).toList()).stream()
            .map(OrganizationMapper::organization)
            .toList(),
        page.nextCursor());
  }

  /**
   * Reads, a level at a time with one BatchGetItem each, the parents between {@code topId} and
   * {@code items} that the page does not hold (the tree has four levels: at most two rounds).
   */
  private void readParents(
      List<OrganizationItem> items, String topId, Map<String, OrganizationItem> known) {
    List<OrganizationItem> level = items;
    for (int round = 0; round < MAX_DEPTH; round++) {
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
      level = items(missing);
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
      if (parent == null || !parent.isActive() || hops > MAX_DEPTH) {
        return true;
      }
      parentId = parent.getParentId();
    }
    return false;
  }

  /** The organizations of {@code ids}, in that order (strongly consistent BatchGetItem). */
  private List<OrganizationItem> items(List<String> ids) {
    return store.batchGet(
        OrganizationItem.SCHEMA, ids.stream().map(TenancyKeys::organization).toList());
  }

  /** A version bump that fails if the item changed since read; the root never moves, so not it. */
  private static void bumpBelowRoot(Transaction tx, Organization organization) {
    if (!organization.isRoot()) {
      tx.update(OrganizationItem.SCHEMA, OrganizationMapper.item(organization));
    }
  }

  /** Commits with the change's events; a slug claimed by another organization is taken. */
  private void commit(Transaction tx, Change change, String slug) {
    outbox.addAll(tx, change.events());
    try {
      tx.commit();
    } catch (UniqueConstraintViolationException e) {
      if (SLUG.equals(e.kind())) {
        throw new SlugTakenException(slug);
      }
      throw e;
    }
  }

  private static String target(Organization organization) {
    return "organization:" + organization.id();
  }
}
