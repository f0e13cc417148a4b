package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Query;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.TenancyKeys;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Membership items and the owners counter of an organization ({@code PK=ORG#<orgId>, SK=COUNTERS},
 * counter {@code owners}). Every write that makes or unmakes an owner moves the counter in the same
 * transaction, conditionally: so two owners demoting each other at once cannot both succeed, and
 * the last owner always stays.
 */
@Singleton
public class MemberStore {

  /** No practical limit on owners; the counter exists for the floor, not a ceiling. */
  private static final long MAX_OWNERS = Integer.MAX_VALUE;

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;

  public MemberStore(SingleTableStore store, TransactionalWriter writer, AuditTrail audit) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
  }

  /** One page of the organization's members (one Query), in user id order. */
  public Page<MembershipItem> list(String orgId, int limit, String cursor) {
    Query query = TenancyKeys.members(orgId).limit(limit);
    return store.query(MembershipItem.SCHEMA, cursor == null ? query : query.after(cursor));
  }

  /** Every member of the organization, in user id order. */
  public void forEach(String orgId, Consumer<MembershipItem> each) {
    store.forEach(MembershipItem.SCHEMA, TenancyKeys.members(orgId), each);
  }

  /** A member, read strongly consistently. */
  public Optional<MembershipItem> find(String orgId, String userId) {
    return store.get(MembershipItem.SCHEMA, TenancyKeys.membership(orgId, userId));
  }

  /**
   * Adds a membership.
   *
   * @throws TreeRuleException the user already is a member
   */
  public MembershipItem add(Membership membership, AuditContext context) {
    Transaction tx = writer.begin();
    MembershipItem stored = add(tx, membership, context);
    commitNew(tx);
    return stored;
  }

  /** Adds the membership's writes to {@code tx} (for invitations, which write more). */
  MembershipItem add(Transaction tx, Membership membership, AuditContext context) {
    MembershipItem stored = tx.create(MembershipItem.SCHEMA, MembershipItem.of(membership));
    if (membership.role() == Role.OWNER) {
      tx.reserve(TenancyKeys.counters(membership.orgId()), TenancyKeys.OWNERS, 1, MAX_OWNERS);
    }
    audit.record(
        tx,
        context,
        membership.orgId(),
        "member.added",
        "member:" + membership.userId(),
        details(membership.role(), membership.grants()));
    return stored;
  }

  /**
   * Changes a member's role and grants.
   *
   * @throws TreeRuleException demoting the last owner
   */
  public MembershipItem change(
      MembershipItem current, Role role, Set<Permission> grants, AuditContext context) {
    Membership before = current.toMembership().orElseThrow();
    Membership after =
        new Membership(before.orgId(), before.userId(), role, grants, before.email());
    MembershipItem next = MembershipItem.of(after);
    next.setVersion(current.getVersion());
    next.setCreatedAt(current.getCreatedAt());
    Transaction tx = writer.begin();
    MembershipItem stored = tx.update(MembershipItem.SCHEMA, next);
    if (before.role() == Role.OWNER && role != Role.OWNER) {
      releaseOwner(tx, before.orgId());
    } else if (before.role() != Role.OWNER && role == Role.OWNER) {
      tx.reserve(TenancyKeys.counters(before.orgId()), TenancyKeys.OWNERS, 1, MAX_OWNERS);
    }
    audit.record(
        tx,
        context,
        before.orgId(),
        "member.changed",
        "member:" + before.userId(),
        details(role, grants));
    tx.commit();
    return stored;
  }

  /**
   * Removes a member.
   *
   * @throws TreeRuleException removing the last owner
   */
  public void remove(MembershipItem current, AuditContext context) {
    Membership member = current.toMembership().orElseThrow();
    Transaction tx = writer.begin();
    tx.delete(current);
    if (member.role() == Role.OWNER) {
      releaseOwner(tx, member.orgId());
    }
    audit.record(
        tx,
        context,
        member.orgId(),
        "member.removed",
        "member:" + member.userId(),
        Map.of("role", member.role().value()));
    tx.commit();
  }

  /** Commits a transaction that creates a membership: an existing one is {@code already_member}. */
  static void commitNew(Transaction tx) {
    try {
      tx.commit();
    } catch (ItemAlreadyExistsException e) {
      throw TreeRuleException.conflict(
          TreeRuleException.ALREADY_MEMBER, "The user already is a member of the organization.");
    }
  }

  private static void releaseOwner(Transaction tx, String orgId) {
    tx.releaseCounterAbove(
        TenancyKeys.counters(orgId),
        TenancyKeys.OWNERS,
        1,
        1,
        () ->
            TreeRuleException.conflict(
                TreeRuleException.LAST_OWNER,
                "The organization's last owner cannot be removed or demoted: make another member"
                    + " owner first."));
  }

  private static Map<String, String> details(Role role, Set<Permission> grants) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("role", role.value());
    if (grants != null && !grants.isEmpty()) {
      Set<String> values = new TreeSet<>();
      grants.forEach(g -> values.add(g.value()));
      details.put("permissions", String.join(",", values));
    }
    return details;
  }
}
