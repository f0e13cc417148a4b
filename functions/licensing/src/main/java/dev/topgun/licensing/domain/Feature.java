package dev.topgun.licensing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The licensed features a license may carry, as the API and the document spell them. */
public enum Feature {
  WHITE_LABEL,
  TERRAFORM_PROVISIONING,
  ADVANCED_DEPLOYMENTS,
  PAYMENT_PROCESSING,
  DOMAIN_MANAGEMENT,
  API_ACCESS,
  /** Issue licenses to descendants out of this license's pool. */
  RESELL_LICENSES;

  private final String value = name().toLowerCase(Locale.ROOT);

  public String value() {
    return value;
  }

  public static Optional<Feature> from(String value) {
    return Arrays.stream(values()).filter(f -> f.value.equals(value)).findFirst();
  }
}
