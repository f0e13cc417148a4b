package dev.topgun.shared.entitlements;

/** A write to a licensed feature while the license is expired, suspended or revoked (403). */
public final class LicenseReadOnlyException extends RuntimeException {

  private final String feature;
  private final LicenseState state;

  public LicenseReadOnlyException(String feature, LicenseState state) {
    super(
        "The organization's license is "
            + state.value()
            + ": the feature '"
            + feature
            + "' is read-only until the license is renewed or reinstated.",
        null,
        false,
        false);
    this.feature = feature;
    this.state = state;
  }

  public String feature() {
    return feature;
  }

  public LicenseState state() {
    return state;
  }
}
