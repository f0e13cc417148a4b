package dev.topgun.branding.images;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.attributes.ViewBox;
import java.awt.AlphaComposite;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders an accepted image into square PNGs: fitted inside the square, centred, the rest
 * transparent. An SVG is drawn at each size by JSVG; a raster image is scaled down by halving (each
 * halving step averages 2×2 pixels, as a box filter) and then bicubic to the exact size, so that
 * fine detail turns into shades instead of jagged noise.
 */
public final class Rasterizer {

  /** The largest square rendered: a favicon is at most 512; a little room for other uses. */
  public static final int MAX_SIZE = 1024;

  private Rasterizer() {}

  /** One {@code size}×{@code size} PNG of the image. */
  public static byte[] png(InspectedImage image, int size) {
    return pngs(image, List.of(size)).get(size);
  }

  /** A PNG for each size, in the order given; the image is decoded once for all of them. */
  public static Map<Integer, byte[]> pngs(InspectedImage image, Collection<Integer> sizes) {
    for (int size : sizes) {
      if (size < 1 || size > MAX_SIZE) {
        throw new IllegalArgumentException("a square of 1 to " + MAX_SIZE + " pixels, not " + size);
      }
    }
    Source source = source(image);
    Map<Integer, byte[]> pngs = new LinkedHashMap<>();
    for (int size : sizes) {
      pngs.computeIfAbsent(size, s -> encode(source.square(s)));
    }
    return Collections.unmodifiableMap(pngs);
  }

  /** The image as one {@code size}×{@code size} ARGB picture. */
  static BufferedImage square(InspectedImage image, int size) {
    return source(image).square(size);
  }

  private interface Source {
    BufferedImage square(int size);
  }

  private static Source source(InspectedImage image) {
    if (image.format() == ImageFormat.SVG) {
      SVGDocument document = Svg.load(image.bytesUnsafe());
      return size -> svgSquare(document, image.width(), image.height(), size);
    }
    BufferedImage pixels = RasterDecoder.decode(image.format(), image.bytesUnsafe()).image();
    BufferedImage premultiplied = draw(pixels, pixels.getWidth(), pixels.getHeight(), false);
    return size -> rasterSquare(premultiplied, size);
  }

  private static BufferedImage svgSquare(SVGDocument document, int width, int height, int size) {
    double scale = Math.min((double) size / width, (double) size / height);
    float w = (float) (width * scale);
    float h = (float) (height * scale);
    BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = canvas.createGraphics();
    try {
      quality(g, true);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      document.render((Component) null, g, new ViewBox((size - w) / 2, (size - h) / 2, w, h));
    } finally {
      g.dispose();
    }
    return canvas;
  }

  private static BufferedImage rasterSquare(BufferedImage source, int size) {
    int width = source.getWidth();
    int height = source.getHeight();
    double scale = Math.min((double) size / width, (double) size / height);
    int targetWidth = (int) Math.max(1, Math.round(width * scale));
    int targetHeight = (int) Math.max(1, Math.round(height * scale));
    BufferedImage current = source;
    while (current.getWidth() > targetWidth || current.getHeight() > targetHeight) {
      int w = Math.max(targetWidth, current.getWidth() / 2);
      int h = Math.max(targetHeight, current.getHeight() / 2);
      boolean halving = w * 2 == current.getWidth() && h * 2 == current.getHeight();
      current = draw(current, w, h, !halving);
    }
    if (current.getWidth() != targetWidth || current.getHeight() != targetHeight) {
      current = draw(current, targetWidth, targetHeight, true); // enlarging a small image
    }
    BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setComposite(AlphaComposite.Src);
      g.drawImage(current, (size - targetWidth) / 2, (size - targetHeight) / 2, null);
    } finally {
      g.dispose();
    }
    return canvas;
  }

  /**
   * The image drawn at {@code width}×{@code height} into premultiplied ARGB, where interpolation
   * weighs colours by their opacity (so transparent pixels do not bleed a dark fringe).
   */
  private static BufferedImage draw(BufferedImage from, int width, int height, boolean bicubic) {
    BufferedImage to = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB_PRE);
    Graphics2D g = to.createGraphics();
    try {
      quality(g, bicubic);
      g.setComposite(AlphaComposite.Src);
      g.drawImage(from, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return to;
  }

  private static void quality(Graphics2D g, boolean bicubic) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setRenderingHint(
        RenderingHints.KEY_ALPHA_INTERPOLATION, RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
    g.setRenderingHint(
        RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION,
        bicubic
            ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
            : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
  }

  private static byte[] encode(BufferedImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this Java runtime has no ImageIO PNG writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // In memory: no temporary files, whatever ImageIO.setUseCache says.
    try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(image);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
