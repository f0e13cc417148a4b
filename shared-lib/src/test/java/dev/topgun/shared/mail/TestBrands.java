package dev.topgun.shared.mail;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.BrandPalette;
import dev.topgun.shared.branding.Favicon;
import java.util.List;

/** Brands for the mail tests. */
final class TestBrands {

  private TestBrands() {}

  /** A reseller's brand that hides the platform: its own name, logo (relative), links. */
  static BrandManifest acme() {
    return acme("/v1/branding/assets/acme/logo.png", "#0b7a75", "Acme Support");
  }

  static BrandManifest acme(String logoUrl, String primary, String emailFromName) {
    return new BrandManifest(
        "Acme Cloud",
        "Acme",
        BrandColors.of(
            new BrandPalette(primary, "#4b5563", "#f59e0b", "#f3f4f6", "#ffffff", "#111827"),
            BrandDefaults.DARK),
        "Inter, Arial",
        "/v1/branding/css/acme.css",
        logoUrl,
        "/v1/branding/assets/acme/logo-dark.png",
        List.of(new Favicon(32, "/v1/branding/assets/acme/favicon-32.png")),
        "/v1/branding/assets/acme/favicon.ico",
        "/v1/branding/assets/acme/site.webmanifest",
        "help@acme.example",
        "/support",
        "https://docs.acme.example",
        null,
        "https://acme.example/privacy",
        emailFromName,
        null,
        true,
        null);
  }
}
