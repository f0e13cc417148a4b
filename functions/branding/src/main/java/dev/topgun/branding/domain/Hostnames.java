package dev.topgun.branding.domain;

import dev.topgun.shared.entitlements.ThresholdCrossed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Claimed hostnames (the table: the owner's item and the global lookup, written together). */
public interface Hostnames {

  Optional<Claim> find(String hostname);

  List<Claim> of(String orgId);

  /**
   * Stores a new claim with its uniqueness marker, the audit entry and the events.
   *
   * @throws HostnameRuleException {@code hostname_taken}: another organization claimed it first
   */
  void claim(Claim claim, BrandChange change, Optional<ThresholdCrossed> crossed);

  /** Stores the claim's new status, at the revision read. */
  void update(Claim claim, BrandChange change);

  void release(Claim claim, BrandChange change);

  /** The organization and every descendant, at any depth. */
  List<String> subtree(String orgId);

  /** The organization and its ancestors, nearest first, as the tree holds them now. */
  List<String> lineage(String orgId);

  /** Verified claims last checked before {@code before}, oldest first, at most {@code max}. */
  List<Claim> verifiedCheckedBefore(Instant before, int max);
}
