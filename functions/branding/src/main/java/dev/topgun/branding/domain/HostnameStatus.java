package dev.topgun.branding.domain;

import java.util.Locale;

/** Where a claimed hostname stands: only a verified one resolves to its brand. */
public enum HostnameStatus {
  PENDING,
  VERIFIED,
  SUSPENDED;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HostnameStatus of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
