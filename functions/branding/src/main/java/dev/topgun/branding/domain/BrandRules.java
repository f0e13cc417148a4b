package dev.topgun.branding.domain;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandPalette;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What an organization's own brand fields must be; every bad field is named at once. */
public final class BrandRules {

  public static final int MAX_CUSTOM_CSS_BYTES = 64 * 1024;

  private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}<>]");

  private BrandRules() {}

  /**
   * The brand with colors normalised to lower-case {@code #rrggbb}.
   *
   * @throws BrandValidationException naming every bad field
   */
  public static Brand check(Brand brand, Themes themes) {
    List<Violation> bad = new ArrayList<>();
    name(bad, "platformName", brand.platformName(), 60);
    name(bad, "shortName", brand.shortName(), 24);
    name(bad, "emailFromName", brand.emailFromName(), 60);
    email(bad, "supportEmail", brand.supportEmail());
    email(bad, "emailReplyTo", brand.emailReplyTo());
    url(bad, "supportUrl", brand.supportUrl());
    url(bad, "docsUrl", brand.docsUrl());
    url(bad, "termsUrl", brand.termsUrl());
    url(bad, "privacyUrl", brand.privacyUrl());
    if (brand.fontFamily() != null) {
      themes
          .fontProblem(brand.fontFamily())
          .ifPresent(p -> bad.add(new Violation("fontFamily", p)));
    }
    if (brand.customCss() != null
        && brand.customCss().getBytes(StandardCharsets.UTF_8).length > MAX_CUSTOM_CSS_BYTES) {
      bad.add(new Violation("customCss", "must be at most 64 KB"));
    }
    if (brand.hidesOrigin() && isBlank(brand.platformName())) {
      bad.add(
          new Violation(
              "platformName", "is required with hideOriginBranding: the brand must name itself"));
    }
    BrandColors colors = normalised(bad, brand.colors());
    if (!bad.isEmpty()) {
      throw new BrandValidationException("The brand has bad fields", bad);
    }
    return new Brand(
        blankToNull(brand.platformName()),
        blankToNull(brand.shortName()),
        colors,
        blankToNull(brand.fontFamily()),
        brand.customCss() == null || brand.customCss().isBlank() ? null : brand.customCss(),
        blankToNull(brand.supportEmail()),
        blankToNull(brand.supportUrl()),
        blankToNull(brand.docsUrl()),
        blankToNull(brand.termsUrl()),
        blankToNull(brand.privacyUrl()),
        blankToNull(brand.emailFromName()),
        blankToNull(brand.emailReplyTo()),
        brand.hideOriginBranding(),
        brand.logo(),
        brand.logoDark(),
        brand.favicon(),
        brand.favicons());
  }

  private static BrandColors normalised(List<Violation> bad, BrandColors colors) {
    if (colors == null) {
      return null;
    }
    BrandPalette light = palette(bad, "colors.", colors.light());
    BrandPalette dark = colors.dark() == null ? null : palette(bad, "colors.dark.", colors.dark());
    return BrandColors.of(light, dark);
  }

  private static BrandPalette palette(List<Violation> bad, String prefix, BrandPalette p) {
    return new BrandPalette(
        hex(bad, prefix + "primary", p.primary()),
        hex(bad, prefix + "secondary", p.secondary()),
        hex(bad, prefix + "accent", p.accent()),
        hex(bad, prefix + "background", p.background()),
        hex(bad, prefix + "surface", p.surface()),
        hex(bad, prefix + "text", p.text()));
  }

  /** {@code #rgb} or {@code #rrggbb}, as lower-case {@code #rrggbb}; null stays null. */
  static String hex(List<Violation> bad, String field, String value) {
    if (value == null) {
      return null;
    }
    if (!HEX.matcher(value).matches()) {
      bad.add(new Violation(field, "must be a color as #rrggbb"));
      return null;
    }
    String digits = value.substring(1).toLowerCase(Locale.ROOT);
    if (digits.length() == 3) {
      StringBuilder six = new StringBuilder();
      for (char c : digits.toCharArray()) {
        six.append(c).append(c);
      }
      digits = six.toString();
    }
    return "#" + digits;
  }

  private static void name(List<Violation> bad, String field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.isBlank() || value.strip().length() > max) {
      bad.add(new Violation(field, "must be 1 to " + max + " characters"));
    } else if (CONTROL.matcher(value).find()) {
      bad.add(new Violation(field, "must not hold control characters or < >"));
    }
  }

  private static void email(List<Violation> bad, String field, String value) {
    if (value != null && (value.length() > 254 || !EMAIL.matcher(value).matches())) {
      bad.add(new Violation(field, "must be an e-mail address"));
    }
  }

  private static void url(List<Violation> bad, String field, String value) {
    if (value == null) {
      return;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http") || scheme.equals("mailto"))
          || (!scheme.equals("mailto") && (uri.getHost() == null || uri.getHost().isBlank()))
          || value.length() > 2048) {
        bad.add(new Violation(field, "must be an absolute http(s) or mailto URL"));
      }
    } catch (URISyntaxException e) {
      bad.add(new Violation(field, "must be an absolute http(s) or mailto URL"));
    }
  }

  static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
