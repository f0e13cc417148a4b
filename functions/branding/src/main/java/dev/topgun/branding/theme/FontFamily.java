package dev.topgun.branding.theme;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fonts a brand may choose, each with the CSS stack the theme writes. {@link Source#WEB_SAFE}
 * families are on the reader's machine (or are CSS generic families); {@link Source#SELF_HOSTED}
 * ones are served by the console itself, so the theme names them and loads nothing from elsewhere.
 * Every stack ends in a generic family.
 */
public enum FontFamily {
  SYSTEM_UI("system-ui", Source.WEB_SAFE, Stacks.SYSTEM),
  SANS_SERIF("sans-serif", Source.WEB_SAFE, "sans-serif"),
  SERIF("serif", Source.WEB_SAFE, "serif"),
  MONOSPACE(
      "monospace",
      Source.WEB_SAFE,
      "ui-monospace, SFMono-Regular, Menlo, Consolas, \"Liberation Mono\", \"Courier New\","
          + " monospace"),
  ARIAL("Arial", Source.WEB_SAFE, "Arial, \"Helvetica Neue\", Helvetica, sans-serif"),
  HELVETICA("Helvetica", Source.WEB_SAFE, "\"Helvetica Neue\", Helvetica, Arial, sans-serif"),
  GEORGIA("Georgia", Source.WEB_SAFE, "Georgia, \"Times New Roman\", Times, serif"),
  TIMES_NEW_ROMAN("Times New Roman", Source.WEB_SAFE, "\"Times New Roman\", Times, serif"),
  VERDANA("Verdana", Source.WEB_SAFE, "Verdana, Geneva, sans-serif"),
  TAHOMA("Tahoma", Source.WEB_SAFE, "Tahoma, Verdana, Geneva, sans-serif"),
  TREBUCHET_MS(
      "Trebuchet MS",
      Source.WEB_SAFE,
      "\"Trebuchet MS\", \"Lucida Grande\", \"Lucida Sans Unicode\", Arial, sans-serif"),
  COURIER_NEW("Courier New", Source.WEB_SAFE, "\"Courier New\", Courier, monospace"),
  INTER("Inter", Source.SELF_HOSTED, "Inter, " + Stacks.SYSTEM),
  ROBOTO("Roboto", Source.SELF_HOSTED, "Roboto, " + Stacks.SYSTEM),
  OPEN_SANS("Open Sans", Source.SELF_HOSTED, "\"Open Sans\", " + Stacks.SYSTEM),
  LATO("Lato", Source.SELF_HOSTED, "Lato, " + Stacks.SYSTEM),
  SOURCE_SANS_3("Source Sans 3", Source.SELF_HOSTED, "\"Source Sans 3\", " + Stacks.SYSTEM),
  NOTO_SANS("Noto Sans", Source.SELF_HOSTED, "\"Noto Sans\", " + Stacks.SYSTEM),
  IBM_PLEX_SANS("IBM Plex Sans", Source.SELF_HOSTED, "\"IBM Plex Sans\", " + Stacks.SYSTEM);

  /** Where the reader's browser gets the font. */
  public enum Source {
    /** Installed nearly everywhere, or a CSS generic family. */
    WEB_SAFE,
    /** Served by the console from its own origin; the stack falls back to the system UI font. */
    SELF_HOSTED
  }

  private static final class Stacks {
    static final String SYSTEM =
        "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial,"
            + " \"Noto Sans\", sans-serif";
  }

  private static final Map<String, FontFamily> BY_NAME =
      Stream.of(values())
          .collect(Collectors.toUnmodifiableMap(f -> key(f.family), Function.identity()));

  private final String family;
  private final Source source;
  private final String stack;

  FontFamily(String family, Source source, String stack) {
    this.family = family;
    this.source = source;
    this.stack = stack;
  }

  /**
   * The family a client names: its exact name ({@code "Open Sans"}, {@code "system-ui"}), in any
   * case.
   *
   * @throws ThemeInputException ({@link ThemeInputException#UNKNOWN_FONT_FAMILY}, field {@code
   *     fontFamily}) for any other name
   */
  public static FontFamily named(String family) {
    FontFamily found = family == null ? null : BY_NAME.get(key(family));
    if (found == null) {
      throw new ThemeInputException(
          ThemeInputException.UNKNOWN_FONT_FAMILY,
          "fontFamily",
          "fontFamily must be one of the offered fonts, such as \"system-ui\" or \"Inter\".");
    }
    return found;
  }

  /** The name a brand stores and a client sends. */
  public String family() {
    return family;
  }

  public Source source() {
    return source;
  }

  /** The value of {@code font-family}: this family first, then fallbacks, then a generic one. */
  public String stack() {
    return stack;
  }

  private static String key(String family) {
    return family.toLowerCase(Locale.ROOT);
  }
}
