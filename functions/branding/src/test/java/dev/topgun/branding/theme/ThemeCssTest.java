package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandPalette;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.cssparser.parser.CSSErrorHandler;
import org.htmlunit.cssparser.parser.CSSOMParser;
import org.htmlunit.cssparser.parser.CSSParseException;
import org.htmlunit.cssparser.parser.InputSource;
import org.htmlunit.cssparser.parser.javacc.CSS3Parser;
import org.junit.jupiter.api.Test;

class ThemeCssTest {

  private static final Predicate<String> ACME =
      AssetUrls.under(List.of("/v1/branding/assets/org-acme/"));

  private static final BrandColors ACME_COLORS =
      BrandColors.of(
          new BrandPalette("#0F766E", "#334155", "#f59e0b", "#fff", "#F1F5F9", "#111827"),
          new BrandPalette("#2dd4bf", "#94a3b8", "#fbbf24", "#020617", "#0f172a", "#f1f5f9"));

  private static ThemeInput defaults() {
    return new ThemeInput(BrandDefaults.colors(), BrandDefaults.FONT_FAMILY, null, ACME);
  }

  @Test
  void theDefaultBrand_matchesItsGoldenFile() throws IOException {
    Golden.assertMatches("theme/default.css", ThemeCss.build(defaults()).css());
  }

  @Test
  void aBrandWithCustomCss_matchesItsGoldenFile() throws IOException {
    ThemeInput input =
        new ThemeInput(ACME_COLORS, "Inter", Golden.read("theme/custom-input.css"), ACME);

    BuiltTheme theme = ThemeCss.build(input);

    Golden.assertMatches("theme/custom.css", theme.css());
    assertThat(theme.removed())
        .extracting(CssRemoval::line)
        .containsExactly(1, 20, 25, 32); // @charset, "color: ;", an empty rule, @keyframes
  }

  @Test
  void theSameInput_givesTheSameBytesAndHash() {
    ThemeInput input =
        new ThemeInput(ACME_COLORS, "Open Sans", ".a { color: var(--brand-accent) }", ACME);

    BuiltTheme first = ThemeCss.build(input);
    BuiltTheme second = ThemeCss.build(input);

    assertThat(second.css()).isEqualTo(first.css());
    assertThat(second.hash()).isEqualTo(first.hash());
  }

  @Test
  void theHash_isTheFirst32HexDigitsOfTheSha256OfTheUtf8Css() throws Exception {
    BuiltTheme theme = ThemeCss.build(defaults());

    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(theme.css().getBytes(StandardCharsets.UTF_8)));
    assertThat(theme.hash()).isEqualTo(sha256.substring(0, 32)).matches("[0-9a-f]{32}");
  }

  @Test
  void anyChangedColor_changesTheHash() {
    BrandColors changed =
        BrandColors.of(
            BrandDefaults.LIGHT,
            new BrandPalette("#60a5fa", "#94a3b8", "#fbbf24", "#0b1120", "#1e293b", "#e2e8f1"));

    assertThat(ThemeCss.build(new ThemeInput(changed, "system-ui", null, ACME)).hash())
        .isNotEqualTo(ThemeCss.build(defaults()).hash());
  }

  @Test
  void everyColor_hasItsHoverAndOnVariants_inLightAndInBothDarkSelectors() {
    String css = ThemeCss.build(defaults()).css();

    for (String name : ThemePalette.NAMES) {
      for (String property :
          List.of(
              "--brand-" + name + ":",
              "--brand-" + name + "-hover:",
              "--brand-on-" + name + ":",
              "--brand-on-" + name + "-hover:")) {
        assertThat(occurrences(css, property)).as(property).isEqualTo(3);
      }
    }
    assertThat(css)
        .contains("@media (prefers-color-scheme: dark) {\n  :root:not([data-theme=\"light\"]) {")
        .contains("\n[data-theme=\"dark\"] {\n")
        .contains("--brand-font-family: system-ui, -apple-system,")
        .contains(":root,\nbody {\n  font-family: var(--brand-font-family);\n}");
  }

  @Test
  void everyPropertyTheStylesheetDefines_isABrandOne_andNothingNamesThePlatform() {
    String css = ThemeCss.build(defaults()).css();

    Matcher defined = Pattern.compile("(--[a-z-]+):").matcher(css);
    List<String> names = new ArrayList<>();
    while (defined.find()) {
      names.add(defined.group(1));
    }
    assertThat(names).hasSize(1 + 4 * 18).allSatisfy(n -> assertThat(n).startsWith("--brand-"));
    assertThat(css.toLowerCase()).doesNotContain("topgun");
  }

  @Test
  void theStylesheet_parsesWithoutAnError() {
    String css = ThemeCss.build(new ThemeInput(ACME_COLORS, "Source Sans 3", null, ACME)).css();
    List<String> errors = new ArrayList<>();
    CSSOMParser parser = new CSSOMParser(new CSS3Parser());
    parser.setErrorHandler(
        new CSSErrorHandler() {
          @Override
          public void warning(CSSParseException e) {
            errors.add(e.getMessage());
          }

          @Override
          public void error(CSSParseException e) {
            errors.add(e.getMessage());
          }

          @Override
          public void fatalError(CSSParseException e) {
            errors.add(e.getMessage());
          }
        });

    try (InputSource source = new InputSource(new StringReader(css))) {
      assertThat(parser.parseStyleSheet(source, null).getCssRules().getLength()).isEqualTo(5);
    } catch (IOException e) {
      fail("reading a string", e);
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void shortAndUpperCaseColors_areWrittenAsSixLowerCaseDigits() {
    String css = ThemeCss.build(new ThemeInput(ACME_COLORS, "Inter", null, ACME)).css();

    assertThat(css).contains("--brand-primary: #0f766e;", "--brand-background: #ffffff;");
  }

  @Test
  void theDefaultPalette_passesItsOwnContrastCheck_andAPoorOneWarnsInTheModeItFails() {
    assertThat(ThemeCss.build(defaults()).warnings()).isEmpty();

    BrandColors poor =
        BrandColors.of(
            new BrandPalette("#2563eb", "#475569", "#d97706", "#ffffff", "#f8fafc", "#0f172a"),
            BrandDefaults.DARK);
    assertThat(
            ThemeCss.build(new ThemeInput(poor, BrandDefaults.FONT_FAMILY, null, ACME)).warnings())
        .extracting(w -> w.mode() + " " + w.code() + " " + w.ratio())
        .containsExactly("light contrast_text_on_primary 3.45");
  }

  @Test
  void aMalformedColor_isRefusedNamingItsField() {
    BrandColors colors =
        BrandColors.of(
            BrandDefaults.LIGHT,
            new BrandPalette("#60a5fa", "#94a3b8", "gold", "#0b1120", "#1e293b", "#e2e8f0"));

    assertThatThrownBy(() -> ThemeCss.build(new ThemeInput(colors, "Inter", null, ACME)))
        .isInstanceOfSatisfying(
            ThemeInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThemeInputException.INVALID_COLOR);
              assertThat(e.field()).isEqualTo("colors.dark.accent");
            });
  }

  @Test
  void aBrandWithoutDarkColors_isRefused() {
    BrandColors colors = BrandColors.of(BrandDefaults.LIGHT, null);

    assertThatThrownBy(() -> ThemeCss.build(new ThemeInput(colors, "Inter", null, ACME)))
        .isInstanceOfSatisfying(
            ThemeInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThemeInputException.MISSING_COLOR);
              assertThat(e.field()).isEqualTo("colors.dark");
            });
  }

  @Test
  void anUnknownFont_isRefused() {
    ThemeInput input = new ThemeInput(BrandDefaults.colors(), "Papyrus", null, ACME);

    assertThatThrownBy(() -> ThemeCss.build(input))
        .isInstanceOfSatisfying(
            ThemeInputException.class, e -> assertThat(e.field()).isEqualTo("fontFamily"));
  }

  @Test
  void refusedCustomCss_refusesTheTheme() {
    ThemeInput input = new ThemeInput(BrandDefaults.colors(), "Inter", "@import url(x.css);", ACME);

    assertThatThrownBy(() -> ThemeCss.build(input))
        .isInstanceOfSatisfying(
            CustomCssRefusedException.class,
            e -> assertThat(e.problems()).extracting(CssProblem::code).containsExactly("import"));
  }

  private static int occurrences(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }

  /**
   * Expected output kept under {@code src/test/resources}. Run with {@code -Dgolden.update=true} to
   * rewrite a file from what the code now writes; the run then fails, so that nobody mistakes it
   * for a check, and the diff is reviewed before it is committed.
   */
  static final class Golden {

    static String read(String resource) throws IOException {
      try (InputStream in = ThemeCssTest.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("no test resource " + resource);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }

    static void assertMatches(String resource, String actual) throws IOException {
      if (Boolean.getBoolean("golden.update")) {
        Path file = Path.of("src/test/resources", resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        fail("rewrote " + file + "; review the diff, then run without -Dgolden.update");
      }
      assertThat(actual).as(resource).isEqualTo(read(resource));
    }
  }
}
