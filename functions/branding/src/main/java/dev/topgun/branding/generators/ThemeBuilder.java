package dev.topgun.branding.generators;

import dev.topgun.branding.domain.BrandValidationException;
import dev.topgun.branding.domain.EffectiveBrand;
import dev.topgun.branding.domain.Notice;
import dev.topgun.branding.domain.Theme;
import dev.topgun.branding.domain.Themes;
import dev.topgun.branding.domain.Violation;
import dev.topgun.branding.theme.BuiltTheme;
import dev.topgun.branding.theme.CustomCssRefusedException;
import dev.topgun.branding.theme.FontFamily;
import dev.topgun.branding.theme.ThemeCss;
import dev.topgun.branding.theme.ThemeInput;
import dev.topgun.branding.theme.ThemeInputException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The domain's stylesheet port over this package. Custom CSS may load the brand's own assets and
 * nothing else: exactly the URLs of its effective logos and favicons.
 */
@Singleton
public class ThemeBuilder implements Themes {

  @Override
  public Optional<String> fontProblem(String family) {
    try {
      FontFamily.named(family);
      return Optional.empty();
    } catch (ThemeInputException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public Theme build(EffectiveBrand brand) {
    Set<String> own = Set.copyOf(brand.assetUrls());
    try {
      BuiltTheme built =
          ThemeCss.build(
              new ThemeInput(brand.colors(), brand.fontFamily(), brand.customCss(), own::contains));
      return new Theme(
          built.css(),
          built.hash(),
          built.warnings().stream().map(w -> new Notice(w.code(), w.message())).toList(),
          built.removed().stream()
              .map(
                  r ->
                      new Notice(
                          "css_removed",
                          (r.line() == null ? "" : "line " + r.line() + ": ")
                              + r.what()
                              + " — "
                              + r.why()))
              .toList());
    } catch (CustomCssRefusedException e) {
      List<Violation> violations =
          e.problems().stream()
              .map(
                  p ->
                      new Violation(
                          e.field(),
                          (p.line() == null ? "" : "line " + p.line() + ": ")
                              + p.message()
                              + " ("
                              + p.code()
                              + ")"))
              .toList();
      throw new BrandValidationException("The custom CSS is refused", violations, "css_refused");
    } catch (ThemeInputException e) {
      throw new BrandValidationException(
          e.getMessage(), List.of(new Violation(e.field(), e.getMessage())), e.reason());
    }
  }
}
