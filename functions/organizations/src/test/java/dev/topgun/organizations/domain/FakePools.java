package dev.topgun.organizations.domain;

import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.store.LimitExceededException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One pool in memory, as {@code LicensePools} keeps it over {@code Usage.reserving}: reserve first
 * (refused past the max), give back when the write throws, report the 80 % and 100 % crossings to
 * the write. Unlimited for a limit without a max.
 */
final class FakePools implements Pools {

  final Map<Limit, Long> max = new EnumMap<>(Limit.class);
  final Map<Limit, Long> used = new EnumMap<>(Limit.class);
  String poolOrgId = "pool";
  boolean movesChangePool;
  long movedShare = 1;

  @Override
  public <T> T reserving(
      Branch at, Limit limit, long n, Function<List<ThresholdCrossed>, T> write) {
    List<ThresholdCrossed> crossed = reserve(limit, n);
    try {
      return write.apply(crossed);
    } catch (RuntimeException e) {
      release(at, limit, n);
      throw e;
    }
  }

  @Override
  public void release(Branch at, Limit limit, long n) {
    used.merge(limit, -n, Long::sum);
  }

  @Override
  public <T> T moving(Branch moved, Branch newParent, Function<List<ThresholdCrossed>, T> move) {
    return movesChangePool
        ? reserving(newParent, Limit.MAX_CHILD_ORGANIZATIONS, movedShare, move)
        : move.apply(List.of());
  }

  long used(Limit limit) {
    return used.getOrDefault(limit, 0L);
  }

  private List<ThresholdCrossed> reserve(Limit limit, long n) {
    long before = used(limit);
    Long limitMax = max.get(limit);
    if (limitMax != null && before + n > limitMax) {
      throw new LimitExceededException(limit.value(), limitMax, before, n);
    }
    used.put(limit, before + n);
    if (limitMax == null) {
      return List.of();
    }
    return ThresholdCrossed.between(poolOrgId, limit, before, before + n, limitMax)
        .map(List::of)
        .orElse(List.of());
  }
}
