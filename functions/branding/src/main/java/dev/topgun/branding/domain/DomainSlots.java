package dev.topgun.branding.domain;

import dev.topgun.shared.entitlements.ThresholdCrossed;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The {@code max_domains} limit of the license pool of an organization's chain. */
public interface DomainSlots {

  /**
   * Runs {@code write} holding one domain of the pool of {@code chain} (the organization, then its
   * ancestors); given back when {@code write} throws.
   *
   * @throws dev.topgun.shared.store.LimitExceededException the pool has no room
   */
  <T> T reserving(List<String> chain, Function<Optional<ThresholdCrossed>, T> write);

  void release(List<String> chain);
}
