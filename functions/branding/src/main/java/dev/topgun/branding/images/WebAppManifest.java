package dev.topgun.branding.images;

import dev.topgun.shared.branding.Favicon;
import java.util.List;
import java.util.Objects;

/**
 * A brand's web app manifest ({@code site.webmanifest}): what a browser shows when the console is
 * installed or pinned. The output is the same for the same input, key for key and byte for byte, so
 * that its content hash only changes when the brand does.
 */
public final class WebAppManifest {

  /** The type the manifest is served with. */
  public static final String MEDIA_TYPE = "application/manifest+json";

  private WebAppManifest() {}

  /**
   * The manifest JSON. {@code shortName} falls back to {@code name}; a null colour is left out.
   * Every icon is listed in the order given, as a square PNG.
   */
  public static String json(
      String name,
      String shortName,
      String themeColor,
      String backgroundColor,
      List<Favicon> icons) {
    Objects.requireNonNull(name, "name");
    StringBuilder json = new StringBuilder(256 + 96 * icons.size());
    json.append("{\n");
    member(json, "name", name).append(",\n");
    member(json, "short_name", shortName == null ? name : shortName).append(",\n");
    json.append("  \"icons\": [");
    for (int i = 0; i < icons.size(); i++) {
      Favicon icon = icons.get(i);
      json.append(i == 0 ? "\n" : ",\n").append("    {");
      json.append("\"src\": ");
      string(json, icon.url());
      json.append(", \"sizes\": ");
      string(json, icon.size() + "x" + icon.size());
      json.append(", \"type\": \"image/png\"}");
    }
    json.append(icons.isEmpty() ? "],\n" : "\n  ],\n");
    if (themeColor != null) {
      member(json, "theme_color", themeColor).append(",\n");
    }
    if (backgroundColor != null) {
      member(json, "background_color", backgroundColor).append(",\n");
    }
    member(json, "display", "standalone").append(",\n");
    member(json, "start_url", "/").append('\n');
    return json.append("}\n").toString();
  }

  private static StringBuilder member(StringBuilder json, String key, String value) {
    json.append("  ");
    string(json, key);
    json.append(": ");
    string(json, value);
    return json;
  }

  /**
   * A JSON string. Beyond what JSON requires, {@code <}, {@code >} and {@code &} are escaped (the
   * text stays inert if a page ever inlines it), as are U+2028/U+2029 (line ends to JavaScript) and
   * lone surrogates (which have no UTF-8 form).
   */
  static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          boolean pairedSurrogate =
              Character.isHighSurrogate(c)
                      && i + 1 < value.length()
                      && Character.isLowSurrogate(value.charAt(i + 1))
                  || Character.isLowSurrogate(c)
                      && i > 0
                      && Character.isHighSurrogate(value.charAt(i - 1));
          if (c < 0x20
              || c == '<'
              || c == '>'
              || c == '&'
              || c == '\u2028'
              || c == '\u2029'
              || (Character.isSurrogate(c) && !pairedSurrogate)) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
