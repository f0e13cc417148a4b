package dev.topgun.branding.theme;

import java.util.List;

/**
 * One brand's stylesheet.
 *
 * @param css the stylesheet, UTF-8 when served
 * @param hash its name: the first 32 hex digits (lower case) of the SHA-256 of its UTF-8 bytes,
 *     served at {@code /v1/branding/css/{hash}.css}
 * @param warnings the brand's colors below WCAG AA contrast (none when all pass)
 * @param removed what of the custom CSS was left out
 */
public record BuiltTheme(
    String css, String hash, List<ContrastWarning> warnings, List<CssRemoval> removed) {

  public BuiltTheme {
    warnings = List.copyOf(warnings);
    removed = List.copyOf(removed);
  }
}
