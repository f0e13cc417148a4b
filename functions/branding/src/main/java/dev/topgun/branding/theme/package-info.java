/**
 * A brand's stylesheet, as a pure function: {@link dev.topgun.branding.theme.ThemeCss#build} turns
 * an effective brand's colors, font and custom CSS into CSS custom properties ({@code --brand-*}),
 * the WCAG AA warnings of its colors and what of its custom CSS was left out. Custom CSS goes
 * through {@link dev.topgun.branding.theme.CustomCss}: refused as a whole when it could load or run
 * anything foreign, otherwise written back from the parsed rules. Plain Java: no framework, no I/O.
 */
package dev.topgun.branding.theme;
