package dev.topgun.organizations.domain;

import dev.topgun.shared.events.Event;
import dev.topgun.shared.store.ItemKey;
import dev.topgun.shared.store.Page;
import dev.topgun.shared.store.Paging;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.store.VersionConflictException;
import dev.topgun.shared.tenancy.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The domain's ports in memory, for the services' unit tests: a small, faithful fake of the store.
 * Like the table, every write requires what it was decided on to be at the version read (else
 * {@link VersionConflictException} and nothing is written), bumps what it writes, keeps slugs
 * unique, counts owners, and keeps each change's events and audit actions, which only a write that
 * happened has. {@link #beforeNextWrite} lets a test change the tree between a service's read and
 * its write, as a concurrent request would.
 */
final class InMemoryTree implements Organizations, Members {

  final Map<String, Organization> organizations = new LinkedHashMap<>();
  final Map<String, String> slugs = new HashMap<>();
  final Map<String, Member> members = new TreeMap<>();
  final Map<String, Invitation> invitations = new HashMap<>();
  final Map<String, Profile> profiles = new HashMap<>();
  final List<Event> events = new ArrayList<>();
  final List<String> audit = new ArrayList<>();
  int moveCapacity = 90;
  int writes;
  final Invitations invitationStore = new InvitationStore();
  final Profiles profileStore = new ProfileStore();
  final AuditLog auditStore = (orgId, from, to, paging) -> page(List.of(), paging);
  private final List<Runnable> interference = new ArrayList<>();

  /** Runs {@code change} once, just before the next write checks its versions (one per write). */
  void beforeNextWrite(Runnable change) {
    interference.add(change);
  }

  // ---- organizations --------------------------------------------------------------------------

  Organization seed(String id, String slug, HierarchyType type, String parentId) {
    Organization organization =
        new Organization(
            id,
            "Org " + slug,
            slug,
            type,
            parentId,
            OrganizationStatus.ACTIVE,
            "2026-01-01T00:00:00.000Z",
            null,
            1);
    organizations.put(id, organization);
    slugs.put(slug, id);
    return organization;
  }

  /** The tree as a concurrent request changes it: the organization at its next version. */
  void touch(String orgId) {
    Organization o = organizations.get(orgId);
    organizations.put(orgId, at(o, o.version() + 1));
  }

  @Override
  public Optional<Organization> find(String orgId) {
    return Optional.ofNullable(organizations.get(orgId));
  }

  @Override
  public Optional<Branch> branch(String orgId) {
    Organization organization = organizations.get(orgId);
    if (organization == null) {
      return Optional.empty();
    }
    List<Organization> ancestors = new ArrayList<>();
    for (String p = organization.parentId(); p != null; p = organizations.get(p).parentId()) {
      ancestors.add(organizations.get(p));
    }
    return Optional.of(new Branch(organization, ancestors));
  }

  Branch branchOf(String orgId) {
    return branch(orgId).orElseThrow();
  }

  @Override
  public Map<String, Integer> subtree(String orgId) {
    Map<String, Integer> depths = new LinkedHashMap<>();
    for (Organization o : organizations.values()) {
      int depth = 1;
      for (String p = o.parentId(); p != null; p = organizations.get(p).parentId(), depth++) {
        if (p.equals(orgId)) {
          depths.put(o.id(), depth);
          break;
        }
      }
    }
    return depths;
  }

  @Override
  public boolean hasActiveChild(String orgId) {
    return organizations.values().stream()
        .anyMatch(o -> orgId.equals(o.parentId()) && o.isActive());
  }

  @Override
  public Organization create(Branch parent, Organization child, Change change) {
    return write(
        change,
        () -> {
          requireUnchangedIfBelowRoot(parent.organization());
          parent.ancestors().forEach(this::requireUnchangedIfBelowRoot);
          claimSlug(child.slug(), child.id());
          parent.ancestors().forEach(this::bumpBelowRoot);
          bumpBelowRoot(parent.organization());
          Organization stored = at(child, 1);
          organizations.put(child.id(), stored);
          audit.add("organization.created");
          return stored;
        });
  }

  @Override
  public Organization rename(Organization current, Organization next, Change change) {
    return write(
        change,
        () -> {
          requireUnchanged(current);
          if (!next.slug().equals(current.slug())) {
            claimSlug(next.slug(), current.id());
            slugs.remove(current.slug());
          }
          audit.add("organization.updated");
          return put(next);
        });
  }

  @Override
  public int closureRowsPerMove(Branch moved, Branch newParent) {
    return moveCapacity;
  }

  @Override
  public Organization move(Branch moved, Branch newParent, MovePlan plan, Change change) {
    return write(
        change,
        () -> {
          requireUnchanged(moved.organization());
          moved.ancestors().forEach(this::requireUnchangedIfBelowRoot);
          requireUnchangedIfBelowRoot(newParent.organization());
          newParent.ancestors().forEach(this::requireUnchangedIfBelowRoot);
          moved.ancestors().forEach(this::bumpBelowRoot);
          bumpBelowRoot(newParent.organization());
          audit.add("organization.moved");
          return put(moved.organization().under(newParent.id()));
        });
  }

  @Override
  public Organization delete(
      Organization current, Organization next, boolean cascade, Change change) {
    return rewrite(current, next, change, "organization.deleted");
  }

  @Override
  public Organization restore(Organization current, Organization next, Change change) {
    return rewrite(current, next, change, "organization.restored");
  }

  /** Writes {@code next} in place of {@code current}, still at the version read. */
  private Organization rewrite(
      Organization current, Organization next, Change change, String action) {
    return write(
        change,
        () -> {
          requireUnchanged(current);
          audit.add(action);
          return put(next);
        });
  }

  @Override
  public Page<Organization> children(String orgId, Paging paging) {
    return page(
        organizations.values().stream().filter(o -> orgId.equals(o.parentId())).toList(), paging);
  }

  @Override
  public Page<Organization> descendants(String orgId, Paging paging) {
    return page(subtree(orgId).keySet().stream().map(organizations::get).toList(), paging);
  }

  @Override
  public Page<Organization> ancestors(String orgId, Paging paging) {
    return page(branchOf(orgId).ancestors(), paging);
  }

  // ---- members --------------------------------------------------------------------------------

  @Override
  public Page<Member> list(String orgId, Paging paging) {
    return page(members.values().stream().filter(m -> m.orgId().equals(orgId)).toList(), paging);
  }

  @Override
  public Optional<Member> find(String orgId, String userId) {
    return Optional.ofNullable(members.get(orgId + "/" + userId));
  }

  @Override
  public List<String> ownerEmails(String orgId) {
    return members.values().stream()
        .filter(m -> m.orgId().equals(orgId) && m.isOwner())
        .map(Member::email)
        .toList();
  }

  @Override
  public Member add(Member member, Change change) {
    return write(change, () -> addMember(member));
  }

  @Override
  public Member change(Member current, Member next, Change change) {
    return write(
        change,
        () -> {
          requireUnchanged(current);
          if (current.isOwner() && !next.isOwner()) {
            requireAnotherOwner(current.orgId());
          }
          audit.add("member.changed");
          Member stored = bumped(next);
          members.put(key(next), stored);
          return stored;
        });
  }

  @Override
  public void remove(Member current, Change change) {
    write(
        change,
        () -> {
          requireUnchanged(current);
          if (current.isOwner()) {
            requireAnotherOwner(current.orgId());
          }
          members.remove(key(current));
          audit.add("member.removed");
          return current;
        });
  }

  /** The member as a concurrent request changes it: at its next version. */
  void touchMember(String orgId, String userId) {
    members.computeIfPresent(orgId + "/" + userId, (k, m) -> bumped(m));
  }

  Member seedMember(String orgId, String userId, Role role) {
    Member member = Member.of(orgId, userId, role, java.util.Set.of(), userId + "@example.test");
    Member stored = bumped(member);
    members.put(key(member), stored);
    return stored;
  }

  // ---- invitations and profiles ---------------------------------------------------------------

  private final class InvitationStore implements Invitations {

    @Override
    public Optional<Invitation> find(String tokenHash) {
      return Optional.ofNullable(invitations.get(tokenHash));
    }

    @Override
    public Invitation create(Invitation invitation, Change change) {
      return write(
          change,
          () -> {
            Invitation stored = bumped(invitation);
            invitations.put(invitation.tokenHash(), stored);
            audit.add("invitation.created");
            return stored;
          });
    }

    @Override
    public Member accept(Invitation accepted, Member member, Change change) {
      return write(
          change,
          () -> {
            Invitation current = invitations.get(accepted.tokenHash());
            if (current.revision().version() != accepted.revision().version()) {
              throw conflict(accepted.id(), accepted.revision().version());
            }
            Member added = addMember(member);
            invitations.put(accepted.tokenHash(), bumped(accepted));
            return added;
          });
    }
  }

  private final class ProfileStore implements Profiles {

    @Override
    public Optional<Profile> find(String userId) {
      return Optional.ofNullable(profiles.get(userId));
    }

    @Override
    public Profile ensure(String userId, String email, boolean emailVerified) {
      return profiles.computeIfAbsent(
          userId, id -> new Profile(id, email, emailVerified, "2026-01-01T00:00:00.000Z"));
    }

    @Override
    public Page<Member> memberships(String userId, Paging paging) {
      return page(
          members.values().stream().filter(m -> m.userId().equals(userId)).toList(), paging);
    }
  }

  // ---- the write discipline -------------------------------------------------------------------

  /** One atomic write: all of it happens, with its events, or none of it does. */
  private <T> T write(Change change, java.util.function.Supplier<T> apply) {
    if (!interference.isEmpty()) {
      interference.remove(0).run();
    }
    Map<String, Organization> organizationsBefore = new LinkedHashMap<>(organizations);
    Map<String, String> slugsBefore = new HashMap<>(slugs);
    Map<String, Member> membersBefore = new TreeMap<>(members);
    int auditBefore = audit.size();
    try {
      T result = apply.get();
      events.addAll(change.events());
      writes++;
      return result;
    } catch (RuntimeException e) {
      organizations.clear();
      organizations.putAll(organizationsBefore);
      slugs.clear();
      slugs.putAll(slugsBefore);
      members.clear();
      members.putAll(membersBefore);
      audit.subList(auditBefore, audit.size()).clear();
      throw e;
    }
  }

  private Member addMember(Member member) {
    if (members.containsKey(key(member))) {
      throw TreeRuleException.conflict(TreeRuleException.ALREADY_MEMBER, "already a member");
    }
    Member stored = bumped(member);
    members.put(key(member), stored);
    audit.add("member.added");
    return stored;
  }

  private void requireAnotherOwner(String orgId) {
    if (ownerEmails(orgId).size() < 2) {
      throw TreeRuleException.conflict(TreeRuleException.LAST_OWNER, "the last owner stays");
    }
  }

  private void claimSlug(String slug, String id) {
    String holder = slugs.get(slug);
    if (holder != null && !holder.equals(id)) {
      throw new SlugTakenException(slug);
    }
    slugs.put(slug, id);
  }

  private void requireUnchangedIfBelowRoot(Organization read) {
    if (!read.isRoot()) {
      requireUnchanged(read);
    }
  }

  private void requireUnchanged(Organization read) {
    Organization stored = organizations.get(read.id());
    if (stored == null || stored.version() != read.version()) {
      throw conflict(read.id(), read.version());
    }
  }

  private void requireUnchanged(Member read) {
    Member stored = members.get(key(read));
    if (stored == null || stored.revision().version() != read.revision().version()) {
      throw conflict(key(read), read.revision().version());
    }
  }

  private void bumpBelowRoot(Organization organization) {
    if (!organization.isRoot()) {
      put(organization);
    }
  }

  /** Stores {@code next} at the version after the stored one. */
  private Organization put(Organization next) {
    Organization stored = organizations.get(next.id());
    Organization written = at(next, stored.version() + 1);
    organizations.put(next.id(), written);
    return written;
  }

  private static Organization at(Organization o, long version) {
    return new Organization(
        o.id(),
        o.name(),
        o.slug(),
        o.hierarchyType(),
        o.parentId(),
        o.status(),
        o.createdAt() == null ? "2026-01-02T00:00:00.000Z" : o.createdAt(),
        o.deletedAt(),
        version);
  }

  private static Member bumped(Member member) {
    return new Member(member.membership(), next(member.revision()));
  }

  private static Invitation bumped(Invitation i) {
    return new Invitation(
        i.id(),
        i.tokenHash(),
        i.orgId(),
        i.email(),
        i.role(),
        i.grants(),
        i.invitedBy(),
        i.expiresAt(),
        i.status(),
        i.acceptedBy(),
        next(i.revision()));
  }

  private static Revision next(Revision revision) {
    return new Revision(
        revision.version() + 1,
        revision.createdAt() == null ? "2026-01-02T00:00:00.000Z" : revision.createdAt());
  }

  private static String key(Member member) {
    return member.orgId() + "/" + member.userId();
  }

  private static VersionConflictException conflict(String id, long expected) {
    return new VersionConflictException(new ItemKey("FAKE#" + id, "FAKE"), expected, null);
  }

  private static <T> Page<T> page(List<T> items, Paging paging) {
    return new Page<>(items.stream().limit(paging.limit()).toList(), null);
  }
}
