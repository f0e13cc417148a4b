package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandManifest;
import java.util.List;

/**
 * An organization's brand as {@code GET|PUT …/branding} answer it: its own fields, the effective
 * brand, and — after a change — the contrast warnings and the custom CSS that was dropped.
 */
public record BrandView(
    Brand own,
    BrandManifest effective,
    String effectiveCustomCss,
    List<Notice> warnings,
    List<Notice> removed) {

  public BrandView {
    warnings = List.copyOf(warnings);
    removed = List.copyOf(removed);
  }
}
