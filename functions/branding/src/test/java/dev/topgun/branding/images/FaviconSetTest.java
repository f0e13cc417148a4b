package dev.topgun.branding.images;

import static dev.topgun.branding.images.TestImages.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.topgun.shared.branding.BrandDefaults;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaviconSetTest {

  /** One ICONDIRENTRY as read back from the bytes. */
  record IcoEntry(int width, int height, int planes, int bitsPerPixel, int size, int offset) {}

  /** The ICONDIR header's fields and entries, read as Windows reads them. */
  static List<IcoEntry> icoDirectory(byte[] ico) {
    ByteBuffer b = ByteBuffer.wrap(ico).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(0)).as("reserved").isZero();
    assertThat(b.getShort(2)).as("type: icon").isEqualTo((short) 1);
    int count = b.getShort(4);
    List<IcoEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int at = 6 + 16 * i;
      int width = b.get(at) & 0xff;
      int height = b.get(at + 1) & 0xff;
      entries.add(
          new IcoEntry(
              width == 0 ? 256 : width,
              height == 0 ? 256 : height,
              b.getShort(at + 4),
              b.getShort(at + 6),
              b.getInt(at + 8),
              b.getInt(at + 12)));
    }
    return entries;
  }

  @Test
  void fromAPng_everySizeIsASquarePngOfThatSize() {
    InspectedImage logo = ImageInspector.inspect(TestImages.png(640, 480, Color.ORANGE));

    GeneratedFavicons favicons = FaviconSet.generate(logo);

    assertThat(favicons.pngs().keySet()).containsExactlyElementsOf(BrandDefaults.FAVICON_SIZES);
    favicons
        .pngs()
        .forEach(
            (size, png) ->
                assertThat(TestImages.pngSize(png)).as("%d", size).containsExactly(size, size));
  }

  @Test
  void fromAPng_theIcoHolds16_32_48AsPngEntries() {
    InspectedImage logo = ImageInspector.inspect(TestImages.png(640, 480, Color.ORANGE));

    GeneratedFavicons favicons = FaviconSet.generate(logo);

    assertIcoOfSmallSizes(favicons);
  }

  @Test
  void fromAnSvg_everySizeAndTheIcoAreMade() {
    InspectedImage logo =
        ImageInspector.inspect(
            utf8(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">"
                    + "<circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"#0a0\"/></svg>"));

    GeneratedFavicons favicons = FaviconSet.generate(logo);

    for (int size : BrandDefaults.FAVICON_SIZES) {
      byte[] png = favicons.png(size);
      assertThat(TestImages.pngSize(png)).containsExactly(size, size);
      assertThat(TestImages.decode(png).getRGB(size / 2, size / 2)).isEqualTo(0xff00aa00);
    }
    assertIcoOfSmallSizes(favicons);
  }

  @Test
  void aLogoAtTheSizeLimit_yieldsEveryFavicon() {
    // given 4096×4096, a disc on transparency
    BufferedImage disc = new BufferedImage(4096, 4096, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = disc.createGraphics();
    g.setColor(Color.RED);
    g.fillOval(0, 0, 4096, 4096);
    g.dispose();
    InspectedImage logo = ImageInspector.inspect(TestImages.png(disc));

    // when
    GeneratedFavicons favicons = FaviconSet.generate(logo);

    // then the centre is the disc, the corners are transparent
    for (int size : BrandDefaults.FAVICON_SIZES) {
      BufferedImage png = TestImages.decode(favicons.png(size));
      assertThat(png.getRGB(size / 2, size / 2)).isEqualTo(0xffff0000);
      assertThat(png.getRGB(0, 0) >>> 24).isZero();
    }
  }

  @Test
  void aSizeThatIsNotMade_isAnError() {
    GeneratedFavicons favicons =
        FaviconSet.generate(ImageInspector.inspect(TestImages.png(8, 8, Color.RED)));

    assertThatThrownBy(() -> favicons.png(17)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertIcoOfSmallSizes(GeneratedFavicons favicons) {
    byte[] ico = favicons.ico();
    List<IcoEntry> entries = icoDirectory(ico);

    assertThat(entries).extracting(IcoEntry::width).containsExactly(16, 32, 48);
    int expectedOffset = 6 + 16 * entries.size();
    for (IcoEntry entry : entries) {
      assertThat(entry.height()).isEqualTo(entry.width());
      assertThat(entry.planes()).isEqualTo(1);
      assertThat(entry.bitsPerPixel()).isEqualTo(32);
      assertThat(entry.offset()).isEqualTo(expectedOffset);
      byte[] image = Arrays.copyOfRange(ico, entry.offset(), entry.offset() + entry.size());
      assertThat(TestImages.pngSize(image)).containsExactly(entry.width(), entry.width());
      assertThat(image).isEqualTo(favicons.png(entry.width()));
      expectedOffset += entry.size();
    }
    assertThat(ico.length).isEqualTo(expectedOffset);
  }
}
