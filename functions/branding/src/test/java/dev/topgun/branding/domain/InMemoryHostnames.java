package dev.topgun.branding.domain;

import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.store.Revision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Claims in memory, with the lookup's uniqueness and the audit actions recorded. */
final class InMemoryHostnames implements Hostnames {

  final Map<String, Claim> claims = new LinkedHashMap<>();
  final List<String> actions = new ArrayList<>();

  /** Each organization's ancestors, nearest first: the tree as it is now. */
  final Map<String, List<String>> ancestors = new LinkedHashMap<>();

  @Override
  public synchronized Optional<Claim> find(String hostname) {
    return Optional.ofNullable(claims.get(hostname));
  }

  @Override
  public synchronized List<Claim> of(String orgId) {
    return claims.values().stream().filter(c -> c.orgId().equals(orgId)).toList();
  }

  @Override
  public synchronized void claim(
      Claim claim, BrandChange change, Optional<ThresholdCrossed> crossed) {
    if (claims.containsKey(claim.hostname())) {
      throw new HostnameRuleException(HostnameRuleException.TAKEN, "taken");
    }
    claims.put(claim.hostname(), stamped(claim, 1));
    actions.add(change.action());
  }

  @Override
  public synchronized void update(Claim claim, BrandChange change) {
    claims.put(claim.hostname(), stamped(claim, claim.revision().version() + 1));
    if (change != null) {
      actions.add(change.action());
    }
  }

  @Override
  public synchronized void release(Claim claim, BrandChange change) {
    claims.remove(claim.hostname());
    actions.add(change.action());
  }

  @Override
  public synchronized List<String> subtree(String orgId) {
    List<String> ids = new ArrayList<>(List.of(orgId));
    ancestors.forEach(
        (id, up) -> {
          if (up.contains(orgId)) {
            ids.add(id);
          }
        });
    return ids;
  }

  @Override
  public synchronized List<String> lineage(String orgId) {
    List<String> ids = new ArrayList<>(List.of(orgId));
    ids.addAll(ancestors.getOrDefault(orgId, List.of()));
    return ids;
  }

  @Override
  public synchronized List<Claim> verifiedCheckedBefore(Instant before, int max) {
    return claims.values().stream()
        .filter(c -> c.status() == HostnameStatus.VERIFIED && c.checkedAt().isBefore(before))
        .sorted(Comparator.comparing(Claim::checkedAt))
        .limit(max)
        .toList();
  }

  private static Claim stamped(Claim c, long version) {
    return new Claim(
        c.hostname(),
        c.orgId(),
        c.status(),
        c.token(),
        c.createdAt(),
        c.verifiedAt(),
        c.checkedAt(),
        c.lineage(),
        new Revision(version, "t"));
  }
}
