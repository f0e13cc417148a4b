package dev.topgun.branding.images;

import java.util.Arrays;
import java.util.Objects;

/** A file to serve: its bytes and the {@code Content-Type} they are served with. */
public record Asset(byte[] bytes, String mediaType) {

  public Asset {
    bytes = bytes.clone();
    Objects.requireNonNull(mediaType, "mediaType");
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Asset other
        && mediaType.equals(other.mediaType)
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bytes) + mediaType.hashCode();
  }

  @Override
  public String toString() {
    return "Asset[" + mediaType + ", " + bytes.length + " bytes]";
  }
}
