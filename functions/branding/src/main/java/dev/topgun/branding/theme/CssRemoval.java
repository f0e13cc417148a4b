package dev.topgun.branding.theme;

/**
 * Something in a brand's custom CSS the stylesheet leaves out, though the CSS as a whole is
 * accepted: what the parser could not read and skipped, rules it keeps no meaning for ({@code
 * @charset}, unknown at-rules), empty rules.
 *
 * @param line the 1-based line of the custom CSS it was on, or null when not known
 * @param what the part left out, as written (shortened when long)
 * @param why why it was left out
 */
public record CssRemoval(Integer line, String what, String why) {}
