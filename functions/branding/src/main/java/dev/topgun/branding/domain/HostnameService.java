package dev.topgun.branding.domain;

import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.entitlements.LimitThresholdCrossedV1;
import dev.topgun.shared.events.Event;
import dev.topgun.shared.store.Revision;
import dev.topgun.shared.tenancy.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of custom hostnames: claim (canonical name, one organization per hostname, one {@code
 * max_domains}), prove (a TXT record or an HTTP file holding the claim's random token), release,
 * and the daily re-check that suspends a verified hostname whose proof disappeared and tells its
 * owners.
 */
public final class HostnameService {

  private static final Logger LOG = LoggerFactory.getLogger(HostnameService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How often a verified hostname's proof is looked for again. */
  public static final Duration RECHECK = Duration.ofDays(1);

  private final Hostnames hostnames;
  private final Proofs proofs;
  private final DomainSlots slots;
  private final OwnerMail mail;
  private final Clock clock;

  public HostnameService(
      Hostnames hostnames, Proofs proofs, DomainSlots slots, OwnerMail mail, Clock clock) {
    this.hostnames = hostnames;
    this.proofs = proofs;
    this.slots = slots;
    this.mail = mail;
    this.clock = clock;
  }

  /**
   * Claims {@code hostname} for the target.
   *
   * @throws BrandValidationException not a claimable hostname
   * @throws HostnameRuleException {@code hostname_taken}
   * @throws dev.topgun.shared.store.LimitExceededException no {@code max_domains} left
   */
  public Claim claim(Target target, String hostname, AuditContext audit) {
    String name = HostnameNames.canonical(hostname);
    if (hostnames.find(name).isPresent()) {
      throw taken(name);
    }
    byte[] secret = new byte[20];
    RANDOM.nextBytes(secret);
    Instant now = clock.instant();
    Claim claim =
        new Claim(
            name,
            target.orgId(),
            HostnameStatus.PENDING,
            HexFormat.of().formatHex(secret),
            now,
            null,
            null,
            target.lineage(),
            Revision.NEW);
    return slots.reserving(
        target.lineage(),
        crossed -> {
          List<Event> events = new ArrayList<>();
          crossed.ifPresent(c -> events.add(LimitThresholdCrossedV1.of(c).event()));
          hostnames.claim(claim, change(audit, "hostname.claimed", name, events), crossed);
          return claim;
        });
  }

  public List<Claim> list(Target target) {
    return hostnames.of(target.orgId());
  }

  /**
   * Looks for the claim's proof: the TXT record first, then the HTTP file.
   *
   * @throws NotFoundException the target has no such claim
   * @throws HostnameRuleException {@code hostname_not_proven}: neither was found (nothing changes)
   */
  public Claim verify(Target target, String hostname, AuditContext audit) {
    Claim claim = owned(target, hostname);
    if (!proven(claim)) {
      throw new HostnameRuleException(
          HostnameRuleException.NOT_PROVEN,
          "No proof found: publish a TXT record "
              + claim.txtName()
              + " with the value "
              + claim.token()
              + ", or serve the token at "
              + claim.httpUrl());
    }
    if (claim.status() == HostnameStatus.VERIFIED) {
      return claim;
    }
    Instant now = clock.instant();
    Claim verified = claim.with(HostnameStatus.VERIFIED, now, now);
    hostnames.update(verified, change(audit, "hostname.verified", claim.hostname(), List.of()));
    return verified;
  }

  /** Gives the hostname up: it no longer resolves, another organization may claim it. */
  public void release(Target target, String hostname, AuditContext audit) {
    Claim claim = owned(target, hostname);
    hostnames.release(claim, change(audit, "hostname.released", claim.hostname(), List.of()));
    slots.release(target.lineage());
  }

  /**
   * The daily re-check: every verified hostname not checked for a day is looked at again; one whose
   * proof is gone is suspended and its owners told. Returns how many were suspended.
   */
  public int recheck(AuditContext audit) {
    Instant now = clock.instant();
    int suspended = 0;
    for (Claim claim : hostnames.verifiedCheckedBefore(now.minus(RECHECK).plusSeconds(60), 500)) {
      boolean still;
      try {
        still = proven(claim);
      } catch (RuntimeException e) {
        LOG.warn(
            "Re-checking {} failed; tried again next time: {}", claim.hostname(), e.getMessage());
        continue;
      }
      if (still) {
        hostnames.update(claim.with(HostnameStatus.VERIFIED, claim.verifiedAt(), now), null);
      } else {
        hostnames.update(
            claim.with(HostnameStatus.SUSPENDED, claim.verifiedAt(), now),
            change(audit, "hostname.suspended", claim.hostname(), List.of()));
        mail.hostnameSuspended(claim.orgId(), claim.hostname());
        suspended++;
      }
    }
    return suspended;
  }

  /**
   * After {@code orgId} moved: the claims of its subtree carry their owners' new lineage, so a
   * hostname resolves along the tree as it is now. Returns how many claims changed.
   */
  public int followMove(String orgId) {
    int changed = 0;
    for (String id : hostnames.subtree(orgId)) {
      List<String> lineage = hostnames.lineage(id);
      for (Claim claim : hostnames.of(id)) {
        if (!claim.lineage().equals(lineage)) {
          hostnames.update(claim.withLineage(lineage), null);
          changed++;
        }
      }
    }
    return changed;
  }

  private boolean proven(Claim claim) {
    return proofs.txtHolds(claim.txtName(), claim.token())
        || proofs.httpServes(claim.httpUrl(), claim.token());
  }

  private Claim owned(Target target, String hostname) {
    String name;
    try {
      name = HostnameNames.canonical(hostname);
    } catch (BrandValidationException e) {
      throw new NotFoundException();
    }
    return hostnames
        .find(name)
        .filter(c -> c.orgId().equals(target.orgId()))
        .orElseThrow(NotFoundException::new);
  }

  private static HostnameRuleException taken(String name) {
    return new HostnameRuleException(
        HostnameRuleException.TAKEN, name + " is already claimed by another organization");
  }

  private static BrandChange change(
      AuditContext audit, String action, String hostname, List<Event> events) {
    return new BrandChange(audit, action, Map.of("hostname", hostname), events);
  }
}
