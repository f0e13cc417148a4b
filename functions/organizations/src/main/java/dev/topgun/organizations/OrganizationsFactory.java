package dev.topgun.organizations;

import dev.topgun.organizations.domain.AuditLog;
import dev.topgun.organizations.domain.InvitationService;
import dev.topgun.organizations.domain.Invitations;
import dev.topgun.organizations.domain.Mailbox;
import dev.topgun.organizations.domain.MemberService;
import dev.topgun.organizations.domain.Members;
import dev.topgun.organizations.domain.OrganizationService;
import dev.topgun.organizations.domain.Organizations;
import dev.topgun.organizations.domain.OwnerNotices;
import dev.topgun.organizations.domain.Pools;
import dev.topgun.organizations.domain.ProfileService;
import dev.topgun.organizations.domain.Profiles;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java domain services to the adapters (ports) Micronaut provides. */
@Factory
public class OrganizationsFactory {

  @Singleton
  OrganizationService organizationService(
      Organizations organizations, Pools pools, AuditLog auditLog, Clock clock) {
    return new OrganizationService(organizations, pools, auditLog, clock);
  }

  @Singleton
  MemberService memberService(Members members, Profiles profiles, Pools pools) {
    return new MemberService(members, profiles, pools);
  }

  @Singleton
  InvitationService invitationService(
      Invitations invitations,
      Organizations organizations,
      Profiles profiles,
      Pools pools,
      Mailbox mailbox,
      Clock clock) {
    return new InvitationService(invitations, organizations, profiles, pools, mailbox, clock);
  }

  @Singleton
  ProfileService profileService(Profiles profiles, Organizations organizations) {
    return new ProfileService(profiles, organizations);
  }

  @Singleton
  OwnerNotices ownerNotices(Members members, Organizations organizations, Mailbox mailbox) {
    return new OwnerNotices(members, organizations, mailbox);
  }
}
