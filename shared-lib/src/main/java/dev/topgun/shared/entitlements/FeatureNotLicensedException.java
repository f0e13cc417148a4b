package dev.topgun.shared.entitlements;

/** The organization's license does not include a feature (403 naming it). */
public final class FeatureNotLicensedException extends RuntimeException {

  private final String feature;

  public FeatureNotLicensedException(String feature) {
    super(
        "The organization's license does not include the feature '" + feature + "'.",
        null,
        false,
        false);
    this.feature = feature;
  }

  public String feature() {
    return feature;
  }
}
