package dev.topgun.branding.domain;

import dev.topgun.shared.branding.Favicon;
import java.util.List;

/**
 * The favicon set generated from one source image (the favicon, else the logo): a PNG per size and
 * the {@code .ico} of 16, 32 and 48; {@code sourceSha256} says which image it came from, so a new
 * logo regenerates a set made from the old one and leaves one made from a favicon alone.
 */
public record FaviconRefs(String sourceSha256, List<Favicon> pngs, String icoUrl) {

  public FaviconRefs {
    pngs = List.copyOf(pngs);
  }
}
