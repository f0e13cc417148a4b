package dev.topgun.branding.images;

import static dev.topgun.branding.images.InvalidImageException.CORRUPT;
import static dev.topgun.branding.images.InvalidImageException.DIMENSIONS;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG, JPEG and WebP with ImageIO, reading the size from the header first, so that an image
 * claiming more pixels than allowed is refused before a single pixel is inflated.
 */
final class RasterDecoder {

  /** The pixels and the size the header declared. */
  record Decoded(int width, int height, BufferedImage image) {}

  private RasterDecoder() {}

  /** The header's size, checked against {@link ImageInspector#MAX_EDGE}, then the pixels. */
  static Decoded decode(ImageFormat format, byte[] bytes) {
    ImageReader reader = reader(format);
    // TwelveMonkeys' VP8L bit reader reads eight bytes ahead and fails on a small lossless WebP
    // that ends within them; the container is checked already, so zeros after it are read by
    // nothing but that look-ahead.
    byte[] input = format == ImageFormat.WEBP ? Arrays.copyOf(bytes, bytes.length + 16) : bytes;
    // In memory: no temporary files, whatever ImageIO.setUseCache says.
    try (ImageInputStream stream =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(input))) {
      reader.setInput(stream, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      ImageInspector.checkDimensions(format, width, height);
      StringBuilder warnings = new StringBuilder();
      reader.addIIOReadWarningListener((source, warning) -> warnings.append(warning).append(' '));
      BufferedImage image = reader.read(0, reader.getDefaultReadParam());
      if (!warnings.isEmpty()) {
        throw new InvalidImageException(
            CORRUPT, "The " + format + " is damaged: " + warnings.toString().strip());
      }
      if (image.getWidth() != width || image.getHeight() != height) {
        throw new InvalidImageException(
            DIMENSIONS, "The " + format + "'s pixels do not match the size its header declares.");
      }
      return new Decoded(width, height, image);
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidImageException refusal) {
        throw refusal;
      }
      // Decoders signal damaged input with IIOException and, on hostile input, with any runtime
      // exception (index out of bounds, illegal state); to the uploader it is one thing.
      throw new InvalidImageException(
          CORRUPT, "The " + format + " could not be decoded: the file is damaged.", e);
    } finally {
      reader.dispose();
    }
  }

  private static ImageReader reader(ImageFormat format) {
    return switch (format) {
      case PNG -> jdkReader("png");
      case JPEG -> jdkReader("jpeg");
      // Directly, not through the service registry: the shaded Lambda jar and the thread's class
      // loader then cannot decide whether WebP is readable.
      case WEBP -> new WebPImageReaderSpi().createReaderInstance(null);
      case SVG -> throw new IllegalArgumentException("SVG is not a raster format");
    };
  }

  private static ImageReader jdkReader(String name) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name);
    if (!readers.hasNext()) {
      throw new IllegalStateException("this Java runtime has no ImageIO reader for " + name);
    }
    return readers.next();
  }
}
