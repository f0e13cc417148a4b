package dev.topgun.branding.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.branding.events.BrandingChangedV1;
import dev.topgun.shared.audit.AuditContext;
import dev.topgun.shared.branding.BrandColors;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrandingServiceTest {

  static final AuditContext AUDIT = new AuditContext("user:admin", "203.0.113.7", "req");
  static final Target RESELLER = new Target("reseller", List.of("root"));
  static final Target SUB = new Target("sub", List.of("reseller", "root"));
  static final byte[] PNG = "PNG-logo".getBytes(StandardCharsets.UTF_8);

  final Fakes.MemoryBrands brands = new Fakes.MemoryBrands();
  final Fakes.MemoryAssets assets = new Fakes.MemoryAssets();
  final Fakes.SimpleThemes themes = new Fakes.SimpleThemes();
  final Fakes.SimpleImages images = new Fakes.SimpleImages();
  final BrandingService service =
      new BrandingService(
          brands,
          new BrandBuilder(themes, images, assets),
          images,
          assets,
          themes,
          host -> Optional.empty());

  {
    brands.ancestors.put("reseller", List.of("root"));
    brands.ancestors.put("sub", List.of("reseller", "root"));
  }

  static Brand fields(String name, String primary, String css) {
    return new Brand(
        name,
        null,
        primary == null ? null : new BrandColors(primary, null, null, null, null, null, null),
        null,
        css,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void settingABrand_buildsItsStylesheetOnce_storesItsManifest_andPublishesTheChange() {
    // when
    BrandView view = service.set(RESELLER, fields("Acme", "#ABC", null), AUDIT);

    // then
    assertThat(view.effective().platformName()).isEqualTo("Acme");
    assertThat(view.effective().colors().primary()).isEqualTo("#aabbcc");
    String css = view.effective().themeCssUrl();
    String hash = css.substring("/v1/branding/css/".length(), css.length() - 4);
    assertThat(assets.exists(BrandBuilder.CSS_OWNER, hash + ".css")).isTrue();
    assertThat(service.css(hash)).isPresent();
    assertThat(brands.brands.get("reseller").manifest()).isEqualTo(view.effective());
    assertThat(brands.changes).hasSize(1);
    assertThat(brands.changes.get(0).events().get(0).name()).isEqualTo(BrandingChangedV1.TYPE);
  }

  @Test
  void badFields_areAllNamed_andNothingIsStored() {
    Brand bad =
        new Brand(
            "",
            null,
            new BrandColors("red", null, null, null, null, null, null),
            "Comic Sans",
            null,
            "not-an-email",
            "javascript:alert(1)",
            null,
            null,
            null,
            null,
            null,
            true,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> service.set(RESELLER, bad, AUDIT))
        .isInstanceOf(BrandValidationException.class)
        .satisfies(
            e ->
                assertThat(((BrandValidationException) e).violations())
                    .extracting(Violation::field)
                    .contains(
                        "platformName",
                        "colors.primary",
                        "fontFamily",
                        "supportEmail",
                        "supportUrl"));
    assertThat(brands.brands).isEmpty();
    assertThat(brands.changes).isEmpty();
  }

  @Test
  void refusedCustomCss_isA400_andTheBrandKeepsWhatItHad() {
    service.set(RESELLER, fields("Acme", null, "a{color:red}"), AUDIT);

    assertThatThrownBy(() -> service.set(RESELLER, fields("Acme", null, "@import url(x)"), AUDIT))
        .isInstanceOf(BrandValidationException.class);
    assertThat(brands.brands.get("reseller").own().customCss()).isEqualTo("a{color:red}");
  }

  @Test
  void aLogo_generatesTheFaviconSet_andAFaviconOfItsOwnTakesOver() {
    // when: a logo
    BrandView logo = service.upload(RESELLER, AssetRole.LOGO, PNG, AUDIT);

    // then: favicons from the logo, all stored
    assertThat(logo.effective().logoUrl()).startsWith("/v1/branding/assets/reseller/logo-");
    assertThat(logo.effective().favicons()).hasSize(BrandDefaults.FAVICON_SIZES.size());
    logo.effective()
        .favicons()
        .forEach(f -> assertThat(service.asset("reseller", file(f.url()))).isPresent());
    assertThat(images.faviconSets).isEqualTo(1);

    // when: a favicon source
    BrandView favicon =
        service.upload(RESELLER, AssetRole.FAVICON, "PNG-favicon".getBytes(), AUDIT);
    assertThat(favicon.effective().favicons().get(0).url())
        .isNotEqualTo(logo.effective().favicons().get(0).url());

    // then: a later logo leaves the favicon's set alone
    service.upload(RESELLER, AssetRole.LOGO, "PNG-logo-2".getBytes(), AUDIT);
    assertThat(images.faviconSets).isEqualTo(2);
  }

  @Test
  void aRefusedImage_keepsWhatTheBrandHad() {
    service.upload(RESELLER, AssetRole.LOGO, PNG, AUDIT);
    String before = brands.brands.get("reseller").own().logo().url();

    assertThatThrownBy(() -> service.upload(RESELLER, AssetRole.LOGO, "<html>".getBytes(), AUDIT))
        .isInstanceOf(BrandValidationException.class);
    assertThat(brands.brands.get("reseller").own().logo().url()).isEqualTo(before);
  }

  @Test
  void aSubUser_inheritsItsResellersBrand_andIsRebuiltWhenTheResellerChanges() {
    // given: a sub_user with a brand of its own (a color) under a named reseller
    service.set(RESELLER, fields("Acme", null, null), AUDIT);
    service.set(SUB, fields(null, "#123456", null), AUDIT);
    assertThat(service.view(SUB).effective().platformName()).isEqualTo("Acme");

    // when: the reseller renames, and the warm-up runs
    service.set(RESELLER, fields("Acme Cloud", null, null), AUDIT);
    int rebuilt = service.rebuildDescendants("reseller");

    // then
    assertThat(rebuilt).isEqualTo(1);
    BrandManifest sub = service.view(SUB).effective();
    assertThat(sub.platformName()).isEqualTo("Acme Cloud");
    assertThat(sub.colors().primary()).isEqualTo("#123456");
  }

  @Test
  void afterAMove_theMovedBrandIsRebuiltOverItsNewAncestors() {
    // given: a sub_user with only a color under "Acme", and another reseller "Globex"
    service.set(RESELLER, fields("Acme", null, null), AUDIT);
    service.set(new Target("globex", List.of("root")), fields("Globex", null, null), AUDIT);
    service.set(SUB, fields(null, "#123456", null), AUDIT);

    // when: the sub_user moves under Globex
    brands.ancestors.put("sub", List.of("globex", "root"));
    int rebuilt = service.rebuildSubtree("sub");

    // then
    assertThat(rebuilt).isEqualTo(1);
    BrandManifest moved = service.view(new Target("sub", List.of("globex", "root"))).effective();
    assertThat(moved.platformName()).isEqualTo("Globex");
    assertThat(moved.colors().primary()).isEqualTo("#123456");
  }

  @Test
  void anUnreadableLogo_fallsBackToTheAncestorsLogo_thenTheDefault_neverAMissingImage() {
    // given: a reseller logo and a sub_user logo
    String resellerLogo =
        service.upload(RESELLER, AssetRole.LOGO, PNG, AUDIT).effective().logoUrl();
    String subLogo =
        service.upload(SUB, AssetRole.LOGO, "PNG-sub".getBytes(), AUDIT).effective().logoUrl();

    // when: the sub_user's file is lost
    assets.lose(subLogo);

    // then: the URL serves the reseller's logo, not cached for good
    BrandingService.ServedAsset served = service.asset("sub", file(subLogo)).orElseThrow();
    assertThat(served.exact()).isFalse();
    assertThat(served.asset().bytes()).isEqualTo(PNG);
    // and a rebuild leaves the lost file out
    service.set(SUB, fields("Sub", null, null), AUDIT);
    assertThat(service.view(SUB).effective().logoUrl()).isEqualTo(resellerLogo);

    // when: the reseller's is lost too, the default stands in
    assets.lose(resellerLogo);
    assertThat(service.asset("sub", file(subLogo)).orElseThrow().asset().mediaType())
        .isEqualTo("image/svg+xml");
  }

  @Test
  void aCorruptFile_isNotServedAsItself() {
    String logo = service.upload(RESELLER, AssetRole.LOGO, PNG, AUDIT).effective().logoUrl();
    assets.put("reseller", file(logo), "PNG-tampered".getBytes(), "image/png");

    assertThat(service.asset("reseller", file(logo)).orElseThrow().exact()).isFalse();
  }

  @Test
  void resettingTheBrand_returnsToInheritance() {
    service.set(RESELLER, fields("Acme", null, null), AUDIT);
    service.set(SUB, fields("Sub", null, null), AUDIT);

    BrandView reset = service.reset(SUB, AUDIT);

    assertThat(reset.effective().platformName()).isEqualTo("Acme");
    assertThat(brands.brands).doesNotContainKey("sub");
  }

  @Test
  void anUnknownHost_getsTheDefaultBrand() {
    BrandManifest manifest = service.resolve("nobody.example.test");

    assertThat(manifest.platformName()).isEqualTo(BrandDefaults.PLATFORM_NAME);
    assertThat(manifest.organization()).isNull();
    assertThat(service.css(manifest.themeCssUrl().substring(17, 49))).isPresent();
  }

  @Test
  void namesThatAreNoAsset_areNotServed() {
    assertThat(service.asset("reseller", "../secret")).isEmpty();
    assertThat(service.asset("reseller", "notes.txt")).isEmpty();
  }

  private static String file(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }
}
