package dev.topgun.branding.domain;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a claimable hostname is: a registrable DNS name (IDNs in punycode, lower case, no trailing
 * dot) of at least two labels, each 1–63 letters, digits or inner hyphens, at most 253 characters,
 * whose last label is not numeric — so never an IP address, never {@code localhost}.
 */
public final class HostnameNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private HostnameNames() {}

  /**
   * The canonical (ASCII) form of {@code input}.
   *
   * @throws BrandValidationException naming field {@code hostname} and what is wrong
   */
  public static String canonical(String input) {
    if (input == null || input.isBlank()) {
      throw BrandValidationException.of("hostname", "is required");
    }
    String raw = input.strip();
    if (raw.endsWith(".")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    if (raw.contains(":") || raw.startsWith("[") || IPV4.matcher(raw).matches()) {
      throw BrandValidationException.of("hostname", "must be a DNS name, not an IP address");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw BrandValidationException.of("hostname", "is not a valid hostname: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    if (ascii.length() > 253) {
      problems.add("must be at most 253 characters");
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      problems.add("must have at least two labels (e.g. panel.example.com)");
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        problems.add(
            "has an invalid label \"" + label + "\": 1 to 63 letters, digits or inner hyphens");
        break;
      }
    }
    if (labels.length >= 2 && labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      problems.add("must not end in a numeric label (an IP address is not a hostname)");
    }
    if (ascii.equals("localhost") || ascii.endsWith(".localhost")) {
      problems.add("must not be a localhost name");
    }
    if (!problems.isEmpty()) {
      throw BrandValidationException.of("hostname", String.join("; ", problems));
    }
    return ascii;
  }
}
