package dev.topgun.branding.images;

import java.util.Objects;
import java.util.Set;

/**
 * An upload that is not an image a brand may use. The {@link #reason()} is a stable code for
 * clients, logs and tests; the message says, in words a person can act on, what was wrong.
 */
public final class InvalidImageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** No bytes at all. */
  public static final String EMPTY = "empty";

  /**
   * More than {@link ImageInspector#MAX_BYTES} bytes, or compressed metadata that would expand
   * beyond that when read.
   */
  public static final String TOO_LARGE = "too_large";

  /** The content is none of PNG, JPEG, WebP or SVG (whatever the name or declared type). */
  public static final String UNSUPPORTED_TYPE = "unsupported_type";

  /** The file ends before its format says it does (no PNG IEND, no JPEG EOI, short RIFF). */
  public static final String TRUNCATED = "truncated";

  /** The structure is broken (a bad PNG CRC, a malformed segment) or the pixels do not decode. */
  public static final String CORRUPT = "corrupt";

  /** Zero pixels, or more than {@link ImageInspector#MAX_EDGE} either way. */
  public static final String DIMENSIONS = "dimensions";

  /** Bytes after the image's end, or HTML or script markup inside a raster file. */
  public static final String POLYGLOT = "polyglot";

  /** An SVG with scripts, event handlers, outside references or elements beyond plain drawing. */
  public static final String SVG_UNSAFE = "svg_unsafe";

  static final Set<String> REASONS =
      Set.of(
          EMPTY, TOO_LARGE, UNSUPPORTED_TYPE, TRUNCATED, CORRUPT, DIMENSIONS, POLYGLOT, SVG_UNSAFE);

  private final String reason;

  InvalidImageException(String reason, String message) {
    this(reason, message, null);
  }

  InvalidImageException(String reason, String message, Throwable cause) {
    super(message, cause, false, false);
    if (!REASONS.contains(reason)) {
      throw new IllegalArgumentException("unknown reason " + reason);
    }
    this.reason = Objects.requireNonNull(reason);
  }

  /** One of the constants of this class, e.g. {@code polyglot}. */
  public String reason() {
    return reason;
  }
}
