package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FontFamilyTest {

  @Test
  void aFamily_isFoundByItsExactName_inAnyCase() {
    assertThat(FontFamily.named("Open Sans")).isEqualTo(FontFamily.OPEN_SANS);
    assertThat(FontFamily.named("open sans")).isEqualTo(FontFamily.OPEN_SANS);
    assertThat(FontFamily.named("SYSTEM-UI")).isEqualTo(FontFamily.SYSTEM_UI);
    assertThat(FontFamily.named("Source Sans 3").stack()).startsWith("\"Source Sans 3\", ");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Comic Sans MS", "OpenSans", " Inter", "Inter; } body {", "Arial, serif"})
  void anyOtherName_isRefusedNamingFontFamily(String family) {
    assertThatThrownBy(() -> FontFamily.named(family))
        .isInstanceOfSatisfying(
            ThemeInputException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ThemeInputException.UNKNOWN_FONT_FAMILY);
              assertThat(e.field()).isEqualTo("fontFamily");
            });
  }

  @Test
  void theSelfHostedFamilies_areTheOnesTheConsoleServes() {
    assertThat(
            Arrays.stream(FontFamily.values())
                .filter(f -> f.source() == FontFamily.Source.SELF_HOSTED)
                .map(FontFamily::family))
        .containsExactly(
            "Inter", "Roboto", "Open Sans", "Lato", "Source Sans 3", "Noto Sans", "IBM Plex Sans");
  }

  @Test
  void everyStack_namesItsFamily_andEndsWithAGenericFamily() {
    for (FontFamily font : FontFamily.values()) {
      String family = font.family();
      String written = family.contains(" ") ? "\"" + family + "\"" : family;

      assertThat(font.stack()).as(font.name()).contains(written);
      assertThat(font.stack())
          .as(font.name())
          .satisfiesAnyOf(
              s -> assertThat(s).endsWith("sans-serif"),
              s -> assertThat(s).endsWith("serif"),
              s -> assertThat(s).endsWith("monospace"));
    }
  }
}
