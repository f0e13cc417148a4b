package dev.topgun.branding.images;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A brand's favicons: a PNG for each size (edge in pixels, smallest first) and one {@code .ico}
 * holding the small ones.
 */
public record GeneratedFavicons(Map<Integer, byte[]> pngs, byte[] ico) {

  public GeneratedFavicons {
    pngs = copy(pngs);
    ico = ico.clone();
  }

  /** A copy: the bytes are the record's own. */
  @Override
  public Map<Integer, byte[]> pngs() {
    return copy(pngs);
  }

  @Override
  public byte[] ico() {
    return ico.clone();
  }

  /** The PNG of one size. */
  public byte[] png(int size) {
    byte[] png = pngs.get(size);
    if (png == null) {
      throw new IllegalArgumentException("no favicon of " + size + " pixels");
    }
    return png.clone();
  }

  private static Map<Integer, byte[]> copy(Map<Integer, byte[]> pngs) {
    TreeMap<Integer, byte[]> copy = new TreeMap<>();
    pngs.forEach((size, png) -> copy.put(Objects.requireNonNull(size), png.clone()));
    return Collections.unmodifiableMap(copy);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GeneratedFavicons other)
        || !pngs.keySet().equals(other.pngs.keySet())
        || !Arrays.equals(ico, other.ico)) {
      return false;
    }
    return pngs.entrySet().stream()
        .allMatch(e -> Arrays.equals(e.getValue(), other.pngs.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    int hash = Arrays.hashCode(ico);
    for (Map.Entry<Integer, byte[]> e : pngs.entrySet()) {
      hash = 31 * hash + e.getKey() * 17 + Arrays.hashCode(e.getValue());
    }
    return hash;
  }

  @Override
  public String toString() {
    return "GeneratedFavicons[sizes=" + pngs.keySet() + ", ico=" + ico.length + " bytes]";
  }
}
