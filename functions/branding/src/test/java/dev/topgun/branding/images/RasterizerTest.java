package dev.topgun.branding.images;

import static dev.topgun.branding.images.TestImages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RasterizerTest {

  private static final int OPAQUE_RED = 0xffff0000;

  @Test
  void aWideImage_isFittedAndCentredWithTransparentBands() {
    // given 200×100: at 64 it becomes 64×32, rows 16 to 47
    InspectedImage wide = ImageInspector.inspect(TestImages.png(200, 100, Color.RED));

    // when
    byte[] png = Rasterizer.png(wide, 64);

    // then
    assertThat(TestImages.pngSize(png)).containsExactly(64, 64);
    BufferedImage square = TestImages.decode(png);
    assertThat(square.getRGB(32, 32)).isEqualTo(OPAQUE_RED);
    assertThat(square.getRGB(0, 16)).isEqualTo(OPAQUE_RED);
    assertThat(square.getRGB(63, 47)).isEqualTo(OPAQUE_RED);
    assertThat(alpha(square.getRGB(32, 8))).isZero();
    assertThat(alpha(square.getRGB(32, 56))).isZero();
  }

  @Test
  void aTallImage_isCentredBetweenTransparentColumns() {
    InspectedImage tall = ImageInspector.inspect(TestImages.jpeg(50, 100, Color.BLUE));

    BufferedImage square = TestImages.decode(Rasterizer.png(tall, 32));

    assertThat(alpha(square.getRGB(2, 16))).isZero();
    assertThat(alpha(square.getRGB(29, 16))).isZero();
    Color middle = new Color(square.getRGB(16, 16), true);
    assertThat(middle.getAlpha()).isEqualTo(255);
    assertThat(middle.getBlue()).isGreaterThan(240);
    assertThat(middle.getRed()).isLessThan(15);
  }

  @Test
  void fineDetail_turnsIntoAShadeWhenScaledDown() {
    // given single-pixel black and white: a sampling scale-down would keep pure black or white
    InspectedImage checkerboard =
        ImageInspector.inspect(TestImages.png(TestImages.checkerboard(512)));

    // when
    BufferedImage square = TestImages.decode(Rasterizer.png(checkerboard, 16));

    // then every pixel is mid-grey
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        Color c = new Color(square.getRGB(x, y));
        assertThat(c.getGreen()).as("(%d,%d)", x, y).isBetween(112, 143);
      }
    }
  }

  @Test
  void aSmallImage_isEnlargedToFill() {
    InspectedImage small = ImageInspector.inspect(TestImages.png(8, 8, Color.RED));

    BufferedImage square = TestImages.decode(Rasterizer.png(small, 48));

    assertThat(square.getWidth()).isEqualTo(48);
    assertThat(square.getRGB(1, 1)).isEqualTo(OPAQUE_RED);
    assertThat(square.getRGB(24, 24)).isEqualTo(OPAQUE_RED);
  }

  @Test
  void aWebp_isRenderedInItsColour() {
    InspectedImage webp = ImageInspector.inspect(TestImages.webpLossless(6, 6, 0xff2080c0));

    BufferedImage square = TestImages.decode(Rasterizer.png(webp, 16));

    assertThat(square.getRGB(8, 8)).isEqualTo(0xff2080c0);
  }

  @Test
  void anSvg_isDrawnAtEachSizeFittedAndCentred() {
    // given a red rectangle filling a 2:1 viewBox
    InspectedImage svg =
        ImageInspector.inspect(
            utf8(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\">"
                    + "<rect width=\"200\" height=\"100\" fill=\"#f00\"/></svg>"));

    // when
    Map<Integer, byte[]> pngs = Rasterizer.pngs(svg, List.of(16, 100));

    // then
    BufferedImage large = TestImages.decode(pngs.get(100));
    assertThat(TestImages.pngSize(pngs.get(100))).containsExactly(100, 100);
    assertThat(large.getRGB(50, 50)).isEqualTo(OPAQUE_RED);
    assertThat(large.getRGB(1, 30)).isEqualTo(OPAQUE_RED);
    assertThat(alpha(large.getRGB(50, 10))).isZero();
    assertThat(alpha(large.getRGB(50, 90))).isZero();
    assertThat(TestImages.pngSize(pngs.get(16))).containsExactly(16, 16);
  }

  @Test
  void anSvgSizedInPixelsWithoutAViewBox_isScaledNotCropped() {
    // given a circle in the bottom right corner of a 100×100 document
    InspectedImage svg =
        ImageInspector.inspect(
            utf8(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
                    + "<circle cx=\"90\" cy=\"90\" r=\"10\" fill=\"#f00\"/></svg>"));

    BufferedImage square = TestImages.decode(Rasterizer.png(svg, 20));

    assertThat(square.getRGB(18, 18)).isEqualTo(OPAQUE_RED);
    assertThat(alpha(square.getRGB(2, 2))).isZero();
  }

  @Test
  void aSizeOutsideTheRange_isAnError() {
    InspectedImage image = ImageInspector.inspect(TestImages.png(8, 8, Color.RED));

    assertThatThrownBy(() -> Rasterizer.png(image, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rasterizer.png(image, Rasterizer.MAX_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int alpha(int argb) {
    return argb >>> 24;
  }
}
