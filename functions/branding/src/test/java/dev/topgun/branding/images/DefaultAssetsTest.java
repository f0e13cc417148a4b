package dev.topgun.branding.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.topgun.shared.branding.BrandDefaults;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultAssetsTest {

  private final DefaultAssets assets = new DefaultAssets();

  @Test
  void everyAssetTheDefaultBrandLinksTo_isServed() {
    // the manifest's URLs end in these names
    var brand = BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL);
    var linked = new java.util.ArrayList<String>();
    linked.add(brand.logoUrl());
    linked.add(brand.logoDarkUrl());
    linked.add(brand.faviconIcoUrl());
    brand.favicons().forEach(f -> linked.add(f.url()));

    for (String url : linked) {
      assertThat(url).startsWith(BrandDefaults.ASSETS);
      String name = url.substring(BrandDefaults.ASSETS.length());
      assertThat(assets.get(name)).as(name).isPresent();
      assertThat(DefaultAssets.names()).contains(name);
    }
  }

  @Test
  void theLogos_areSvgsTheInspectorAcceptsWithoutANameInThem() {
    for (String name : new String[] {DefaultAssets.LOGO, DefaultAssets.LOGO_DARK}) {
      Asset logo = assets.get(name).orElseThrow();
      String text = new String(logo.bytes(), StandardCharsets.UTF_8);

      assertThat(logo.mediaType()).isEqualTo("image/svg+xml");
      InspectedImage inspected = ImageInspector.inspect(logo.bytes());
      assertThat(inspected.width()).isEqualTo(512);
      assertThat(inspected.height()).isEqualTo(512);
      assertThat(text)
          .doesNotContain("<text", "<title", "<desc")
          .doesNotContainIgnoringCase(BrandDefaults.PLATFORM_NAME);
    }
    assertThat(assets.get(DefaultAssets.LOGO).orElseThrow())
        .isNotEqualTo(assets.get(DefaultAssets.LOGO_DARK).orElseThrow());
  }

  @Test
  void eachFaviconPng_isASquareOfItsSize() {
    for (int size : BrandDefaults.FAVICON_SIZES) {
      Asset png = assets.get(DefaultAssets.faviconPng(size)).orElseThrow();

      assertThat(png.mediaType()).isEqualTo("image/png");
      assertThat(TestImages.pngSize(png.bytes())).containsExactly(size, size);
    }
  }

  @Test
  void theIco_holdsThreeSmallSizes() {
    Asset ico = assets.get(DefaultAssets.ICO).orElseThrow();

    assertThat(ico.mediaType()).isEqualTo(FaviconSet.ICO_MEDIA_TYPE);
    assertThat(FaviconSetTest.icoDirectory(ico.bytes()))
        .extracting(FaviconSetTest.IcoEntry::width)
        .containsExactly(16, 32, 48);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "favicon-17.png", "logo.png", "../logo.svg", "LOGO.SVG", "site.webmanifest"})
  void anyOtherName_isNotAnAsset(String name) {
    assertThat(assets.get(name)).isEqualTo(Optional.empty());
  }

  @Test
  void theFavicons_areGeneratedOnFirstUseAndOnlyOnce() {
    // given
    AtomicInteger generated = new AtomicInteger();
    DefaultAssets counted =
        new DefaultAssets(
            source -> {
              generated.incrementAndGet();
              return FaviconSet.generate(source);
            });

    // when
    counted.get(DefaultAssets.LOGO);
    int beforeAFavicon = generated.get();
    Asset first = counted.get(DefaultAssets.faviconPng(32)).orElseThrow();
    counted.get(DefaultAssets.faviconPng(512));
    counted.get(DefaultAssets.ICO);
    Asset again = counted.get(DefaultAssets.faviconPng(32)).orElseThrow();

    // then
    assertThat(beforeAFavicon).isZero();
    assertThat(generated.get()).isEqualTo(1);
    assertThat(again).isEqualTo(first);
  }
}
