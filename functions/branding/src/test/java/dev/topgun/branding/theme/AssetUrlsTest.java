package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AssetUrlsTest {

  private final Predicate<String> own =
      AssetUrls.under(
          List.of("/v1/branding/assets/org-acme/", "https://cdn.example/brands/org-acme/"));

  @Test
  void aFileBelowAPrefix_isAllowed() {
    assertThat(own.test("/v1/branding/assets/org-acme/logo.png")).isTrue();
    assertThat(own.test("/v1/branding/assets/org-acme/fonts/acme-display_2.woff2")).isTrue();
    assertThat(own.test("https://cdn.example/brands/org-acme/hero~1.jpg")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/branding/assets/org-acme/",
        "/v1/branding/assets/org-acme/../org-other/logo.png",
        "/v1/branding/assets/org-acme/./logo.png",
        "/v1/branding/assets/org-acme//logo.png",
        "/v1/branding/assets/org-acme/logo.png?x=1",
        "/v1/branding/assets/org-acme/logo.png#x",
        "/v1/branding/assets/org-acme/%2e%2e/x.png",
        "/v1/branding/assets/org-acme\\logo.png",
        "/v1/branding/assets/org-acmex/logo.png",
        "/v1/branding/assets/org-other/logo.png",
        "https://evil.example/brands/org-acme/logo.png",
        "//cdn.example/brands/org-acme/logo.png",
        "logo.png",
        ""
      })
  void anythingElse_isNot(String url) {
    assertThat(own.test(url)).isFalse();
  }

  @Test
  void aPrefixNotEndingInASlash_isRejected() {
    assertThatThrownBy(() -> AssetUrls.under(List.of("/v1/branding/assets/org-acme")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void none_allowsNothing() {
    assertThat(AssetUrls.none().test("/v1/branding/assets/org-acme/logo.png")).isFalse();
  }
}
