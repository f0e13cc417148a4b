package dev.topgun.branding.images;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checks on CSS inside an SVG (a {@code style} attribute or a {@code <style>} element) and on
 * the {@code url(...)} references that presentation attributes such as {@code fill} may hold.
 *
 * <p>CSS is not parsed: it is refused when it holds anything that could load or run something.
 * Function names and at-keywords are single tokens in CSS, so a plain search finds them; CSS
 * escapes ({@code \75rl(}) could hide them and are refused outright.
 */
final class SvgCss {

  /** A reference to an element of the same document: {@code #id}. */
  private static final Pattern FRAGMENT = Pattern.compile("#[^\\s'\"()<>\\\\]+");

  /** CSS that loads something or runs something, found as written (lower case). */
  private static final String[] REFUSED = {
    "@import",
    "image-set(",
    "image(",
    "src(",
    "element(",
    "cross-fade(",
    "expression(",
    "-moz-binding",
    "behavior"
  };

  private SvgCss() {}

  /** Refuses a style sheet or style attribute that could reach outside the document or run. */
  static void checkStyle(String css, String where) {
    if (css.indexOf('\\') >= 0) {
      throw Svg.unsafe("a CSS escape (\\) in " + where);
    }
    String lower = css.toLowerCase(Locale.ROOT);
    for (String refused : REFUSED) {
      if (lower.contains(refused)) {
        throw Svg.unsafe(refused + " in " + where);
      }
    }
    checkUrls(css, where);
  }

  /** Refuses every {@code url(...)} that is not {@code url(#id)}. */
  static void checkUrls(String value, String where) {
    String lower = value.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("url(");
    while (at >= 0) {
      int close = lower.indexOf(')', at);
      if (close < 0) {
        throw Svg.unsafe("an unclosed url( in " + where);
      }
      String target = unquote(value.substring(at + 4, close).strip());
      if (!isFragment(target)) {
        throw Svg.unsafe("url(" + Svg.abbreviate(target) + ") in " + where);
      }
      at = lower.indexOf("url(", close);
    }
  }

  /** {@code #id}: the only kind of reference an accepted SVG may hold. */
  static boolean isFragment(String reference) {
    return FRAGMENT.matcher(reference.strip()).matches();
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && (s.charAt(0) == '"' || s.charAt(0) == '\'')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1).strip();
    }
    return s;
  }
}
