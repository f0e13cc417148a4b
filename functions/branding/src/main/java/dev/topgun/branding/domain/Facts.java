package dev.topgun.branding.domain;

import dev.topgun.branding.events.BrandingChangedV1;
import dev.topgun.shared.events.Event;

/** The events branding publishes, built in one place (their fixtures check the shape). */
public final class Facts {

  private Facts() {}

  /** {@code BrandingChanged}: the organization's own brand changed ({@code change} says how). */
  public static Event brandingChanged(
      String orgId, String change, String themeCssUrl, boolean hideOriginBranding) {
    return Event.of(
        BrandingChangedV1.TYPE,
        orgId,
        new BrandingChangedV1(orgId, change, themeCssUrl, hideOriginBranding));
  }
}
