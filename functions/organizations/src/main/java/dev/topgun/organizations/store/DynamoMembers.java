package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.Change;
import dev.topgun.organizations.domain.Member;
import dev.topgun.organizations.domain.Members;
import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.store.ItemAlreadyExistsException;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.tenancy.TenancyKeys;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Membership items and the owners counter of an organization ({@code PK=ORG#<orgId>,
 * SK=COUNTER#members}, counter {@code owners}). Every write that makes or unmakes an owner moves
 * the counter in the same transaction, conditionally: so two owners demoting each other at once
 * cannot both succeed, and the last owner always stays.
 */
@Singleton
public class DynamoMembers implements Members {

  /** No practical limit on owners; the counter exists for the floor, not a ceiling. */
  private static final long MAX_OWNERS = Integer.MAX_VALUE;

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final AuditTrail audit;
  private final Outbox outbox;

  public DynamoMembers(
      SingleTableStore store, TransactionalWriter writer, AuditTrail audit, Outbox outbox) {
    this.store = store;
    this.writer = writer;
    this.audit = audit;
    this.outbox = outbox;
  }

  @Override
  public Page<Member> list(String orgId, Paging paging) {
    Page<MembershipItem> page =
        store.query(MembershipItem.SCHEMA, paging.applyTo(TenancyKeys.members(orgId)));
    return new Page<>(members(page.items()), page.nextCursor());
  }

  @Override
  public Optional<Member> find(String orgId, String userId) {
    return store
        .get(MembershipItem.SCHEMA, TenancyKeys.membership(orgId, userId))
        .flatMap(OrganizationMapper::member);
  }

  @Override
  public List<String> ownerEmails(String orgId) {
    List<String> owners = new ArrayList<>();
    store.forEach(
        MembershipItem.SCHEMA,
        TenancyKeys.members(orgId),
        item ->
            OrganizationMapper.member(item)
                .filter(Member::isOwner)
                .map(Member::email)
                .ifPresent(owners::add));
    return owners;
  }

  @Override
  public Member add(Member member, Change change) {
    Transaction tx = writer.begin();
    Member added = add(tx, member, change);
    outbox.addAll(tx, change.events());
    commitNew(tx);
    return added;
  }

  /** Adds the membership's writes to {@code tx} (for invitations, which write more). */
  Member add(Transaction tx, Member member, Change change) {
    MembershipItem stored = tx.create(MembershipItem.SCHEMA, OrganizationMapper.item(member));
    if (member.isOwner()) {
      tx.reserve(TenancyKeys.counters(member.orgId()), TenancyKeys.OWNERS, 1, MAX_OWNERS);
    }
    audit.record(
        tx,
        change.audit(),
        member.orgId(),
        "member.added",
        target(member),
        details(member.role(), member.grants()));
    return OrganizationMapper.member(stored).orElseThrow();
  }

  @Override
  public Member change(Member current, Member next, Change change) {
    Transaction tx = writer.begin();
    MembershipItem stored = tx.update(MembershipItem.SCHEMA, OrganizationMapper.item(next));
    if (current.isOwner() && !next.isOwner()) {
      releaseOwner(tx, current.orgId());
    } else if (!current.isOwner() && next.isOwner()) {
      tx.reserve(TenancyKeys.counters(current.orgId()), TenancyKeys.OWNERS, 1, MAX_OWNERS);
    }
    audit.record(
        tx,
        change.audit(),
        current.orgId(),
        "member.changed",
        target(current),
        details(next.role(), next.grants()));
    outbox.addAll(tx, change.events());
    tx.commit();
    return OrganizationMapper.member(stored).orElseThrow();
  }

  @Override
  public void remove(Member current, Change change) {
    Transaction tx = writer.begin();
    tx.delete(OrganizationMapper.item(current));
    if (current.isOwner()) {
      releaseOwner(tx, current.orgId());
    }
    audit.record(
        tx,
        change.audit(),
        current.orgId(),
        "member.removed",
        target(current),
        Map.of("role", current.role().value()));
    outbox.addAll(tx, change.events());
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

  private static List<Member> members(List<MembershipItem> items) {
    List<Member> members = new ArrayList<>();
    items.forEach(item -> OrganizationMapper.member(item).ifPresent(members::add));
    return members;
  }

  /** A user's memberships across organizations (GSI1), for {@link DynamoProfiles}. */
  Page<Member> memberships(String userId, Paging paging) {
    Page<MembershipItem> page =
        store.query(MembershipItem.SCHEMA, paging.applyTo(TenancyKeys.memberships(userId)));
    return new Page<>(members(page.items()), page.nextCursor());
  }

  private static String target(Member member) {
    return "member:" + member.userId();
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
