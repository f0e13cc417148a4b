package dev.topgun.branding.domain;

import java.util.Map;

/** A generated favicon set: a PNG per size (pixels) and the {@code .ico} of 16, 32 and 48. */
public record FaviconFiles(Map<Integer, byte[]> pngs, byte[] ico) {

  public FaviconFiles {
    pngs = Map.copyOf(pngs);
  }
}
