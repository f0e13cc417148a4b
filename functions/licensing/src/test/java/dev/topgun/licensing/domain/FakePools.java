package dev.topgun.licensing.domain;

import dev.topgun.shared.entitlements.Entitlements;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.store.LimitExceededException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pools in memory, as {@code LicensePools} keeps them over shared-lib: a pool is the nearest
 * current license up a chain, read from the {@link InMemoryLicenses} (what entitlements read);
 * reservations are counted per pool and limit, refused past the license's maximum, given back when
 * the write throws, and report the 80 % and 100 % crossings to the write. Only counted limits are
 * reserved.
 */
final class FakePools implements Pools {

  private final InMemoryLicenses licenses;
  final Map<String, Map<Limit, Long>> used = new HashMap<>();
  final Map<String, Share> shares = new HashMap<>();

  FakePools(InMemoryLicenses licenses) {
    this.licenses = licenses;
  }

  long used(String poolOrgId, Limit limit) {
    return used.getOrDefault(poolOrgId, Map.of()).getOrDefault(limit, 0L);
  }

  void use(String poolOrgId, Limit limit, long n) {
    used.computeIfAbsent(poolOrgId, k -> new EnumMap<>(Limit.class)).merge(limit, n, Long::sum);
  }

  @Override
  public Entitlements of(List<String> chainIds) {
    for (String orgId : chainIds) {
      CurrentLicense current = licenses.current.get(orgId);
      if (current != null) {
        License license = licenses.get(current.licenseId());
        return new Entitlements(
            orgId,
            license.id(),
            license.status().value(),
            new HashSet<>(license.terms().featureValues()),
            license.terms().limits(),
            license.terms().expiresAt(),
            license.terms().graceDays());
      }
    }
    return Entitlements.unlimited();
  }

  @Override
  public <T> T reserving(
      Entitlements pool, Map<Limit, Long> amounts, Function<List<ThresholdCrossed>, T> write) {
    Map<Limit, Long> counted = counted(amounts);
    List<ThresholdCrossed> crossed = new ArrayList<>();
    Map<Limit, Long> reserved = new EnumMap<>(Limit.class);
    try {
      counted.forEach(
          (limit, n) -> {
            reserve(pool, limit, n).ifPresent(crossed::add);
            reserved.put(limit, n);
          });
      return write.apply(crossed);
    } catch (RuntimeException e) {
      release(pool, reserved);
      throw e;
    }
  }

  @Override
  public void release(Entitlements pool, Map<Limit, Long> amounts) {
    counted(amounts)
        .forEach(
            (limit, n) -> {
              if (pool.limit(limit).isPresent()) {
                use(pool.poolOrgId(), limit, -n);
              }
            });
  }

  @Override
  public Share shareOf(String orgId) {
    return shares.getOrDefault(orgId, new Share(1, 0));
  }

  @Override
  public void carryIn(String poolOrgId, Map<Limit, Long> amounts) {
    counted(amounts).forEach((limit, n) -> use(poolOrgId, limit, n));
  }

  @Override
  public Map<Limit, Long> usage(String poolOrgId) {
    return Map.copyOf(used.getOrDefault(poolOrgId, Map.of()));
  }

  private Optional<ThresholdCrossed> reserve(Entitlements pool, Limit limit, long n) {
    if (pool.limit(limit).isEmpty()) {
      return Optional.empty();
    }
    long max = pool.limit(limit).getAsLong();
    long before = used(pool.poolOrgId(), limit);
    if (before + n > max) {
      throw new LimitExceededException(limit.counter().orElseThrow(), max, before, n);
    }
    use(pool.poolOrgId(), limit, n);
    return ThresholdCrossed.between(pool.poolOrgId(), limit, before, before + n, max);
  }

  private static Map<Limit, Long> counted(Map<Limit, Long> amounts) {
    Map<Limit, Long> counted = new EnumMap<>(Limit.class);
    amounts.forEach(
        (limit, n) -> {
          if (limit.counter().isPresent() && n > 0) {
            counted.put(limit, n);
          }
        });
    return counted;
  }
}
