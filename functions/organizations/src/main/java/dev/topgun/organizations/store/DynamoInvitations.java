package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.Change;
import dev.topgun.organizations.domain.Invitation;
import dev.topgun.organizations.domain.Invitations;
import dev.topgun.organizations.domain.Member;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.events.Outbox;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Invitation items, keyed by the SHA-256 of the token; the table's {@code ttl} removes one {@link
 * #KEPT_AFTER_EXPIRY} after it expires (until then an expired one answers 410, not 404).
 */
@Singleton
public class DynamoInvitations implements Invitations {

  static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final DynamoMembers members;
  private final AuditTrail audit;
  private final Outbox outbox;

  public DynamoInvitations(
      SingleTableStore store,
      TransactionalWriter writer,
      DynamoMembers members,
      AuditTrail audit,
      Outbox outbox) {
    this.store = store;
    this.writer = writer;
    this.members = members;
    this.audit = audit;
    this.outbox = outbox;
  }

  @Override
  public Optional<Invitation> find(String tokenHash) {
    return store
        .get(InvitationItem.SCHEMA, InvitationItem.key(tokenHash))
        .map(OrganizationMapper::invitation);
  }

  @Override
  public Invitation create(Invitation invitation, Change change) {
    Transaction tx = writer.begin();
    InvitationItem stored = tx.create(InvitationItem.SCHEMA, item(invitation));
    audit.record(
        tx,
        change.audit(),
        invitation.orgId(),
        "invitation.created",
        "invitation:" + invitation.id(),
        Map.of("role", invitation.role().value()));
    outbox.addAll(tx, change.events());
    tx.commit();
    return OrganizationMapper.invitation(stored);
  }

  @Override
  public Member accept(Invitation accepted, Member member, Change change) {
    Transaction tx = writer.begin();
    tx.update(InvitationItem.SCHEMA, item(accepted));
    Member added = members.add(tx, member, change);
    outbox.addAll(tx, change.events());
    DynamoMembers.commitNew(tx);
    return added;
  }

  private static InvitationItem item(Invitation invitation) {
    return OrganizationMapper.item(invitation, invitation.expiresAt().plus(KEPT_AFTER_EXPIRY));
  }
}
