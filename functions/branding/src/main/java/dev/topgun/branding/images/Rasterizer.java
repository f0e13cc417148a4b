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
import java.util.ArrayList;
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

  private interface Source {
    BufferedImage square(int size);
  }

  private static Source source(InspectedImage image) {
    if (image.format() == ImageFormat.SVG) {
      SVGDocument document = Svg.load(image.bytesUnsafe());
      return size -> svgSquare(document, image.width(), image.height(), size);
    }
    Halvings halvings =
        new Halvings(RasterDecoder.decode(image.format(), image.bytesUnsafe()).image());
    return halvings::square;
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

  /**
   * A decoded image and its halvings, each made once and kept for the next size: six favicon sizes
   * from a 4096×4096 logo cost one chain of halvings, not six.
   */
  private static final class Halvings {
    private final List<BufferedImage> levels = new ArrayList<>();

    Halvings(BufferedImage decoded) {
      levels.add(decoded);
    }

    BufferedImage square(int size) {
      BufferedImage source = levels.get(0);
      double scale =
          Math.min((double) size / source.getWidth(), (double) size / source.getHeight());
      int targetWidth = (int) Math.max(1, Math.round(source.getWidth() * scale));
      int targetHeight = (int) Math.max(1, Math.round(source.getHeight() * scale));
      int level = 0;
      while (levels.get(level).getWidth() / 2 >= targetWidth
          && levels.get(level).getHeight() / 2 >= targetHeight) {
        level = halved(level);
      }
      BufferedImage current = levels.get(level);
      if (current.getWidth() != targetWidth || current.getHeight() != targetHeight) {
        current = draw(current, targetWidth, targetHeight, true);
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

    /** The next level down, made when first needed; its index. */
    private int halved(int level) {
      if (level + 1 == levels.size()) {
        BufferedImage from = levels.get(level);
        // Bilinear at 2:1 samples between each pair of pixels: the average of each 2×2 block.
        levels.add(draw(from, from.getWidth() / 2, from.getHeight() / 2, false));
      }
      return level + 1;
    }
  }

  /**
   * The image drawn at {@code width}×{@code height} into premultiplied ARGB, where interpolation
   * weighs colours by their opacity (so transparent pixels do not bleed a dark fringe). Java2D
   * converts the source as it samples it: a decoded 4096×4096 image is not copied whole.
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
