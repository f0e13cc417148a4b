package dev.topgun.branding.theme;

/**
 * The checks made on the text of custom CSS itself, before (and after) any parser reads it: what
 * must be refused wherever it appears, since a parser that skips a part it cannot read may swallow
 * it unseen, and since escapes ({@code \6a avascript}) hide it from a plain search. The text is
 * read as CSS reads it — strings, comments and escapes decoded — into three views:
 *
 * <ul>
 *   <li>decoded: the text with escapes decoded; a {@code <} outside strings, or {@code </style}
 *       anywhere, is markup;
 *   <li>compact: decoded, without white space, control characters or comment delimiters, in lower
 *       case: where {@code javascript:}, {@code expression(} and {@code -moz-binding} are looked
 *       for, however they are split up;
 *   <li>code: decoded, outside strings and comments, in lower case: where {@code @import} and
 *       {@code @namespace} are looked for.
 * </ul>
 */
final class CssScan {

  /** How deep brackets may nest: real stylesheets stay far below; parsers recurse on each. */
  static final int MAX_NESTING = 32;

  private static final char REPLACEMENT = '\uFFFD';

  private final StringBuilder decoded;
  private final int[] lines;
  private final boolean[] quoted;
  private final boolean[] commented;
  private final CssProblems problems;

  private CssScan(String css, CssProblems problems) {
    this.decoded = new StringBuilder(css.length());
    this.lines = new int[css.length() + 1];
    this.quoted = new boolean[css.length() + 1];
    this.commented = new boolean[css.length() + 1];
    this.problems = problems;
    decode(css);
  }

  /** Adds to {@code problems} what the text of {@code css} shows. */
  static void check(String css, CssProblems problems) {
    CssScan scan = new CssScan(css, problems);
    scan.markup();
    scan.nesting();
    scan.compact();
    scan.code();
  }

  // Escapes decode to at most as many characters as they are written with, so the arrays sized to
  // the input hold the decoded text too.
  private void emit(int codePoint, int line, boolean inString, boolean inComment) {
    int at = decoded.length();
    decoded.appendCodePoint(codePoint);
    for (int i = at; i < decoded.length(); i++) {
      lines[i] = line;
      quoted[i] = inString;
      commented[i] = inComment;
    }
  }

  private void decode(String css) {
    int line = 1;
    char quote = 0;
    boolean comment = false;
    int i = 0;
    int n = css.length();
    while (i < n) {
      char c = css.charAt(i);
      if (comment) {
        emit(c, line, false, true);
        if (c == '*' && i + 1 < n && css.charAt(i + 1) == '/') {
          emit('/', line, false, true);
          comment = false;
          i += 2;
          continue;
        }
      } else if (c == '\\') {
        int end = escape(css, i, line, quote != 0);
        line += newlines(css, i, end);
        i = end;
        continue;
      } else if (quote != 0) {
        if (isNewline(c)) {
          quote = 0; // an unterminated string ends at the line's end
          emit(c, line, false, false);
        } else {
          emit(c, line, true, false);
          if (c == quote) {
            quote = 0;
          }
        }
      } else if (c == '/' && i + 1 < n && css.charAt(i + 1) == '*') {
        emit('/', line, false, true);
        emit('*', line, false, true);
        comment = true;
        i += 2;
        continue;
      } else {
        if (c == '"' || c == '\'') {
          quote = c;
          emit(c, line, true, false);
        } else {
          emit(c, line, false, false);
        }
      }
      if (isNewline(c) && !(c == '\r' && i + 1 < n && css.charAt(i + 1) == '\n')) {
        line++;
      }
      i++;
    }
  }

  /** The line breaks in {@code css} from {@code from} to {@code to}, a CR LF counting once. */
  private static int newlines(String css, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      char c = css.charAt(i);
      if (isNewline(c) && !(c == '\r' && i + 1 < to && css.charAt(i + 1) == '\n')) {
        count++;
      }
    }
    return count;
  }

  /**
   * Decodes the escape at {@code at} (a backslash), as CSS Syntax 3 §4.3.7 does, and returns the
   * index after it.
   */
  private int escape(String css, int at, int line, boolean inString) {
    int n = css.length();
    if (at + 1 >= n) {
      emit(REPLACEMENT, line, inString, false);
      return at + 1;
    }
    char next = css.charAt(at + 1);
    if (isNewline(next)) {
      if (inString) {
        // A line continuation: nothing is emitted.
        int end = at + 2;
        if (next == '\r' && end < n && css.charAt(end) == '\n') {
          end++;
        }
        return end;
      }
      emit('\\', line, false, false); // not an escape outside strings
      return at + 1;
    }
    if (Character.digit(next, 16) >= 0) {
      int end = at + 1;
      int value = 0;
      while (end < n && end < at + 7 && Character.digit(css.charAt(end), 16) >= 0) {
        value = value * 16 + Character.digit(css.charAt(end), 16);
        end++;
      }
      if (end < n && isWhitespace(css.charAt(end))) {
        char space = css.charAt(end);
        end++;
        if (space == '\r' && end < n && css.charAt(end) == '\n') {
          end++;
        }
      }
      boolean valid =
          value != 0 && value <= Character.MAX_CODE_POINT && (value < 0xD800 || value > 0xDFFF);
      emit(valid ? value : REPLACEMENT, line, inString, false);
      return end;
    }
    int codePoint = css.codePointAt(at + 1);
    emit(codePoint, line, inString, false);
    return at + 1 + Character.charCount(codePoint);
  }

  private void markup() {
    String lower = lowerAscii(decoded);
    int from = 0;
    while ((from = lower.indexOf("</style", from)) >= 0) {
      problems.add(
          CssProblem.STYLE_END_TAG,
          lines[from],
          "\"</style\" is not allowed anywhere in custom CSS, escaped or not.");
      from++;
    }
    for (int i = 0; i < decoded.length(); i++) {
      if (decoded.charAt(i) == '<' && !quoted[i] && !lower.startsWith("</style", i)) {
        problems.add(
            CssProblem.MARKUP,
            lines[i],
            "\"<\" is only allowed inside a quoted string: markup has no place in CSS.");
      }
    }
  }

  private void nesting() {
    int depth = 0;
    for (int i = 0; i < decoded.length(); i++) {
      if (quoted[i] || commented[i]) {
        continue;
      }
      char c = decoded.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
        if (depth > MAX_NESTING) {
          problems.add(
              CssProblem.TOO_DEEP, lines[i], "Brackets nest more than " + MAX_NESTING + " deep.");
          return;
        }
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      }
    }
  }

  private void compact() {
    StringBuilder text = new StringBuilder(decoded.length());
    int[] at = new int[decoded.length()];
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      boolean delimiter =
          commented[i]
              && ((c == '/' && i + 1 < decoded.length() && decoded.charAt(i + 1) == '*')
                  || (c == '*' && i > 0 && decoded.charAt(i - 1) == '/')
                  || (c == '*' && i + 1 < decoded.length() && decoded.charAt(i + 1) == '/')
                  || (c == '/' && i > 0 && decoded.charAt(i - 1) == '*'));
      if (c <= ' ' || c == 0x7f || delimiter) {
        continue;
      }
      at[text.length()] = lines[i];
      text.append(lowerAscii(c));
    }
    String compact = text.toString();
    find(
        compact,
        at,
        "javascript:",
        CssProblem.SCRIPT_URL,
        "\"javascript:\" is not allowed anywhere in custom CSS, escaped or not.");
    find(
        compact,
        at,
        "vbscript:",
        CssProblem.SCRIPT_URL,
        "\"vbscript:\" is not allowed anywhere in custom CSS, escaped or not.");
    find(
        compact,
        at,
        "expression(",
        CssProblem.EXPRESSION,
        "expression() is not allowed: it runs script in old browsers.");
    find(
        compact,
        at,
        "-moz-binding",
        CssProblem.BINDING,
        "-moz-binding is not allowed: it binds code to elements.");
  }

  private void code() {
    StringBuilder text = new StringBuilder(decoded.length());
    int[] at = new int[decoded.length()];
    for (int i = 0; i < decoded.length(); i++) {
      if (!quoted[i] && !commented[i]) {
        at[text.length()] = lines[i];
        text.append(lowerAscii(decoded.charAt(i)));
      }
    }
    String code = text.toString();
    find(
        code,
        at,
        "@import",
        CssProblem.IMPORT,
        "@import is not allowed: custom CSS cannot load other stylesheets.");
    find(
        code,
        at,
        "@namespace",
        CssProblem.NAMESPACE,
        "@namespace is not allowed: it would change what the console's selectors match.");
  }

  private void find(String text, int[] lineAt, String needle, String code, String message) {
    int from = 0;
    while ((from = text.indexOf(needle, from)) >= 0) {
      problems.add(code, lineAt[from], message);
      from += needle.length();
    }
  }

  private static boolean isNewline(char c) {
    return c == '\n' || c == '\r' || c == '\f';
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || isNewline(c);
  }

  private static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  private static String lowerAscii(CharSequence text) {
    StringBuilder lower = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      lower.append(lowerAscii(text.charAt(i)));
    }
    return lower.toString();
  }
}
