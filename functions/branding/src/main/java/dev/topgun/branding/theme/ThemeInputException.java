package dev.topgun.branding.theme;

/**
 * A theme input the generator cannot use: a color that is not {@code #rrggbb} (or {@code #rgb}), a
 * missing color of an effective brand, or a font family outside the safe list. {@link #field()}
 * names the input ({@code colors.dark.primary}, {@code fontFamily}); {@link #reason()} is stable.
 */
public final class ThemeInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A color that is not {@code #rrggbb} or {@code #rgb}. */
  public static final String INVALID_COLOR = "invalid_color";

  /** A color an effective brand must have is missing. */
  public static final String MISSING_COLOR = "missing_color";

  /** A font family that is not one of {@link FontFamily}'s. */
  public static final String UNKNOWN_FONT_FAMILY = "unknown_font_family";

  private final String reason;
  private final String field;

  public ThemeInputException(String reason, String field, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public String reason() {
    return reason;
  }

  /** The input at fault, as a path into the brand ({@code colors.primary}, {@code fontFamily}). */
  public String field() {
    return field;
  }
}
