package dev.topgun.organizations.domain;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The services' unit tests' world: the ports in memory ({@link InMemoryTree}, {@link FakePools},
 * {@link RecordingMailbox}) holding a small tree — {@code root (top_branch) > reseller
 * (master_branch) > agency (sub_user) > customer (end_user)}, and {@code other (master_branch)} — a
 * fixed clock, and the services over them.
 */
final class Scenario {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final AuditContext AUDIT = new AuditContext("actor-sub", "203.0.113.7", "req-1");

  final InMemoryTree tree = new InMemoryTree();
  final FakePools pools = new FakePools();
  final RecordingMailbox mailbox = new RecordingMailbox();
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final OrganizationService organizations =
      new OrganizationService(tree, pools, tree.auditStore, clock);
  final MemberService members = new MemberService(tree, tree.profileStore, pools);
  final InvitationService invitations =
      new InvitationService(tree.invitationStore, tree, tree.profileStore, pools, mailbox, clock);
  final OwnerNotices notices = new OwnerNotices(tree, tree, mailbox);

  final String root = "root";
  final String reseller = "reseller";
  final String agency = "agency";
  final String customer = "customer";
  final String other = "other";

  Scenario() {
    tree.seed(root, "operator", HierarchyType.TOP_BRANCH, null);
    tree.seed(reseller, "reseller", HierarchyType.MASTER_BRANCH, root);
    tree.seed(agency, "agency", HierarchyType.SUB_USER, reseller);
    tree.seed(customer, "customer", HierarchyType.END_USER, agency);
    tree.seed(other, "other", HierarchyType.MASTER_BRANCH, root);
  }

  /** An owner's authorization on {@code orgId}, read afresh each time it is asked for. */
  Supplier<Access> owner(String orgId) {
    return () -> as(orgId, Role.OWNER.permissions());
  }

  /** An admin's. */
  Supplier<Access> admin(String orgId) {
    return () -> as(orgId, Role.ADMIN.permissions());
  }

  Access as(String orgId, Set<Permission> permissions) {
    return new Access(tree.branchOf(orgId), permissions);
  }

  /** A move checked as the operator's (every check passes), reading the tree each time. */
  MoveChecks moveByOperator(String orgId, String newParentId) {
    return new MoveChecks() {
      @Override
      public Access organization() {
        return owner(orgId).get();
      }

      @Override
      public void mayTakeFrom(String parentId) {}

      @Override
      public Access destination() {
        return owner(newParentId).get();
      }
    };
  }

  List<String> eventNames() {
    return tree.events.stream().map(Event::name).toList();
  }
}
