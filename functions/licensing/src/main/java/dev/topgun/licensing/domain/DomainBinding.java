package dev.topgun.licensing.domain;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which host names a license serves. An authorized domain is a host name ({@code
 * panel.example.com}) or a wildcard of one label ({@code *.example.com}: {@code a.example.com}, not
 * {@code example.com}, not {@code a.b.example.com} — as a TLS certificate's wildcard). Names
 * compare in lower-case ASCII (internationalized names as punycode) without a trailing dot. A
 * license without authorized domains is not bound to any.
 */
public final class DomainBinding {

  /** What an authorized domain must be, as a refusal says it. */
  public static final String EXPECTED = "must be a host name or *. and a host name";

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  static final int MAX_NAME = 253;

  private DomainBinding() {}

  /** A host name in canonical form, or empty when it is not one. */
  public static Optional<String> normalize(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      return Optional.empty();
    }
    String ascii;
    try {
      ascii = IDN.toASCII(name.strip(), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2 || ascii.length() > MAX_NAME) {
      return Optional.empty();
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.empty();
      }
    }
    return Optional.of(ascii);
  }

  /** An authorized-domain entry in canonical form (a host name or {@code *.} and one). */
  public static Optional<String> normalizePattern(String pattern) {
    if (pattern != null && pattern.strip().startsWith("*.")) {
      return normalize(pattern.strip().substring(2))
          .filter(base -> base.contains("."))
          .map(base -> "*." + base);
    }
    return normalize(pattern);
  }

  /** Whether {@code host} (canonical) is one of {@code authorized} (canonical patterns). */
  public static boolean allows(List<String> authorized, String host) {
    if (authorized == null || authorized.isEmpty()) {
      return true;
    }
    for (String pattern : authorized) {
      if (pattern.startsWith("*.")) {
        String base = pattern.substring(1); // ".example.com"
        if (host.endsWith(base)) {
          String first = host.substring(0, host.length() - base.length());
          if (!first.isEmpty() && !first.contains(".")) {
            return true;
          }
        }
      } else if (pattern.equals(host)) {
        return true;
      }
    }
    return false;
  }
}
