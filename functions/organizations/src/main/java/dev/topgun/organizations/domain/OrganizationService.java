package dev.topgun.organizations.domain;

import dev.topgun.organizations.events.OrganizationEvents;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rules of the organization tree: creating a child (its type strictly below its parent's, one
 * {@code max_child_organizations} of its pool), renaming, moving (never under itself, never across
 * the type order, never the root; its share of the pool goes with it), deleting (not the root, not
 * over active children without {@code cascade}) and restoring (within {@link #RESTORE_WINDOW},
 * never below a deleted ancestor).
 *
 * <p>Each change takes the request's authorization as a {@link Supplier} and runs it again whenever
 * another request changed what it read meanwhile (a version conflict, see {@link Organizations}):
 * the retry reads, authorizes and decides afresh.
 */
public final class OrganizationService {

  /** How long a deleted organization may be restored. */
  public static final Duration RESTORE_WINDOW = Duration.ofDays(30);

  private final Organizations organizations;
  private final Pools pools;
  private final AuditLog auditLog;
  private final Clock clock;

  public OrganizationService(
      Organizations organizations, Pools pools, AuditLog auditLog, Clock clock) {
    this.organizations = organizations;
    this.pools = pools;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  /** A child of the authorized parent, drawing one {@code max_child_organizations}. */
  public Organization createChild(
      Supplier<Access> parentAccess, NewOrganization child, AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Branch parent = parentAccess.get().branch();
          parent.organization().hierarchyType().requireChild(child.hierarchyType());
          Organization draft = Organization.draft(Ids.newId(), child, parent.id());
          Change change =
              Change.by(audit)
                  .with(Facts.organization(OrganizationEvents.CREATED, draft, audit.actor()));
          return pools.reserving(
              parent,
              Limit.MAX_CHILD_ORGANIZATIONS,
              1,
              crossed -> organizations.create(parent, draft, change.withCrossings(crossed)));
        });
  }

  /**
   * Renames the organization and/or changes its slug ({@code null}: unchanged). Nothing to change
   * writes nothing and reports nothing.
   */
  public Organization rename(
      Supplier<Access> access, String name, String slug, AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Organization current = access.get().organization();
          String newName = name == null || name.equals(current.name()) ? null : name;
          String newSlug = slug == null || slug.equals(current.slug()) ? null : slug;
          if (newName == null && newSlug == null) {
            return current;
          }
          Organization next = current.renamed(newName, newSlug);
          return organizations.rename(
              current,
              next,
              Change.by(audit)
                  .with(Facts.organization(OrganizationEvents.UPDATED, next, audit.actor())));
        });
  }

  /** What a move did: the organization after it, and the parent it left. */
  public record Moved(Organization organization, String fromParentId) {

    public boolean changedParent() {
      return !fromParentId.equals(organization.parentId());
    }
  }

  /** Moves the organization, with its subtree, under {@code checks.destination()}. */
  public Moved move(MoveChecks checks, AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Branch moved = checks.organization().branch();
          Organization organization = moved.organization();
          if (organization.isRoot()) {
            throw TreeRuleException.conflict(
                TreeRuleException.ROOT, "The root organization does not move.");
          }
          String fromParentId = organization.parentId();
          checks.mayTakeFrom(fromParentId);
          Branch newParent = checks.destination().branch();
          if (fromParentId.equals(newParent.id())) {
            return new Moved(organization, fromParentId);
          }
          requireMayMoveUnder(organization, newParent);
          MovePlan plan = plan(moved, newParent);
          Change change =
              Change.by(audit)
                  .with(
                      Facts.moved(organization.id(), fromParentId, newParent.id(), audit.actor()));
          Organization after =
              pools.moving(
                  moved,
                  newParent,
                  crossed ->
                      organizations.move(moved, newParent, plan, change.withCrossings(crossed)));
          return new Moved(after, fromParentId);
        });
  }

  private static void requireMayMoveUnder(Organization organization, Branch newParent) {
    if (newParent.chainIds().contains(organization.id())) {
      throw TreeRuleException.conflict(
          TreeRuleException.MOVE_INTO_OWN_SUBTREE,
          "An organization cannot move under itself or one of its own descendants.");
    }
    HierarchyType type = organization.hierarchyType();
    HierarchyType parentType = newParent.organization().hierarchyType();
    if (!parentType.mayParent(type)) {
      throw TreeRuleException.conflict(
          TreeRuleException.HIERARCHY,
          "A " + type.value() + " organization cannot be under a " + parentType.value() + " one.");
    }
  }

  /**
   * The closure rows the move rewrites, if one atomic write holds them: a larger subtree would move
   * in several steps that others could see half done, so it is refused instead.
   */
  private MovePlan plan(Branch moved, Branch newParent) {
    Map<String, Integer> subtree = organizations.subtree(moved.id());
    MovePlan plan = MovePlan.of(moved.id(), subtree, moved.ancestorIds(), newParent.chainIds());
    int capacity = organizations.closureRowsPerMove(moved, newParent);
    if (plan.size() > capacity) {
      throw TreeRuleException.conflict(
          TreeRuleException.MOVE_TOO_LARGE,
          "Moving this organization rewrites "
              + plan.size()
              + " links of the tree and one consistent step holds at most "
              + capacity
              + ": its subtree has "
              + subtree.size()
              + " organizations. Move parts of its subtree first.");
    }
    return plan;
  }

  /**
   * Deletes the organization: one write, which its whole subtree inherits. Without {@code cascade}
   * it is refused while an active child exists.
   */
  public Organization delete(Supplier<Access> access, boolean cascade, AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Organization current = access.get().organization();
          if (current.isRoot()) {
            throw TreeRuleException.conflict(
                TreeRuleException.ROOT, "The root organization is not deleted.");
          }
          if (!cascade && organizations.hasActiveChild(current.id())) {
            throw TreeRuleException.conflict(
                TreeRuleException.HAS_ACTIVE_CHILDREN,
                "The organization has active children: delete them first, or delete with"
                    + " cascade=true.");
          }
          Organization next = current.deleted(clock.instant());
          return organizations.delete(
              current,
              next,
              cascade,
              Change.by(audit)
                  .with(Facts.organization(OrganizationEvents.DELETED, next, audit.actor())));
        });
  }

  /** Brings a deleted organization, and the subtree it took down, back. */
  public Organization restore(Supplier<Access> access, AuditContext audit) {
    return Conflicts.retry(
        () -> {
          Branch branch = access.get().branch();
          Organization current = branch.organization();
          if (!branch.ancestorsActive()) {
            throw TreeRuleException.conflict(
                TreeRuleException.ANCESTOR_DELETED,
                "An ancestor of the organization is deleted: restore the ancestor instead.");
          }
          if (current.isActive()) {
            throw TreeRuleException.conflict(
                TreeRuleException.NOT_DELETED, "The organization is not deleted.");
          }
          Instant deletedAt = current.deletedAt() == null ? Instant.EPOCH : current.deletedAt();
          if (clock.instant().isAfter(deletedAt.plus(RESTORE_WINDOW))) {
            throw TreeRuleException.gone(
                TreeRuleException.RESTORE_WINDOW_PASSED,
                "The organization was deleted more than 30 days ago and can no longer be"
                    + " restored.");
          }
          Organization next = current.restored();
          return organizations.restore(
              current,
              next,
              Change.by(audit)
                  .with(Facts.organization(OrganizationEvents.RESTORED, next, audit.actor())));
        });
  }

  public Page<Organization> children(String orgId, Paging paging) {
    return organizations.children(orgId, paging);
  }

  public Page<Organization> descendants(String orgId, Paging paging) {
    return organizations.descendants(orgId, paging);
  }

  public Page<Organization> ancestors(String orgId, Paging paging) {
    return organizations.ancestors(orgId, paging);
  }

  /** The entries from {@code from} to {@code to} (inclusive; null: open), newest first. */
  public Page<AuditEntry> audit(String orgId, Instant from, Instant to, Paging paging) {
    return auditLog.list(orgId, from, to, paging);
  }
}
