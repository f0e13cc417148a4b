package dev.topgun.branding.images;

import static dev.topgun.branding.images.InvalidImageException.DIMENSIONS;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of an SVG in CSS pixels, from its root's {@code width}, {@code height} and {@code
 * viewBox}. An SVG with only a viewBox has no size of its own; it is given {@link #UNSIZED_EDGE}
 * pixels on its longer side, in the viewBox's proportions.
 */
record SvgSize(double width, double height) {

  static final int UNSIZED_EDGE = 512;

  private static final Pattern LENGTH =
      Pattern.compile(
          "\\+?((?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*(px|pt|pc|mm|cm|in)?");

  private static final Pattern RELATIVE_LENGTH =
      Pattern.compile("\\+?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?\\s*(%|em|ex|rem)");

  /**
   * The size the attributes give (each may be null), or a {@code dimensions} refusal when they give
   * none or a malformed one.
   */
  static SvgSize of(String width, String height, String viewBox) {
    Double w = length("width", width);
    Double h = length("height", height);
    double[] box = viewBox(viewBox);
    if (w != null && h != null) {
      return new SvgSize(w, h);
    }
    if (box == null) {
      throw new InvalidImageException(
          DIMENSIONS,
          "The SVG has no size: give its root element a viewBox, or a width and a height.");
    }
    if (w != null) {
      return new SvgSize(w, w * box[3] / box[2]);
    }
    if (h != null) {
      return new SvgSize(h * box[2] / box[3], h);
    }
    double longer = Math.max(box[2], box[3]);
    return new SvgSize(UNSIZED_EDGE * box[2] / longer, UNSIZED_EDGE * box[3] / longer);
  }

  /** Whole pixels, at least one where the length is not zero. */
  int pixelWidth() {
    return pixels(width);
  }

  int pixelHeight() {
    return pixels(height);
  }

  /** {@code 0 0 <width> <height>}: the viewBox that makes an SVG sized in pixels scale. */
  String asViewBox() {
    return "0 0 " + plain(width) + " " + plain(height);
  }

  private static int pixels(double length) {
    if (length <= 0 || length > Integer.MAX_VALUE) {
      return length <= 0 ? 0 : Integer.MAX_VALUE;
    }
    return (int) Math.max(1, Math.round(length));
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** An absolute length in pixels; null when absent or relative (a percentage, em). */
  private static Double length(String name, String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty() || v.equals("auto") || RELATIVE_LENGTH.matcher(v).matches()) {
      return null;
    }
    Matcher m = LENGTH.matcher(v);
    if (!m.matches()) {
      throw new InvalidImageException(
          DIMENSIONS, "The SVG's " + name + " \"" + Svg.abbreviate(value) + "\" is not a length.");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "px" : m.group(2);
    return switch (unit) {
      case "pt" -> number * 96 / 72;
      case "pc" -> number * 16;
      case "in" -> number * 96;
      case "cm" -> number * 96 / 2.54;
      case "mm" -> number * 96 / 25.4;
      default -> number;
    };
  }

  private static double[] viewBox(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String[] parts = value.strip().split("[\\s,]+");
    double[] box = new double[4];
    try {
      if (parts.length != 4) {
        throw new NumberFormatException();
      }
      for (int i = 0; i < 4; i++) {
        box[i] = Double.parseDouble(parts[i]);
        if (!Double.isFinite(box[i])) {
          throw new NumberFormatException();
        }
      }
    } catch (NumberFormatException e) {
      throw new InvalidImageException(
          DIMENSIONS,
          "The SVG's viewBox \""
              + Svg.abbreviate(value)
              + "\" is not four numbers (x, y, width, height).");
    }
    if (box[2] <= 0 || box[3] <= 0) {
      throw new InvalidImageException(
          DIMENSIONS, "The SVG's viewBox has no area: its width and height must be positive.");
    }
    return box;
  }
}
