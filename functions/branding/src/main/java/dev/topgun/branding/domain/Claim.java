package dev.topgun.branding.domain;

import dev.topgun.shared.store.Revision;
import java.time.Instant;
import java.util.List;

/**
 * A hostname an organization claimed: the token that proves it, where it stands, when it was last
 * proven, and the owner's lineage (nearest first) that resolving reads brands along.
 */
public record Claim(
    String hostname,
    String orgId,
    HostnameStatus status,
    String token,
    Instant createdAt,
    Instant verifiedAt,
    Instant checkedAt,
    List<String> lineage,
    Revision revision) {

  public Claim {
    lineage = List.copyOf(lineage);
  }

  /** The TXT record that proves the claim. */
  public String txtName() {
    return "_domain-verification." + hostname;
  }

  /** The HTTP file that proves the claim, as an alternative. */
  public String httpUrl() {
    return "http://" + hostname + "/.well-known/domain-verification/" + token;
  }

  /**
   * This claim, its owner now with {@code ancestry} (the owner and its ancestors, nearest first).
   */
  public Claim withLineage(List<String> ancestry) {
    return new Claim(
        hostname, orgId, status, token, createdAt, verifiedAt, checkedAt, ancestry, revision);
  }

  public Claim with(HostnameStatus next, Instant verified, Instant checked) {
    return new Claim(hostname, orgId, next, token, createdAt, verified, checked, lineage, revision);
  }
}
