package dev.topgun.branding.theme;

import java.util.List;

/**
 * A brand's custom CSS as the stylesheet carries it: written from the parsed rules, never copied
 * from the input.
 *
 * @param css the rules kept, one per line ({@code @media} rules over several), empty when none
 * @param removed what was left out, in the order of the input
 */
public record SanitizedCss(String css, List<CssRemoval> removed) {

  public SanitizedCss {
    removed = List.copyOf(removed);
  }

  static final SanitizedCss NONE = new SanitizedCss("", List.of());
}
