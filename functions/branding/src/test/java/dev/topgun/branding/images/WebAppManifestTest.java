package dev.topgun.branding.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.topgun.shared.branding.BrandDefaults;
import dev.topgun.shared.branding.BrandManifest;
import dev.topgun.shared.branding.Favicon;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebAppManifestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDefaultBrandsManifest_isTheGoldenFile() throws IOException {
    // given
    BrandManifest brand = BrandDefaults.manifest(BrandDefaults.THEME_CSS_URL);

    // when
    String manifest =
        WebAppManifest.json(
            brand.platformName(),
            brand.shortName(),
            BrandDefaults.LIGHT.primary(),
            BrandDefaults.LIGHT.background(),
            brand.favicons());

    // then
    assertThat(manifest).isEqualTo(golden("/manifests/default-brand.webmanifest"));
  }

  @Test
  void theManifest_listsEveryIconAsASquarePngAndIsStandalone() throws IOException {
    List<Favicon> icons = List.of(new Favicon(192, "/a/192.png"), new Favicon(512, "/a/512.png"));

    JsonNode manifest = JSON.readTree(WebAppManifest.json("Acme", "A", "#123456", "#fff", icons));

    assertThat(manifest.get("icons")).hasSize(2);
    assertThat(manifest.at("/icons/1/src").asText()).isEqualTo("/a/512.png");
    assertThat(manifest.at("/icons/1/sizes").asText()).isEqualTo("512x512");
    assertThat(manifest.at("/icons/0/type").asText()).isEqualTo("image/png");
    assertThat(manifest.get("display").asText()).isEqualTo("standalone");
    assertThat(manifest.get("start_url").asText()).isEqualTo("/");
    assertThat(manifest.get("theme_color").asText()).isEqualTo("#123456");
    assertThat(manifest.get("background_color").asText()).isEqualTo("#fff");
  }

  @Test
  void everyCharacterOfANameSurvivesAndNoMarkupIsWritten() throws IOException {
    // given what a reseller might type, and what an attacker would
    String name = "Acme \"Cloud\" \\ 100% </script><b>&amp; \n\t\u0001 \u2028 café 🚀";

    // when
    String manifest = WebAppManifest.json(name, null, null, null, List.of());

    // then it parses back to the same text, and the JSON itself holds no markup or raw controls
    JsonNode parsed = JSON.readTree(manifest);
    assertThat(parsed.get("name").asText()).isEqualTo(name);
    assertThat(parsed.get("short_name").asText()).isEqualTo(name);
    assertThat(manifest).doesNotContain("<", ">", "&", "\u2028", "\u0001", "\t");
    assertThat(manifest).contains("café 🚀");
  }

  @Test
  void aLoneSurrogate_isEscapedSoTheOutputIsValidUtf8() {
    String manifest = WebAppManifest.json("a\ud800b", null, null, null, List.of());

    assertThat(manifest).contains("a\\ud800b");
    assertThat(new String(manifest.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(manifest);
  }

  @Test
  void colorsNotGiven_areLeftOut() throws IOException {
    JsonNode manifest = JSON.readTree(WebAppManifest.json("Acme", "A", null, null, List.of()));

    assertThat(manifest.has("theme_color")).isFalse();
    assertThat(manifest.has("background_color")).isFalse();
    assertThat(manifest.get("icons")).isEmpty();
  }

  private static String golden(String path) throws IOException {
    try (InputStream in = WebAppManifestTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
