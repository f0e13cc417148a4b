package dev.topgun.organizations.domain;

import dev.topgun.organizations.events.InvitationCreatedV1;
import dev.topgun.organizations.events.MemberChangedV1;
import dev.topgun.organizations.events.OrganizationChangedV1;
import dev.topgun.organizations.events.OrganizationEvents;
import dev.topgun.organizations.events.OrganizationMovedV1;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.tenancy.Permission;

/** The published facts of the domain's changes, in their versioned contracts ({@code events}). */
final class Facts {

  private Facts() {}

  /** {@code name} ({@link OrganizationEvents#CREATED}, …) about {@code after}, by {@code actor}. */
  static Event organization(String name, Organization after, String actor) {
    return OrganizationEvents.organization(
        name,
        new OrganizationChangedV1(
            after.id(),
            after.name(),
            after.slug(),
            after.hierarchyType().value(),
            after.parentId(),
            after.status().value(),
            actor));
  }

  static Event moved(String id, String fromParentId, String toParentId, String actor) {
    return OrganizationEvents.moved(new OrganizationMovedV1(id, fromParentId, toParentId, actor));
  }

  /** {@code name} ({@link OrganizationEvents#MEMBER_ADDED}, …) about {@code member}. */
  static Event member(String name, Member member, String actor) {
    return OrganizationEvents.member(
        name,
        new MemberChangedV1(
            member.orgId(),
            member.userId(),
            member.role().value(),
            member.grants().stream().map(Permission::value).sorted().toList(),
            actor));
  }

  static Event invitationCreated(Invitation invitation, String actor) {
    return OrganizationEvents.invitationCreated(
        new InvitationCreatedV1(
            invitation.id(),
            invitation.orgId(),
            invitation.email(),
            invitation.role().value(),
            actor));
  }
}
