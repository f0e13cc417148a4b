package dev.topgun.branding.images;

import java.util.Arrays;
import java.util.Objects;

/**
 * An upload {@link ImageInspector} accepted: its type by content, its size in pixels, and the bytes
 * to store. For a raster image these are the uploaded bytes; for an SVG they are the sanitized,
 * re-serialised document.
 */
public record InspectedImage(ImageFormat format, int width, int height, byte[] bytes) {

  public InspectedImage {
    Objects.requireNonNull(format, "format");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("an image has at least one pixel each way");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The stored bytes without a copy, for this package's readers, which never write to them. */
  byte[] bytesUnsafe() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InspectedImage other
        && format == other.format
        && width == other.width
        && height == other.height
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, width, height, Arrays.hashCode(bytes));
  }

  @Override
  public String toString() {
    return "InspectedImage["
        + format
        + " "
        + width
        + "x"
        + height
        + ", "
        + bytes.length
        + " bytes]";
  }
}
