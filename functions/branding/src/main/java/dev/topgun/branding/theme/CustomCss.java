package dev.topgun.branding.theme;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.htmlunit.cssparser.dom.AbstractCSSRuleImpl;
import org.htmlunit.cssparser.dom.CSSCharsetRuleImpl;
import org.htmlunit.cssparser.dom.CSSFontFaceRuleImpl;
import org.htmlunit.cssparser.dom.CSSImportRuleImpl;
import org.htmlunit.cssparser.dom.CSSMediaRuleImpl;
import org.htmlunit.cssparser.dom.CSSPageRuleImpl;
import org.htmlunit.cssparser.dom.CSSRuleListImpl;
import org.htmlunit.cssparser.dom.CSSStyleDeclarationImpl;
import org.htmlunit.cssparser.dom.CSSStyleRuleImpl;
import org.htmlunit.cssparser.dom.CSSStyleSheetImpl;
import org.htmlunit.cssparser.dom.CSSUnknownRuleImpl;
import org.htmlunit.cssparser.dom.CSSValueImpl;
import org.htmlunit.cssparser.dom.Property;
import org.htmlunit.cssparser.parser.CSSErrorHandler;
import org.htmlunit.cssparser.parser.CSSOMParser;
import org.htmlunit.cssparser.parser.CSSParseException;
import org.htmlunit.cssparser.parser.InputSource;
import org.htmlunit.cssparser.parser.LexicalUnit;
import org.htmlunit.cssparser.parser.Locatable;
import org.htmlunit.cssparser.parser.javacc.CSS3Parser;

/**
 * A brand's custom CSS, checked and rewritten. What could load or run anything foreign is refused
 * as a whole ({@link CustomCssRefusedException}, every problem listed); what the parser merely
 * cannot read, and rules that mean nothing here, are left out and listed ({@link CssRemoval}).
 *
 * <p>The result is written from the parsed rules, never copied from the input, so what the parser
 * did not read cannot reach the stylesheet. The parser's writer does not escape everything it
 * decoded (a {@code \22} in a string comes back as a bare quote), so the written text is parsed
 * again and checked again, and a rule that does not come back exactly as written is left out.
 */
public final class CustomCss {

  /** The most custom CSS a brand may have, in bytes of UTF-8. */
  public static final int MAX_BYTES = 64 * 1024;

  /** Functions whose string arguments are URLs that are loaded. */
  private static final Set<String> URL_FUNCTIONS =
      Set.of("url", "src", "image", "image-set", "-webkit-image-set", "cross-fade");

  /** Properties that bind code to elements. */
  private static final Set<String> BINDINGS = Set.of("behavior", "-ms-behavior", "-moz-binding");

  static final String WHY_CHARSET = "@charset is not needed: the stylesheet is always UTF-8.";
  static final String WHY_AT_RULE =
      "Only @media, @font-face and @page at-rules are kept; this one is not supported.";
  static final String WHY_EMPTY = "The rule has no declarations.";
  static final String WHY_EMPTY_MEDIA = "No rule is left inside it.";
  static final String WHY_NO_SRC = "An @font-face without src loads nothing.";
  static final String WHY_UNREADABLE = "The parser could not read it and skipped it: ";
  static final String WHY_NOT_REPRODUCIBLE =
      "It could not be written back exactly as it was read (an escape or character the"
          + " stylesheet cannot reproduce safely).";

  private CustomCss() {}

  /**
   * {@code css} checked and rewritten; empty for null or blank.
   *
   * @param allowedUrl the URLs the brand's CSS may load (its own assets, see {@link AssetUrls});
   *     {@code data:} URLs are refused whatever it says
   * @throws CustomCssRefusedException listing every problem, when anything must be refused
   */
  public static SanitizedCss sanitize(String css, Predicate<String> allowedUrl) {
    if (css == null || css.isBlank()) {
      return SanitizedCss.NONE;
    }
    int bytes = css.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new CustomCssRefusedException(
          List.of(
              new CssProblem(
                  CssProblem.TOO_LARGE,
                  null,
                  "Custom CSS is "
                      + bytes
                      + " bytes of UTF-8; at most "
                      + MAX_BYTES
                      + " are allowed.")));
    }
    CssProblems problems = new CssProblems();
    CssScan.check(css, problems);
    if (!problems.isEmpty() && problems.sorted().stream().anyMatch(CustomCss::stopsParsing)) {
      throw new CustomCssRefusedException(problems.sorted());
    }
    Parsed parsed = Parsed.of(css);
    if (parsed == null) {
      problems.add(
          CssProblem.UNREADABLE,
          null,
          "The CSS parser failed on this CSS rather than skipping what it could not read; look"
              + " for an unusual construct, such as an empty attr().");
      throw new CustomCssRefusedException(problems.sorted());
    }
    Rules rules = new Rules(allowedUrl, problems);
    List<AbstractCSSRuleImpl> kept = rules.keep(parsed.sheet().getCssRules());
    if (!problems.isEmpty()) {
      throw new CustomCssRefusedException(problems.sorted());
    }
    List<CssRemoval> removed = new ArrayList<>(rules.removed);
    String[] lines = css.split("\r\n|[\r\n\f]", -1);
    for (CSSParseException error : parsed.errors()) {
      int line = error.getLineNumber();
      String what =
          line >= 1 && line <= lines.length
              ? excerpt(lines[line - 1], error.getColumnNumber())
              : "";
      removed.add(new CssRemoval(line >= 1 ? line : null, what, WHY_UNREADABLE + reason(error)));
    }
    String written = writeBack(kept, allowedUrl, removed);
    removed.sort(
        Comparator.comparing(CssRemoval::line, Comparator.nullsLast(Comparator.naturalOrder())));
    return new SanitizedCss(written, removed);
  }

  /** Too deep a text is not handed to a recursive parser at all. */
  private static boolean stopsParsing(CssProblem problem) {
    return problem.code().equals(CssProblem.TOO_DEEP);
  }

  /**
   * The kept rules as text, one per line; a rule whose text does not parse back into exactly
   * itself, clean, is left out.
   */
  private static String writeBack(
      List<AbstractCSSRuleImpl> kept, Predicate<String> allowedUrl, List<CssRemoval> removed) {
    List<String> texts = new ArrayList<>(kept.size());
    for (AbstractCSSRuleImpl rule : kept) {
      texts.add(rule.getCssText());
    }
    if (reproduces(texts, allowedUrl)) {
      return String.join("\n", texts);
    }
    List<String> good = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      if (reproduces(List.of(texts.get(i)), allowedUrl)) {
        good.add(texts.get(i));
      } else {
        removed.add(new CssRemoval(line(kept.get(i)), head(texts.get(i)), WHY_NOT_REPRODUCIBLE));
      }
    }
    if (!reproduces(good, allowedUrl)) {
      removed.add(new CssRemoval(null, "every rule", WHY_NOT_REPRODUCIBLE));
      return "";
    }
    return String.join("\n", good);
  }

  /** Whether {@code texts}, joined, read back as exactly these rules with nothing to refuse. */
  private static boolean reproduces(List<String> texts, Predicate<String> allowedUrl) {
    String joined = String.join("\n", texts);
    CssProblems problems = new CssProblems();
    CssScan.check(joined, problems);
    if (!problems.isEmpty()) {
      return false;
    }
    Parsed parsed = Parsed.of(joined);
    if (parsed == null) {
      return false;
    }
    List<AbstractCSSRuleImpl> read = parsed.sheet().getCssRules().getRules();
    if (!parsed.errors().isEmpty() || read.size() != texts.size()) {
      return false;
    }
    Rules rules = new Rules(allowedUrl, problems);
    List<AbstractCSSRuleImpl> kept = rules.keep(parsed.sheet().getCssRules());
    if (!problems.isEmpty() || !rules.removed.isEmpty() || kept.size() != texts.size()) {
      return false;
    }
    for (int i = 0; i < texts.size(); i++) {
      if (!read.get(i).getCssText().equals(texts.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The parser's message without its list of every token it expected. */
  private static String reason(CSSParseException error) {
    String message = error.getMessage() == null ? "" : error.getMessage();
    int expecting = message.indexOf(" Was expecting");
    if (expecting >= 0) {
      message = message.substring(0, expecting) + (message.endsWith(")") ? ")" : "");
    }
    return message;
  }

  static Integer line(Locatable located) {
    return located.getLocator() == null || located.getLocator().getLineNumber() < 1
        ? null
        : located.getLocator().getLineNumber();
  }

  /** {@code text} on one line, white space collapsed, at most 80 characters. */
  static String shorten(String text) {
    String one = text.strip().replaceAll("\\s+", " ");
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }

  /** Up to 80 characters of {@code line} around the 1-based {@code column}. */
  static String excerpt(String line, int column) {
    if (line.length() <= 80 || column < 1) {
      return shorten(line);
    }
    int from = Math.max(0, Math.min(column - 1 - 30, line.length() - 80));
    return shorten(line.substring(from, from + 80));
  }

  /** A rule's head as the parser wrote it, without the {@code *} it puts before {@code .x}. */
  static String head(String written) {
    int block = written.indexOf('{');
    String head = block > 0 ? written.substring(0, block) : written;
    return shorten(head.replaceAll("(^|[\\s,>+~(])\\*(?=[.#:\\[])", "$1"));
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }

  /** A style sheet as the parser read it, and what it reported it could not read. */
  private record Parsed(CSSStyleSheetImpl sheet, List<CSSParseException> errors) {

    /** The parsed {@code css}, or null when the parser failed on it (a bug of the parser's). */
    static Parsed of(String css) {
      List<CSSParseException> errors = new ArrayList<>();
      CSSOMParser parser = new CSSOMParser(new CSS3Parser());
      parser.setErrorHandler(
          new CSSErrorHandler() {
            @Override
            public void warning(CSSParseException exception) {
              // Each warning ("ignoring the whole rule") follows the error it explains.
            }

            @Override
            public void error(CSSParseException exception) {
              errors.add(exception);
            }

            @Override
            public void fatalError(CSSParseException exception) {
              errors.add(exception);
            }
          });
      try (InputSource source = new InputSource(new StringReader(css))) {
        return new Parsed(parser.parseStyleSheet(source, null), errors);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  /** The check of parsed rules: what to refuse, what to leave out, what to keep. */
  private static final class Rules {

    private final Predicate<String> allowedUrl;
    private final CssProblems problems;
    private final List<CssRemoval> removed = new ArrayList<>();

    Rules(Predicate<String> allowedUrl, CssProblems problems) {
      this.allowedUrl = allowedUrl == null ? AssetUrls.none() : allowedUrl;
      this.problems = problems;
    }

    /** The rules of {@code list} to keep; {@code @media} rules keep only their kept rules. */
    List<AbstractCSSRuleImpl> keep(CSSRuleListImpl list) {
      List<AbstractCSSRuleImpl> kept = new ArrayList<>();
      for (AbstractCSSRuleImpl rule : list.getRules()) {
        if (keep(rule)) {
          kept.add(rule);
        }
      }
      return kept;
    }

    private boolean keep(AbstractCSSRuleImpl rule) {
      Integer line = line(rule);
      if (rule instanceof CSSStyleRuleImpl style) {
        return keepDeclarations(style.getStyle(), line, style.getSelectorText(), false);
      }
      if (rule instanceof CSSMediaRuleImpl media) {
        List<AbstractCSSRuleImpl> inner = keep(media.getCssRules());
        if (inner.isEmpty()) {
          removed.add(
              new CssRemoval(
                  line, shorten("@media " + media.getMediaList().getMediaText()), WHY_EMPTY_MEDIA));
          return false;
        }
        CSSRuleListImpl kept = new CSSRuleListImpl();
        inner.forEach(kept::add);
        media.setRuleList(kept);
        return true;
      }
      if (rule instanceof CSSFontFaceRuleImpl fontFace) {
        return keepFontFace(fontFace, line);
      }
      if (rule instanceof CSSPageRuleImpl page) {
        return keepDeclarations(page.getStyle(), line, "@page " + page.getSelectorText(), false);
      }
      if (rule instanceof CSSImportRuleImpl) {
        problems.add(
            CssProblem.IMPORT,
            line,
            "@import is not allowed: custom CSS cannot load other stylesheets.");
        return false;
      }
      if (rule instanceof CSSCharsetRuleImpl) {
        removed.add(new CssRemoval(line, shorten(rule.getCssText()), WHY_CHARSET));
        return false;
      }
      String text = rule.getCssText();
      if (rule instanceof CSSUnknownRuleImpl && lower(text).startsWith("@namespace")) {
        problems.add(
            CssProblem.NAMESPACE,
            line,
            "@namespace is not allowed: it would change what the console's selectors match.");
        return false;
      }
      removed.add(new CssRemoval(line, head(text), WHY_AT_RULE));
      return false;
    }

    private boolean keepFontFace(CSSFontFaceRuleImpl fontFace, Integer line) {
      boolean hasSource = false;
      for (Property property : fontFace.getStyle().getProperties()) {
        if (lower(property.getName()).equals("src")) {
          hasSource = true;
          checkFontSource(property.getValue(), lineOr(property, line));
        }
      }
      if (!hasSource) {
        removed.add(new CssRemoval(line, "@font-face", WHY_NO_SRC));
        return false;
      }
      return keepDeclarations(fontFace.getStyle(), line, "@font-face", true);
    }

    private boolean keepDeclarations(
        CSSStyleDeclarationImpl style, Integer line, String what, boolean fontFace) {
      List<Property> properties = style.getProperties();
      if (properties.isEmpty()) {
        removed.add(new CssRemoval(line, head(what), WHY_EMPTY));
        return false;
      }
      for (Property property : properties) {
        Integer at = lineOr(property, line);
        String name = lower(property.getName());
        if (BINDINGS.contains(name)) {
          problems.add(
              CssProblem.BINDING,
              at,
              property.getName() + " is not allowed: it binds code to elements.");
        }
        if (!(fontFace && name.equals("src"))) {
          checkValue(property.getValue(), at);
        }
      }
      return true;
    }

    private void checkValue(CSSValueImpl value, Integer line) {
      if (value == null) {
        return;
      }
      if (value.getCssValueType() == CSSValueImpl.CSSValueType.CSS_VALUE_LIST) {
        for (int i = 0; i < value.getLength(); i++) {
          checkValue(value.item(i), line);
        }
      } else if (value.getValue() instanceof LexicalUnit unit) {
        checkUnit(unit, line);
      }
    }

    private void checkUnit(LexicalUnit unit, Integer line) {
      if (unit.getLexicalUnitType() == LexicalUnit.LexicalUnitType.URI) {
        checkUrl(unit.getStringValue(), line, CssProblem.FOREIGN_URL);
      }
      String function = lower(unit.getFunctionName());
      if (function.equals("expression")) {
        problems.add(
            CssProblem.EXPRESSION,
            line,
            "expression() is not allowed: it runs script in old browsers.");
      }
      boolean loads = URL_FUNCTIONS.contains(function);
      for (LexicalUnit p = unit.getParameters(); p != null; p = p.getNextLexicalUnit()) {
        if (loads && p.getLexicalUnitType() == LexicalUnit.LexicalUnitType.STRING_VALUE) {
          checkUrl(p.getStringValue(), line, CssProblem.FOREIGN_URL);
        } else if (loads && isComputed(p)) {
          problems.add(
              CssProblem.FOREIGN_URL,
              line,
              "A URL in "
                  + function
                  + "() must be written out: one made with "
                  + lower(p.getFunctionName())
                  + "() cannot be checked.");
        }
        checkUnit(p, line);
      }
      for (LexicalUnit s = unit.getSubValues(); s != null; s = s.getNextLexicalUnit()) {
        checkUnit(s, line);
      }
    }

    private static boolean isComputed(LexicalUnit unit) {
      String function = lower(unit.getFunctionName());
      return function.equals("var")
          || function.equals("env")
          || function.equals("attr")
          || unit.getLexicalUnitType() == LexicalUnit.LexicalUnitType.ATTR;
    }

    /** {@code src} of an {@code @font-face}: only the brand's own font files, with their hints. */
    private void checkFontSource(CSSValueImpl value, Integer line) {
      List<CSSValueImpl> items = new ArrayList<>();
      if (value.getCssValueType() == CSSValueImpl.CSSValueType.CSS_VALUE_LIST) {
        for (int i = 0; i < value.getLength(); i++) {
          items.add(value.item(i));
        }
      } else {
        items.add(value);
      }
      for (CSSValueImpl item : items) {
        LexicalUnit unit = item.getValue() instanceof LexicalUnit u ? u : null;
        LexicalUnit.LexicalUnitType type = unit == null ? null : unit.getLexicalUnitType();
        String function = unit == null ? "" : lower(unit.getFunctionName());
        if (type == LexicalUnit.LexicalUnitType.URI) {
          checkUrl(unit.getStringValue(), line, CssProblem.FONT_FACE_SOURCE);
        } else if (type != LexicalUnit.LexicalUnitType.OPERATOR_COMMA
            && !function.equals("format")
            && !function.equals("tech")) {
          problems.add(
              CssProblem.FONT_FACE_SOURCE,
              line,
              "@font-face src may only name the brand's own font files with url(); \""
                  + shorten(item.getCssText())
                  + "\" is not one.");
        }
      }
    }

    private void checkUrl(String url, Integer line, String code) {
      String target = url == null ? "" : url.strip();
      if (lower(target).startsWith("data:")) {
        problems.add(
            code.equals(CssProblem.FONT_FACE_SOURCE) ? code : CssProblem.DATA_URL,
            line,
            "data: URLs are not allowed: upload the file as one of the brand's assets.");
      } else if (!allowedUrl.test(target)) {
        problems.add(
            code, line, "url(" + shorten(target) + ") is not one of the brand's own assets.");
      }
    }

    private static Integer lineOr(Locatable located, Integer fallback) {
      Integer line = line(located);
      return line == null ? fallback : line;
    }
  }
}
