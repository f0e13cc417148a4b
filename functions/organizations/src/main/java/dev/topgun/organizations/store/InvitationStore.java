package dev.topgun.organizations.store;

import dev.topgun.organizations.domain.TreeRuleException;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.audit.AuditTrail;
import dev.topgun.shared.ids.Ids;
import dev.topgun.shared.store.BaseItem;
import dev.topgun.shared.store.SingleTableStore;
import dev.topgun.shared.store.Transaction;
import dev.topgun.shared.store.TransactionalWriter;
import dev.topgun.shared.tenancy.Membership;
import dev.topgun.shared.tenancy.MembershipItem;
import dev.topgun.shared.tenancy.Permission;
import dev.topgun.shared.tenancy.Role;
import dev.topgun.shared.time.Timestamps;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Invitations: a random 256-bit token, mailed to the invitee and stored only as its SHA-256; single
 * use (accepting flips it to {@code accepted} in the same transaction that adds the membership) and
 * valid {@link #VALIDITY}.
 */
@Singleton
public class InvitationStore {

  public static final Duration VALIDITY = Duration.ofDays(7);

  /**
   * How long an expired invitation stays readable (to answer 410, not 404) before ttl removes it.
   */
  static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(30);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;

  private final SingleTableStore store;
  private final TransactionalWriter writer;
  private final MemberStore members;
  private final AuditTrail audit;
  private final Clock clock;

  public InvitationStore(
      SingleTableStore store,
      TransactionalWriter writer,
      MemberStore members,
      AuditTrail audit,
      Clock clock) {
    this.store = store;
    this.writer = writer;
    this.members = members;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new invitation and its token (which is nowhere else). */
  public record Created(InvitationItem invitation, String token) {}

  /**
   * A new invitation, not stored yet: mail its token first, then {@link #store} it, so that a mail
   * server refusing the message leaves nothing behind (and a failed store at worst a dead link).
   */
  public Created prepare(
      String orgId, String email, Role role, Set<Permission> grants, String invitedBy) {
    byte[] random = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant expires = clock.instant().plus(VALIDITY);
    InvitationItem item = new InvitationItem();
    var key = InvitationItem.key(hash(token));
    item.setPk(key.pk());
    item.setSk(key.sk());
    item.setId(Ids.newId());
    item.setOrgId(orgId);
    item.setEmail(email.toLowerCase(Locale.ROOT));
    item.setRole(role.value());
    List<String> grantValues = new ArrayList<>();
    grants.forEach(g -> grantValues.add(g.value()));
    item.setGrants(grantValues.isEmpty() ? null : grantValues);
    item.setInvitedBy(invitedBy);
    item.setExpiresAt(Timestamps.format(expires));
    item.setStatus(InvitationItem.PENDING);
    item.setTtl(expires.plus(KEPT_AFTER_EXPIRY).getEpochSecond());
    return new Created(item, token);
  }

  /** Stores a prepared invitation with its audit entry. */
  public InvitationItem store(Created created, AuditContext context) {
    InvitationItem item = created.invitation();
    Transaction tx = writer.begin();
    InvitationItem stored = tx.create(InvitationItem.SCHEMA, item);
    audit.record(
        tx,
        context,
        item.getOrgId(),
        "invitation.created",
        "invitation:" + item.getId(),
        Map.of("role", item.getRole()));
    tx.commit();
    return stored;
  }

  /** The invitation of a token, if the token is one. */
  public Optional<InvitationItem> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 128) {
      return Optional.empty();
    }
    return store.get(InvitationItem.SCHEMA, InvitationItem.key(hash(token)));
  }

  /**
   * Accepts the invitation for {@code userId}: the invitation becomes {@code accepted} and the
   * membership is created, together.
   *
   * @throws TreeRuleException used already, expired (gone), or already a member
   * @throws dev.topgun.shared.store.VersionConflictException accepted concurrently
   */
  public MembershipItem accept(InvitationItem invitation, String userId, AuditContext context) {
    if (!InvitationItem.PENDING.equals(invitation.getStatus())) {
      throw TreeRuleException.conflict(
          TreeRuleException.INVITATION_USED, "The invitation has been used already.");
    }
    if (!clock.instant().isBefore(Instant.parse(invitation.getExpiresAt()))) {
      throw TreeRuleException.gone(
          TreeRuleException.INVITATION_EXPIRED, "The invitation expired; ask for a new one.");
    }
    Role role = Role.from(invitation.getRole()).orElseThrow();
    EnumSet<Permission> grants = EnumSet.noneOf(Permission.class);
    if (invitation.getGrants() != null) {
      invitation.getGrants().forEach(g -> Permission.from(g).ifPresent(grants::add));
    }
    InvitationItem accepted = BaseItem.copyOf(InvitationItem.SCHEMA, invitation);
    accepted.setStatus(InvitationItem.ACCEPTED);
    accepted.setAcceptedBy(userId);
    Transaction tx = writer.begin();
    tx.update(InvitationItem.SCHEMA, accepted);
    MembershipItem member =
        members.add(
            tx,
            new Membership(invitation.getOrgId(), userId, role, grants, invitation.getEmail()),
            context);
    MemberStore.commitNew(tx);
    return member;
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
