package dev.topgun.branding.theme;

/**
 * One reason a brand's custom CSS is refused.
 *
 * @param code stable, one of the constants here
 * @param line the 1-based line of the custom CSS it is on, or null when it is about the whole text
 * @param message what is wrong, in words the brand's owner can act on
 */
public record CssProblem(String code, Integer line, String message) {

  /** More than {@link CustomCss#MAX_BYTES} bytes of UTF-8. */
  public static final String TOO_LARGE = "too_large";

  /** Brackets nested deeper than real stylesheets ever need. */
  public static final String TOO_DEEP = "too_deep";

  /**
   * The parser failed on the text instead of skipping what it could not read (it does on an empty
   * {@code attr()}, for one): nothing of it can be checked, so none of it is taken.
   */
  public static final String UNREADABLE = "unreadable";

  /** {@code </style} anywhere, escapes decoded: it would end a style element the CSS is put in. */
  public static final String STYLE_END_TAG = "style_end_tag";

  /** A {@code <} outside a string: markup has no place in CSS. */
  public static final String MARKUP = "markup";

  /** {@code javascript:} (or {@code vbscript:}) anywhere, escapes decoded. */
  public static final String SCRIPT_URL = "script_url";

  /** {@code expression(}: script in old Internet Explorer. */
  public static final String EXPRESSION = "expression";

  /** {@code behavior} or {@code -moz-binding}: code bound to elements. */
  public static final String BINDING = "binding";

  /** {@code @import}: it would load a stylesheet nobody checked. */
  public static final String IMPORT = "import";

  /** {@code @namespace}: it would change what every selector of the console means. */
  public static final String NAMESPACE = "namespace";

  /** A {@code url()} (or an image-set string) that is not one of the brand's own assets. */
  public static final String FOREIGN_URL = "foreign_url";

  /** A {@code data:} URL: content nobody uploaded as an asset. */
  public static final String DATA_URL = "data_url";

  /** An {@code @font-face} whose {@code src} is not made of the brand's own asset URLs. */
  public static final String FONT_FACE_SOURCE = "font_face_source";
}
