package dev.topgun.branding.theme;

/**
 * A pair of brand colors whose WCAG 2.x contrast is below AA for normal text (4.5:1). A warning,
 * not a refusal: the brand is saved and served as it is.
 *
 * @param code stable: {@link ContrastCheck#TEXT_ON_PRIMARY} or {@link
 *     ContrastCheck#TEXT_ON_BACKGROUND}
 * @param mode {@code light} or {@code dark}
 * @param foreground the text color, {@code #rrggbb}
 * @param background the color under it, {@code #rrggbb}
 * @param ratio the contrast ratio, rounded to 2 decimals (4.48 means 4.48:1)
 * @param message what is wrong, in words the brand's owner can act on
 */
public record ContrastWarning(
    String code, String mode, String foreground, String background, double ratio, String message) {}
