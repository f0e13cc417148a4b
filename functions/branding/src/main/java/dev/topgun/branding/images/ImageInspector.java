package dev.topgun.branding.images;

import static dev.topgun.branding.images.InvalidImageException.DIMENSIONS;
import static dev.topgun.branding.images.InvalidImageException.EMPTY;
import static dev.topgun.branding.images.InvalidImageException.TOO_LARGE;
import static dev.topgun.branding.images.InvalidImageException.UNSUPPORTED_TYPE;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides whether uploaded bytes are a logo or favicon source a brand may use, by their content
 * alone: a file name or a declared type says nothing. A raster image must be complete, end where
 * its format says, hold no markup and decode in full; an SVG must be plain drawing and is stored
 * sanitized. The size is read from the header before any pixel is decoded.
 */
public final class ImageInspector {

  /** The most bytes an upload may have: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  /** The most pixels an image may have on either side. */
  public static final int MAX_EDGE = 4096;

  private ImageInspector() {}

  /**
   * The image the bytes hold.
   *
   * @throws InvalidImageException when they hold none a brand may use; its {@code reason()} says
   *     why
   */
  public static InspectedImage inspect(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidImageException(EMPTY, "The file is empty.");
    }
    if (bytes.length > MAX_BYTES) {
      throw new InvalidImageException(
          TOO_LARGE, "The file has " + bytes.length + " bytes; an image may have at most 1 MiB.");
    }
    ImageFormat format = sniff(bytes);
    return format == ImageFormat.SVG ? svg(bytes) : raster(format, bytes);
  }

  private static InspectedImage raster(ImageFormat format, byte[] bytes) {
    switch (format) {
      case PNG -> RasterContainers.png(bytes);
      case JPEG -> RasterContainers.jpeg(bytes);
      case WEBP -> RasterContainers.webp(bytes);
      case SVG -> throw new IllegalArgumentException("SVG is not a raster format");
    }
    RasterContainers.noMarkup(bytes, format);
    RasterDecoder.Decoded decoded = RasterDecoder.decode(format, bytes);
    return new InspectedImage(format, decoded.width(), decoded.height(), bytes);
  }

  private static InspectedImage svg(byte[] bytes) {
    SvgSanitizer.Sanitized sanitized = SvgSanitizer.sanitize(bytes);
    int width = sanitized.size().pixelWidth();
    int height = sanitized.size().pixelHeight();
    checkDimensions(ImageFormat.SVG, width, height);
    if (sanitized.bytes().length > MAX_BYTES) {
      throw new InvalidImageException(
          TOO_LARGE, "The SVG, once sanitized, has more than 1 MiB; simplify it.");
    }
    Svg.load(sanitized.bytes());
    return new InspectedImage(ImageFormat.SVG, width, height, sanitized.bytes());
  }

  static void checkDimensions(ImageFormat format, long width, long height) {
    if (width < 1 || height < 1) {
      throw new InvalidImageException(
          DIMENSIONS, "The " + format + " has no pixels (" + width + "×" + height + ").");
    }
    if (width > MAX_EDGE || height > MAX_EDGE) {
      throw new InvalidImageException(
          DIMENSIONS,
          "The "
              + format
              + " is "
              + width
              + "×"
              + height
              + " pixels; an image may have at most "
              + MAX_EDGE
              + " on either side.");
    }
  }

  /** The format by the first bytes, which every one of them fixes. */
  static ImageFormat sniff(byte[] b) {
    if (startsWith(b, 0, RasterContainers.PNG_SIGNATURE)) {
      return ImageFormat.PNG;
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return ImageFormat.JPEG;
    }
    if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
      return ImageFormat.WEBP;
    }
    if (looksLikeSvg(b)) {
      return ImageFormat.SVG;
    }
    throw new InvalidImageException(
        UNSUPPORTED_TYPE,
        "The file is "
            + knownOther(b)
            + ", not a PNG, JPEG, WebP or SVG image (its content decides, not its name).");
  }

  /** Markup (after an optional UTF-8 byte order mark and white space) that mentions svg. */
  private static boolean looksLikeSvg(byte[] b) {
    int at = startsWith(b, 0, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}) ? 3 : 0;
    while (at < b.length && (b[at] == ' ' || b[at] == '\t' || b[at] == '\r' || b[at] == '\n')) {
      at++;
    }
    if (at >= b.length || b[at] != '<') {
      return false;
    }
    String text = new String(b, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return text.contains("<svg") || text.contains(":svg");
  }

  private static String knownOther(byte[] b) {
    if (startsWith(b, 0, ascii("GIF8"))) {
      return "a GIF";
    }
    if (startsWith(b, 0, ascii("BM"))) {
      return "a BMP";
    }
    if (startsWith(b, 0, ascii("II*\0")) || startsWith(b, 0, ascii("MM\0*"))) {
      return "a TIFF";
    }
    if (startsWith(b, 4, ascii("ftyp"))) {
      return "an HEIC/AVIF";
    }
    if (startsWith(b, 0, ascii("%PDF"))) {
      return "a PDF";
    }
    if (startsWith(b, 0, new byte[] {0, 0, 1, 0})) {
      return "an ICO";
    }
    return "of another type";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
    if (b.length - offset < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
