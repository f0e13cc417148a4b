package dev.topgun.organizations.events;

import dev.topgun.shared.events.Event;

/**
 * The events organizations publishes (source {@code topgun.organizations}), each version 1, with
 * the {@code organizationId} of the envelope the organization the fact is about.
 */
public final class OrganizationEvents {

  public static final String CREATED = "OrganizationCreated";
  public static final String UPDATED = "OrganizationUpdated";
  public static final String DELETED = "OrganizationDeleted";
  public static final String RESTORED = "OrganizationRestored";
  public static final String MOVED = "OrganizationMoved";
  public static final String MEMBER_ADDED = "MemberAdded";
  public static final String MEMBER_UPDATED = "MemberUpdated";
  public static final String MEMBER_REMOVED = "MemberRemoved";
  public static final String INVITATION_CREATED = "InvitationCreated";

  private OrganizationEvents() {}

  /** {@code name} (one of the four organization facts) about the organization in {@code data}. */
  public static Event organization(String name, OrganizationChangedV1 data) {
    return Event.of(name, data.id(), data);
  }

  public static Event moved(OrganizationMovedV1 data) {
    return Event.of(MOVED, data.id(), data);
  }

  /** {@code name} (one of the three member facts) about the membership in {@code data}. */
  public static Event member(String name, MemberChangedV1 data) {
    return Event.of(name, data.organizationId(), data);
  }

  public static Event invitationCreated(InvitationCreatedV1 data) {
    return Event.of(INVITATION_CREATED, data.organizationId(), data);
  }
}
