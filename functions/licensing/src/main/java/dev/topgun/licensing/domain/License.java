package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.LicenseState;
import dev.topgun.shared.store.Revision;
import java.time.Instant;
import java.util.Optional;

/**
 * A license as licensing keeps it: one organization's, carved from its issuer's pool (none: the
 * operator issued it), opened by its key, its terms signed in its document.
 *
 * @param issuerOrgId the licensed organization whose pool it is carved from; null when the operator
 *     issued it
 * @param key the human-typable key ({@link LicenseKey}); only its hash is a lookup key
 * @param suspendedBy why it is suspended; null unless it is
 * @param document the signed license document (a compact JWS, {@link CompactJws}); null until
 *     signed
 * @param kid the signing key of the document
 * @param noticeSent the last notice it was announced with since it last ran out; null for none
 */
public record License(
    String id,
    String orgId,
    String issuerOrgId,
    String key,
    LicenseTerms terms,
    LicenseStatus status,
    Suspension suspendedBy,
    String document,
    String kid,
    Notice noticeSent,
    Revision revision) {

  /** A new, active license, not signed or stored yet. */
  public static License issued(
      String id, String orgId, String issuerOrgId, String key, LicenseTerms terms) {
    return new License(
        id,
        orgId,
        issuerOrgId,
        key,
        terms,
        LicenseStatus.ACTIVE,
        null,
        null,
        null,
        null,
        Revision.NEW);
  }

  public boolean operatorIssued() {
    return issuerOrgId == null;
  }

  public boolean isRevoked() {
    return status == LicenseStatus.REVOKED;
  }

  /**
   * Its state at {@code now}: a stored {@code suspended} or {@code revoked} wins; otherwise {@code
   * active} until it expires, {@code grace} for its grace days, then {@code expired} — the same
   * rule the feature gate of every domain reads the license with.
   */
  public LicenseState state(Instant now) {
    return LicenseState.at(status.value(), terms.expiresAt(), terms.graceDays(), now);
  }

  /**
   * When its next notice falls due: its expiry (entering grace), then the end of its grace
   * (expired); none for a license that never expires, is revoked, or was announced expired.
   */
  public Optional<Instant> nextNoticeAt() {
    if (terms.expiresAt() == null || isRevoked() || noticeSent == Notice.EXPIRED) {
      return Optional.empty();
    }
    return noticeSent == null ? Optional.of(terms.expiresAt()) : terms.graceEndsAt();
  }

  /** The notice due at {@code now} that it was not announced with yet, if any. */
  public Optional<Notice> noticeDue(Instant now) {
    Notice due =
        switch (state(now)) {
          case GRACE -> Notice.GRACE;
          case EXPIRED -> Notice.EXPIRED;
          case ACTIVE, SUSPENDED, REVOKED -> null;
        };
    return due == null || due == noticeSent ? Optional.empty() : Optional.of(due);
  }

  /**
   * Changed to {@code newTerms} by its issuer: a renewal (another end or grace) is announced again
   * when it runs out.
   */
  public License changedTo(LicenseTerms newTerms) {
    License changed = withTerms(newTerms);
    return terms.endsOtherwiseThan(newTerms) ? changed.withNotice(null) : changed;
  }

  /** With other terms, its notices as they were (a carved license brought within its issuer). */
  public License withTerms(LicenseTerms newTerms) {
    return with(newTerms, status, suspendedBy, document, kid, noticeSent);
  }

  /** With another status ({@code suspendedBy} null unless suspended). */
  public License withStatus(LicenseStatus newStatus, Suspension why) {
    return with(
        terms,
        newStatus,
        newStatus == LicenseStatus.SUSPENDED ? why : null,
        document,
        kid,
        noticeSent);
  }

  /** With its terms signed in {@code newDocument} under {@code newKid}. */
  public License signed(String newDocument, String newKid) {
    return with(terms, status, suspendedBy, newDocument, newKid, noticeSent);
  }

  /** Announced with {@code notice} (null: not announced since it last ran out). */
  public License withNotice(Notice notice) {
    return with(terms, status, suspendedBy, document, kid, notice);
  }

  /** The same license, at the same revision, with what changes. */
  private License with(
      LicenseTerms newTerms,
      LicenseStatus newStatus,
      Suspension newSuspendedBy,
      String newDocument,
      String newKid,
      Notice newNotice) {
    return new License(
        id,
        orgId,
        issuerOrgId,
        key,
        newTerms,
        newStatus,
        newSuspendedBy,
        newDocument,
        newKid,
        newNotice,
        revision);
  }
}
