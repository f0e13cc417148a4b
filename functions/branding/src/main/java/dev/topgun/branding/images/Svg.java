package dev.topgun.branding.images;

import static dev.topgun.branding.images.InvalidImageException.CORRUPT;

import com.github.weisj.jsvg.SVGDocument;
import com.github.weisj.jsvg.parser.DocumentLimits;
import com.github.weisj.jsvg.parser.LoaderContext;
import com.github.weisj.jsvg.parser.ResourcePolicy;
import com.github.weisj.jsvg.parser.SVGLoader;
import java.io.ByteArrayInputStream;
import java.net.URI;

/** What the SVG classes share: namespaces, and JSVG set to read nothing outside the document. */
final class Svg {

  static final String SVG_NS = "http://www.w3.org/2000/svg";
  static final String XLINK_NS = "http://www.w3.org/1999/xlink";

  /** JSVG's own defaults, named here because the sanitizer refuses deeper documents first. */
  static final DocumentLimits LIMITS =
      new DocumentLimits(
          DocumentLimits.DEFAULT_MAX_NESTING_DEPTH,
          DocumentLimits.DEFAULT_MAX_USE_NESTING_DEPTH,
          DocumentLimits.DEFAULT_MAX_PATH_COUNT);

  private Svg() {}

  /**
   * Loads a sanitized SVG into JSVG. Sanitizing already removed every outside reference; JSVG is
   * told to deny them all the same.
   */
  static SVGDocument load(byte[] sanitized) {
    LoaderContext context =
        LoaderContext.builder()
            .externalResourcePolicy(ResourcePolicy.DENY_ALL)
            .documentLimits(LIMITS)
            .build();
    SVGDocument document;
    try {
      document =
          new SVGLoader()
              .load(new ByteArrayInputStream(sanitized), URI.create("about:blank"), context);
    } catch (RuntimeException e) {
      throw new InvalidImageException(CORRUPT, "The SVG cannot be rendered.", e);
    }
    if (document == null) {
      throw new InvalidImageException(
          CORRUPT,
          "The SVG cannot be rendered (more than "
              + LIMITS.maxPathCount()
              + " shapes, or references nested too deep).");
    }
    return document;
  }

  /** A value short enough to quote in a message. */
  static String abbreviate(String value) {
    String oneLine = value.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }

  /** A {@code svg_unsafe} refusal naming the first thing found. */
  static InvalidImageException unsafe(String what) {
    return new InvalidImageException(
        InvalidImageException.SVG_UNSAFE,
        "The SVG holds "
            + what
            + ", which a logo may not: plain drawing elements only (shapes, paths, text,"
            + " gradients, clip paths, masks, patterns), referring only to their own parts (#id),"
            + " with no scripts, event handlers or outside files.");
  }
}
