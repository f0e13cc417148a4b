package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.Access;
import dev.topgun.organizations.domain.AuditEntry;
import dev.topgun.organizations.domain.Branch;
import dev.topgun.organizations.domain.HierarchyType;
import dev.topgun.organizations.domain.Invitation;
import dev.topgun.organizations.domain.InvitationStatus;
import dev.topgun.organizations.domain.Member;
import dev.topgun.organizations.domain.Organization;
import dev.topgun.organizations.domain.OrganizationStatus;
import dev.topgun.organizations.domain.Profile;
import dev.topgun.shared.audit.AuditEntryItem;
import dev.topgun.shared.store.Keys;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.tenancy.Authorizer.Authorized;
import dev.topgun.shared.tenancy.Lineage;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.OrganizationItem;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Between the domain's records and the table's items, both ways, and from what the one check point
 * read ({@link Authorized}) to the domain's {@link Access}: the only place that knows both shapes.
 */
public final class OrganizationMapper {

  static final String CHILDREN = "CHILDREN";

  private OrganizationMapper() {}

  /** What authorization read and decided, as the domain sees it. */
  public static Access access(Authorized authorized) {
    return new Access(branch(authorized.lineage()), authorized.permissions());
  }

  static Branch branch(Lineage lineage) {
    return new Branch(
        organization(lineage.organization()),
        lineage.ancestors().stream().map(OrganizationMapper::organization).toList());
  }

  static Organization organization(OrganizationItem item) {
    return new Organization(
        item.getId(),
        item.getName(),
        item.getSlug(),
        HierarchyType.from(item.getHierarchyType())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "organization " + item.getId() + " has no known hierarchy type")),
        item.getParentId(),
        OrganizationStatus.from(item.getStatus()).orElse(OrganizationStatus.INACTIVE),
        item.getCreatedAt(),
        item.getDeletedAt() == null ? null : Timestamps.parse(item.getDeletedAt()),
        item.getVersion() == null ? 0 : item.getVersion());
  }

  /** The item of {@code organization}, at the version it was read at (0: a new one). */
  static OrganizationItem item(Organization organization) {
    OrganizationItem item =
        OrganizationItem.of(
            organization.id(),
            organization.name(),
            organization.slug(),
            organization.hierarchyType().value(),
            organization.parentId());
    item.setStatus(organization.status().value());
    item.setDeletedAt(
        organization.deletedAt() == null ? null : Timestamps.format(organization.deletedAt()));
    if (!organization.isRoot()) {
      item.setGsi2pk(childrenPartition(organization.parentId()));
      item.setGsi2sk(Keys.of("ORG", organization.id()));
    }
    if (organization.version() > 0) {
      item.setVersion(organization.version());
      item.setCreatedAt(organization.createdAt());
    }
    return item;
  }

  /** A parent's children, one Query on GSI2. */
  static String childrenPartition(String parentId) {
    return Keys.org(parentId, CHILDREN);
  }

  /** The member of an item, or empty when its role is not one this code knows. */
  static Optional<Member> member(MembershipItem item) {
    return item.toMembership().map(m -> new Member(m, Revision.of(item)));
  }

  static MembershipItem item(Member member) {
    return member.revision().stamp(MembershipItem.of(member.membership()));
  }

  static Profile profile(ProfileItem item) {
    return new Profile(
        item.getUserId(),
        item.getEmail(),
        Boolean.TRUE.equals(item.getEmailVerified()),
        item.getCreatedAt());
  }

  static AuditEntry auditEntry(AuditEntryItem item) {
    return new AuditEntry(
        item.getId(),
        item.getActor(),
        item.getAction(),
        item.getTarget(),
        item.getCreatedAt(),
        item.getSourceIp(),
        item.getRequestId(),
        item.getDetails());
  }

  static Invitation invitation(InvitationItem item) {
    EnumSet<Permission> grants = EnumSet.noneOf(Permission.class);
    if (item.getGrants() != null) {
      item.getGrants().forEach(g -> Permission.from(g).ifPresent(grants::add));
    }
    return new Invitation(
        item.getId(),
        item.tokenHash(),
        item.getOrgId(),
        item.getEmail(),
        Role.from(item.getRole()).orElseThrow(),
        grants,
        item.getInvitedBy(),
        Instant.parse(item.getExpiresAt()),
        InvitationStatus.from(item.getStatus()).orElse(InvitationStatus.ACCEPTED),
        item.getAcceptedBy(),
        Revision.of(item));
  }

  static InvitationItem item(Invitation invitation, Instant removeAfter) {
    InvitationItem item = new InvitationItem();
    var key = InvitationItem.key(invitation.tokenHash());
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setId(invitation.id());
    item.setOrgId(invitation.orgId());
    item.setEmail(invitation.email());
    item.setRole(invitation.role().value());
    item.setGrants(values(invitation.grants()));
    item.setInvitedBy(invitation.invitedBy());
    item.setExpiresAt(Timestamps.format(invitation.expiresAt()));
    item.setStatus(invitation.status().value());
    item.setAcceptedBy(invitation.acceptedBy());
    item.setTtl(removeAfter.getEpochSecond());
    return invitation.revision().stamp(item);
  }

  private static List<String> values(Set<Permission> grants) {
    List<String> values = new ArrayList<>();
    grants.forEach(g -> values.add(g.value()));
    return values.isEmpty() ? null : values;
  }
}
