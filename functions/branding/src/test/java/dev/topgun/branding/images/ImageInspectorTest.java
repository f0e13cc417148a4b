package dev.topgun.branding.images;

import static dev.topgun.branding.images.TestImages.ascii;
import static dev.topgun.branding.images.TestImages.chunk;
import static dev.topgun.branding.images.TestImages.concat;
import static dev.topgun.branding.images.TestImages.iend;
import static dev.topgun.branding.images.TestImages.ihdr;
import static dev.topgun.branding.images.TestImages.pngOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.Arrays;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

class ImageInspectorTest {

  // ---- accepted

  @Test
  void png_isAcceptedWithItsSizeAndBytes() {
    // given
    byte[] png = TestImages.png(300, 120, Color.RED);

    // when
    InspectedImage image = ImageInspector.inspect(png);

    // then
    assertThat(image.format()).isEqualTo(ImageFormat.PNG);
    assertThat(image.width()).isEqualTo(300);
    assertThat(image.height()).isEqualTo(120);
    assertThat(image.bytes()).isEqualTo(png);
  }

  @Test
  void jpeg_isAcceptedWithItsSize() {
    byte[] jpeg = TestImages.jpeg(64, 48, Color.BLUE);

    InspectedImage image = ImageInspector.inspect(jpeg);

    assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(image.width()).isEqualTo(64);
    assertThat(image.height()).isEqualTo(48);
    assertThat(image.format().mediaType()).isEqualTo("image/jpeg");
  }

  @Test
  void losslessWebp_isAcceptedWithItsSize() {
    byte[] webp = TestImages.webpLossless(5, 3, 0xff20a040);

    InspectedImage image = ImageInspector.inspect(webp);

    assertThat(image.format()).isEqualTo(ImageFormat.WEBP);
    assertThat(image.width()).isEqualTo(5);
    assertThat(image.height()).isEqualTo(3);
    assertThat(image.format().extension()).isEqualTo("webp");
  }

  @Test
  void anImageAtTheEdgeLimit_isAccepted() {
    byte[] png = TestImages.png(ImageInspector.MAX_EDGE, 1, Color.GREEN);

    assertThat(ImageInspector.inspect(png).width()).isEqualTo(4096);
  }

  // ---- size and type

  @Test
  void noBytes_isRefusedAsEmpty() {
    refusal(new byte[0]).isEqualTo(InvalidImageException.EMPTY);
    refusal(null).isEqualTo(InvalidImageException.EMPTY);
  }

  @Test
  void moreThanOneMebibyte_isRefusedBeforeItsTypeIsLookedAt() {
    byte[] png = TestImages.png(8, 8, Color.RED);
    byte[] big = Arrays.copyOf(png, ImageInspector.MAX_BYTES + 1);

    refusal(big).isEqualTo(InvalidImageException.TOO_LARGE);
  }

  @Test
  void aGif_isRefusedAsUnsupportedAndNamed() {
    byte[] gif = concat(ascii("GIF89a"), new byte[32]);

    assertThatThrownBy(() -> ImageInspector.inspect(gif))
        .isInstanceOfSatisfying(
            InvalidImageException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InvalidImageException.UNSUPPORTED_TYPE);
              assertThat(e.getMessage()).contains("GIF");
            });
  }

  @Test
  void textAndHtml_areRefusedAsUnsupported() {
    refusal(ascii("just some text")).isEqualTo(InvalidImageException.UNSUPPORTED_TYPE);
    refusal(ascii("<html><body>hello</body></html>"))
        .isEqualTo(InvalidImageException.UNSUPPORTED_TYPE);
  }

  @Test
  void aRiffThatIsNotWebp_isRefusedAsUnsupported() {
    byte[] wave = concat(ascii("RIFF"), new byte[] {4, 0, 0, 0}, ascii("WAVE"));

    refusal(wave).isEqualTo(InvalidImageException.UNSUPPORTED_TYPE);
  }

  // ---- PNG structure

  @Test
  void truncatedPng_isRefusedAsTruncated() {
    byte[] png = TestImages.png(40, 40, Color.RED);

    refusal(Arrays.copyOf(png, png.length - 20)).isEqualTo(InvalidImageException.TRUNCATED);
    refusal(Arrays.copyOf(png, png.length - 12)).isEqualTo(InvalidImageException.TRUNCATED);
  }

  @Test
  void pngWithABadCrc_isRefusedAsCorrupt() {
    // given a byte of the IDAT data changed, its CRC left as it was
    byte[] png = TestImages.png(40, 40, Color.RED);
    byte[] damaged = png.clone();
    int idat = indexOf(damaged, ascii("IDAT"));
    damaged[idat + 6] ^= 0x5a;

    // then
    assertThatThrownBy(() -> ImageInspector.inspect(damaged))
        .isInstanceOfSatisfying(
            InvalidImageException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InvalidImageException.CORRUPT);
              assertThat(e.getMessage()).contains("IDAT").contains("CRC");
            });
  }

  @Test
  void pngWhosePixelDataDoesNotInflate_isRefusedAsCorrupt() {
    // every CRC right, the compressed pixels garbage
    byte[] png = pngOf(ihdr(4, 4), chunk("IDAT", ascii("not a zlib stream")), iend());

    refusal(png).isEqualTo(InvalidImageException.CORRUPT);
  }

  @Test
  void pngHeaderClaiming5000x5000_isRefusedFromTheHeaderWithoutDecoding() {
    // given a header and no pixel data at all: decoding it would fail as corrupt
    byte[] png = pngOf(ihdr(5000, 5000), iend());

    // then the size refuses it first
    assertThatThrownBy(() -> ImageInspector.inspect(png))
        .isInstanceOfSatisfying(
            InvalidImageException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InvalidImageException.DIMENSIONS);
              assertThat(e.getMessage()).contains("5000×5000").contains("4096");
            });
  }

  @Test
  void pngOneColumnTooWide_isRefused() {
    refusal(pngOf(ihdr(4097, 10), iend())).isEqualTo(InvalidImageException.DIMENSIONS);
  }

  @Test
  void pngOfZeroPixels_isRefusedAsDimensions() {
    refusal(pngOf(ihdr(0, 10), iend())).isEqualTo(InvalidImageException.DIMENSIONS);
  }

  @Test
  void pngWithoutIhdrFirst_isRefusedAsCorrupt() {
    byte[] png = TestImages.png(4, 4, Color.RED);
    var chunks = TestImages.chunksOf(png);
    chunks.add(0, chunk("tEXt", ascii("Title\0first")));

    refusal(pngOf(chunks.toArray(byte[][]::new))).isEqualTo(InvalidImageException.CORRUPT);
  }

  @Test
  void pngWithCompressedMetadataExpandingBeyondTheLimit_isRefusedAsTooLarge() {
    // given 2 MiB of text in a zTXt chunk: about 2 KiB on the wire
    byte[] bomb =
        chunk(
            "zTXt",
            concat(ascii("Comment\0"), new byte[] {0}, TestImages.deflate(new byte[2 << 20])));
    byte[] png = TestImages.withChunkAfterHeader(TestImages.png(4, 4, Color.RED), bomb);

    // then
    assertThat(png.length).isLessThan(10_000);
    refusal(png).isEqualTo(InvalidImageException.TOO_LARGE);
  }

  @Test
  void pngWithSmallCompressedMetadata_isAccepted() {
    byte[] note =
        chunk("zTXt", concat(ascii("Comment\0"), new byte[] {0}, TestImages.deflate(ascii("hi"))));
    byte[] png = TestImages.withChunkAfterHeader(TestImages.png(4, 4, Color.RED), note);

    assertThat(ImageInspector.inspect(png).format()).isEqualTo(ImageFormat.PNG);
  }

  // ---- polyglots

  @Test
  void pngFollowedByHtml_isRefusedAsPolyglot() {
    byte[] polyglot =
        concat(TestImages.png(16, 16, Color.RED), ascii("<html><script>alert(1)</script></html>"));

    assertThatThrownBy(() -> ImageInspector.inspect(polyglot))
        .isInstanceOfSatisfying(
            InvalidImageException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InvalidImageException.POLYGLOT);
              assertThat(e.getMessage()).contains("after its end (IEND)");
            });
  }

  @Test
  void pngWithAScriptInsideATextChunk_isRefusedAsPolyglot() {
    byte[] text = chunk("tEXt", ascii("Comment\0<SCRIPT>alert(1)</SCRIPT>"));
    byte[] png = TestImages.withChunkAfterHeader(TestImages.png(16, 16, Color.RED), text);

    assertThatThrownBy(() -> ImageInspector.inspect(png))
        .isInstanceOfSatisfying(
            InvalidImageException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(InvalidImageException.POLYGLOT);
              assertThat(e.getMessage()).contains("<script");
            });
  }

  @Test
  void eachMarkupMarker_isRefusedInARasterFile() {
    for (String marker :
        new String[] {"<html>", "<body ", "<iframe/", "<svg>", "<?php", "<!DOCTYPE html"}) {
      byte[] text = chunk("tEXt", ascii("Comment\0" + marker));
      byte[] png = TestImages.withChunkAfterHeader(TestImages.png(4, 4, Color.RED), text);

      refusal(png).as(marker).isEqualTo(InvalidImageException.POLYGLOT);
    }
  }

  @Test
  void aTagNameRunningOn_isNotMarkup() {
    // "<svgfoo" and "<html5" are not the start of a tag a browser would act on
    byte[] text = chunk("tEXt", ascii("Comment\0<svgfoo <html5"));
    byte[] png = TestImages.withChunkAfterHeader(TestImages.png(4, 4, Color.RED), text);

    assertThat(ImageInspector.inspect(png).format()).isEqualTo(ImageFormat.PNG);
  }

  // ---- JPEG structure

  @Test
  void jpegFollowedByBytes_isRefusedAsPolyglot() {
    byte[] polyglot = concat(TestImages.jpeg(16, 16, Color.RED), ascii("<?php echo 1; ?>"));

    refusal(polyglot).isEqualTo(InvalidImageException.POLYGLOT);
  }

  @Test
  void jpegWithoutItsEndMarker_isRefusedAsTruncated() {
    byte[] jpeg = TestImages.jpeg(32, 32, Color.RED);

    refusal(Arrays.copyOf(jpeg, jpeg.length - 2)).isEqualTo(InvalidImageException.TRUNCATED);
    refusal(Arrays.copyOf(jpeg, jpeg.length / 2)).isEqualTo(InvalidImageException.TRUNCATED);
  }

  @Test
  void jpegWithAScriptInAComment_isRefusedAsPolyglot() {
    // given a COM segment right after SOI
    byte[] jpeg = TestImages.jpeg(16, 16, Color.RED);
    byte[] comment = ascii("<script>alert(1)</script>");
    byte[] segment =
        concat(new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) (comment.length + 2)}, comment);
    byte[] withComment =
        concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));

    refusal(withComment).isEqualTo(InvalidImageException.POLYGLOT);
  }

  // ---- WebP structure

  @Test
  void webpWithBytesBeyondItsRiffSize_isRefusedAsPolyglot() {
    byte[] webp = concat(TestImages.webpLossless(4, 4, 0xffff0000), ascii("<html>"));

    refusal(webp).isEqualTo(InvalidImageException.POLYGLOT);
  }

  @Test
  void webpShorterThanItsRiffSize_isRefusedAsTruncated() {
    byte[] webp = TestImages.webpLossless(4, 4, 0xffff0000);

    refusal(Arrays.copyOf(webp, webp.length - 2)).isEqualTo(InvalidImageException.TRUNCATED);
  }

  @Test
  void webpClaiming5000Wide_isRefusedAsDimensions() {
    refusal(TestImages.webpLossless(5000, 2, 0xffff0000))
        .isEqualTo(InvalidImageException.DIMENSIONS);
  }

  @Test
  void webpWhoseFirstChunkIsNoImage_isRefusedAsCorrupt() {
    byte[] webp = TestImages.webpLossless(4, 4, 0xffff0000);
    byte[] renamed = webp.clone();
    System.arraycopy(ascii("JUNK"), 0, renamed, 12, 4);

    refusal(renamed).isEqualTo(InvalidImageException.CORRUPT);
  }

  // ---- the exception

  @Test
  void everyReason_isOneOfTheDocumentedCodes() {
    assertThat(InvalidImageException.REASONS)
        .containsExactlyInAnyOrder(
            "empty",
            "too_large",
            "unsupported_type",
            "truncated",
            "corrupt",
            "dimensions",
            "polyglot",
            "svg_unsafe");
    assertThatThrownBy(() -> new InvalidImageException("nope", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inspectedImage_keepsItsOwnCopyOfTheBytes() {
    byte[] png = TestImages.png(4, 4, Color.RED);
    InspectedImage image = ImageInspector.inspect(png);
    byte[] before = image.bytes();

    png[20] ^= 1;
    image.bytes()[20] ^= 1;

    assertThat(image.bytes()).isEqualTo(before).isNotEqualTo(png);
  }

  /** The reason inspecting the bytes is refused with; fails when they are accepted. */
  static AbstractStringAssert<?> refusal(byte[] bytes) {
    try {
      InspectedImage accepted = ImageInspector.inspect(bytes);
      throw new AssertionError("accepted, as " + accepted);
    } catch (InvalidImageException e) {
      return assertThat(e.reason());
    }
  }

  private static int indexOf(byte[] b, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= b.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (b[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
