package dev.topgun.branding.theme;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** Which URLs custom CSS may load: the brand's own assets. */
public final class AssetUrls {

  private AssetUrls() {}

  /** No URL at all. */
  public static Predicate<String> none() {
    return url -> false;
  }

  /**
   * URLs under one of {@code prefixes} (each ending in {@code /}, such as {@code
   * /v1/branding/assets/<orgId>/}) and naming a file there: the rest is path segments of letters,
   * digits, {@code . _ ~ -}, with no empty, {@code .} or {@code ..} segment, no query and no
   * fragment. A URL that could step out of its prefix is not one of the brand's assets.
   */
  public static Predicate<String> under(Collection<String> prefixes) {
    List<String> copy = List.copyOf(prefixes);
    for (String prefix : copy) {
      if (prefix.isEmpty() || !prefix.endsWith("/")) {
        throw new IllegalArgumentException("an asset prefix ends with '/': " + prefix);
      }
    }
    return url -> {
      if (url == null) {
        return false;
      }
      for (String prefix : copy) {
        if (url.startsWith(prefix) && isPlainPath(url.substring(prefix.length()))) {
          return true;
        }
      }
      return false;
    };
  }

  private static boolean isPlainPath(String rest) {
    if (rest.isEmpty()) {
      return false;
    }
    for (String segment : rest.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        boolean plain =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '-';
        if (!plain) {
          return false;
        }
      }
    }
    return true;
  }
}
