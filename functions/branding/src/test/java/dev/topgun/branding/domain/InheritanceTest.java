package dev.topgun.branding.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandPalette;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InheritanceTest {

  static Brand named(String platformName) {
    return fields(platformName, null, null, null, null);
  }

  static Brand fields(
      String platformName,
      String shortName,
      BrandColors colors,
      String supportEmail,
      Boolean hide) {
    return new Brand(
        platformName,
        shortName,
        colors,
        null,
        null,
        supportEmail,
        null,
        null,
        null,
        null,
        null,
        null,
        hide,
        null,
        null,
        null,
        null);
  }

  static AssetRef asset(String name) {
    return new AssetRef("/v1/branding/assets/org/" + name, "ab", "image/png");
  }

  @Test
  void noBrandAnywhere_isTheOperatorsDefault() {
    EffectiveBrand brand = Inheritance.effective(List.of());

    assertThat(brand.platformName()).isEqualTo(BrandDefaults.PLATFORM_NAME);
    assertThat(brand.colors().primary()).isEqualTo(BrandDefaults.LIGHT.primary());
    assertThat(brand.colors().dark().text()).isEqualTo(BrandDefaults.DARK.text());
    assertThat(brand.logoUrl()).isEqualTo(BrandDefaults.ASSETS + "logo.svg");
    assertThat(brand.favicons()).hasSize(6);
    assertThat(brand.hideOriginBranding()).isFalse();
  }

  @Test
  void ownFieldsWin_fieldByField_overTheNearestAncestorsThenTheFarther() {
    // given: the organization sets only its primary color; its parent the name; the root the email
    Brand own =
        fields(
            null, null, new BrandColors("#111111", null, null, null, null, null, null), null, null);
    Brand parent = fields("Parent Cloud", "Parent", null, null, null);
    Brand root = fields("Root", null, null, "help@root.test", null);

    // when
    EffectiveBrand brand = Inheritance.effective(Arrays.asList(own, null, parent, root));

    // then
    assertThat(brand.colors().primary()).isEqualTo("#111111");
    assertThat(brand.colors().secondary()).isEqualTo(BrandDefaults.LIGHT.secondary());
    assertThat(brand.platformName()).isEqualTo("Parent Cloud");
    assertThat(brand.shortName()).isEqualTo("Parent");
    assertThat(brand.supportEmail()).isEqualTo("help@root.test");
  }

  @Test
  void hidingTheOrigin_cutsTheChain_nothingAboveShowsThrough() {
    // given: a reseller hiding its origin under an operator brand with its own links and logo
    Brand reseller = fields("Acme", null, null, null, true);
    Brand operator =
        fields("Operator", "Op", null, "support@operator.test", null)
            .withAsset(AssetRole.LOGO, asset("logo-op.png"), null);

    // when
    EffectiveBrand brand = Inheritance.effective(List.of(reseller, operator));

    // then
    assertThat(brand.platformName()).isEqualTo("Acme");
    assertThat(brand.shortName()).isEqualTo("Acme");
    assertThat(brand.emailFromName()).isEqualTo("Acme");
    assertThat(brand.supportEmail()).isNull();
    assertThat(brand.logoUrl()).isEqualTo(BrandDefaults.ASSETS + "logo.svg");
    assertThat(brand.hideOriginBranding()).isTrue();
  }

  @Test
  void aChildCannotUndoItsResellersHide_nothingAboveTheHiderShows() {
    Brand child = fields(null, null, null, null, false);
    Brand reseller = fields("Acme", null, null, null, true);
    Brand operator = fields("Operator", null, null, "support@operator.test", null);

    EffectiveBrand brand = Inheritance.effective(List.of(child, reseller, operator));

    assertThat(brand.platformName()).isEqualTo("Acme");
    assertThat(brand.supportEmail()).isNull();
    assertThat(brand.hideOriginBranding()).isTrue();
  }

  @Test
  void aShortNameSetFartherUpThanThePlatformName_isNotMixedIn() {
    Brand own = named("Acme Cloud");
    Brand operator = fields("Operator", "Op", null, null, null);

    EffectiveBrand brand = Inheritance.effective(List.of(own, operator));

    assertThat(brand.shortName()).isEqualTo("Acme Cloud");
    assertThat(brand.emailFromName()).isEqualTo("Acme Cloud");
  }

  @Test
  void aLogoWithoutADarkOne_standsInForTheDarkLogo_andDarkColorsInheritSeparately() {
    Brand own = named("Acme").withAsset(AssetRole.LOGO, asset("logo-1.png"), null);
    Brand operator =
        fields(
                "Operator",
                null,
                new BrandColors(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    new BrandPalette("#222222", null, null, null, null, null)),
                null,
                null)
            .withAsset(AssetRole.LOGO_DARK, asset("logo-dark-op.png"), null);

    EffectiveBrand brand = Inheritance.effective(List.of(own, operator));

    assertThat(brand.logoDarkUrl()).isEqualTo(asset("logo-1.png").url());
    assertThat(brand.colors().dark().primary()).isEqualTo("#222222");
  }
}
