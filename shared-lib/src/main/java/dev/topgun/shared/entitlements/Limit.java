package dev.topgun.shared.entitlements;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The limits a license sets ({@code max_users}, …) and, for those counted, the usage counter each
 * reserves against ({@code users}, …). Counted limits are kept on the licensed organization whose
 * pool the resource draws on.
 */
public enum Limit {
  MAX_USERS("users"),
  MAX_SERVERS("servers"),
  MAX_APPLICATIONS("applications"),
  MAX_DOMAINS("domains"),
  MAX_CHILD_ORGANIZATIONS("child_organizations"),
  MAX_CPU_CORES("cpu_cores"),
  MAX_MEMORY_GB("memory_gb"),
  API_REQUESTS_PER_MINUTE(null);

  private final String value = name().toLowerCase(Locale.ROOT);
  private final String counter;

  Limit(String counter) {
    this.counter = counter;
  }

  /** As licenses and the API spell it: {@code max_users}, … */
  public String value() {
    return value;
  }

  /** The usage counter reserved against this limit, or empty for a rate. */
  public Optional<String> counter() {
    return Optional.ofNullable(counter);
  }

  public static Optional<Limit> from(String value) {
    return Arrays.stream(values()).filter(l -> l.value.equals(value)).findFirst();
  }
}
