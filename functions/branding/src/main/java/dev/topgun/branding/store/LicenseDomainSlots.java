package dev.topgun.branding.store;

import dev.topgun.branding.domain.DomainSlots;
import dev.topgun.shared.entitlements.EntitlementsReader;
import dev.topgun.shared.entitlements.Limit;
import dev.topgun.shared.entitlements.ThresholdCrossed;
import dev.topgun.shared.entitlements.Usage;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@code max_domains} of the chain's license pool, through shared-lib's usage counters. */
@Singleton
public class LicenseDomainSlots implements DomainSlots {

  private final EntitlementsReader entitlements;
  private final Usage usage;

  public LicenseDomainSlots(EntitlementsReader entitlements, Usage usage) {
    this.entitlements = entitlements;
    this.usage = usage;
  }

  @Override
  public <T> T reserving(List<String> chain, Function<Optional<ThresholdCrossed>, T> write) {
    return usage.reserving(entitlements.of(chain), Limit.MAX_DOMAINS, 1, write);
  }

  @Override
  public void release(List<String> chain) {
    usage.release(entitlements.of(chain), Limit.MAX_DOMAINS, 1);
  }
}
