package dev.topgun.branding.theme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomCssTest {

  private static final String OWN = "/v1/branding/assets/org-acme/";
  private static final Predicate<String> ALLOWED = AssetUrls.under(List.of(OWN));

  private static SanitizedCss sanitize(String css) {
    return CustomCss.sanitize(css, ALLOWED);
  }

  private static List<CssProblem> problems(String css) {
    CustomCssRefusedException refused =
        catchThrowableOfType(CustomCssRefusedException.class, () -> sanitize(css));
    assertThat(refused).as("refused: %s", css).isNotNull();
    assertThat(refused.field()).isEqualTo("customCss");
    return refused.problems();
  }

  // given CSS (| separates lines) // then the refusal names this code on this line
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '~',
      textBlock =
          """
          @import url(/v1/branding/assets/org-acme/x.css);                  ~ import          ~ 1
          p { color: red }|@import "https://evil.example/x.css";            ~ import          ~ 2
          @\\69mport url(x.css);                                             ~ import          ~ 1
          @namespace svg url(http://www.w3.org/2000/svg);                   ~ namespace       ~ 1
          p { background: url(https://evil.example/x.png) }                 ~ foreign_url     ~ 1
          p { background: url(/v1/branding/assets/org-other/x.png) }        ~ foreign_url     ~ 1
          p { background: url(../org-acme/x.png) }                          ~ foreign_url     ~ 1
          p { --bg: url('https://evil.example/x.png') }                     ~ foreign_url     ~ 1
          p { background: image-set("https://evil.example/a.png" 1x) }      ~ foreign_url     ~ 1
          p { background: image-set(var(--a) 1x) }                          ~ foreign_url     ~ 1
          p {|  background: url("data:image/png;base64,iVBORw0KGgo=")|}     ~ data_url        ~ 2
          p { width: expression(alert(1)) }                                 ~ expression      ~ 1
          p { width: expr/**/ession(alert(1)) }                             ~ expression      ~ 1
          p { width: expr\\65 ssion(alert(1)) }                              ~ expression      ~ 1
          p { background: url(javascript:alert(1)) }                        ~ script_url      ~ 1
          p { content: "\\6a avascript:alert(1)" }                           ~ script_url      ~ 1
          p { background: url("java\\9 script:alert(1)") }                   ~ script_url      ~ 1
          a[href^="VBScript:"] { color: red }                               ~ script_url      ~ 1
          p { color: red }|</style><script>alert(1)</script>                ~ style_end_tag   ~ 2
          p { content: "<\\/style>" }                                        ~ style_end_tag   ~ 1
          p { content: "\\3c/STYLE>" }                                       ~ style_end_tag   ~ 1
          p { color: red } <b>                                              ~ markup          ~ 1
          /* <!-- --> */ p { color: red }                                   ~ markup          ~ 1
          .a\\3c b { color: red }                                            ~ markup          ~ 1
          p { behavior: url(/v1/branding/assets/org-acme/x.htc) }           ~ binding         ~ 1
          p { -moz-binding: url(/v1/branding/assets/org-acme/x.xml#b) }     ~ binding         ~ 1
          @font-face { font-family: X; src: url(https://fonts.example/x.woff2) } ~ font_face_source ~ 1
          @font-face { font-family: X; src: url(data:font/woff2;base64,AAAA) }   ~ font_face_source ~ 1
          @font-face { font-family: X; src: local(Arial) }                  ~ font_face_source ~ 1
          """)
  void isRefused(String css, String code, int line) {
    List<CssProblem> problems = problems(css.replace('|', '\n'));

    assertThat(problems).extracting(CssProblem::code, CssProblem::line).contains(tuple(code, line));
    assertThat(problems).allSatisfy(p -> assertThat(p.message()).isNotBlank());
  }

  @Test
  void moreThan64KiBOfUtf8_isRefused_countingBytesNotCharacters() {
    String pad = "é".repeat(CustomCss.MAX_BYTES / 2); // 65,536 bytes in 32,768 characters
    String fits = "/*" + pad.substring(2) + "*/"; // 65,532 bytes
    String over = "/*" + pad + "*/"; // 65,540 bytes

    assertThat(sanitize(fits).css()).isEmpty();
    assertThat(problems(over))
        .extracting(CssProblem::code, CssProblem::line)
        .containsExactly(tuple(CssProblem.TOO_LARGE, null));
  }

  @Test
  void bracketsNestedTooDeep_areRefused_beforeAnyParserRecursesOnThem() {
    String deep =
        "p { width: " + "calc(".repeat(CssScan.MAX_NESTING) + "1px" + ")".repeat(32) + "}";

    assertThat(problems(deep)).extracting(CssProblem::code).containsExactly(CssProblem.TOO_DEEP);
  }

  @Test
  void cssThatCrashesTheParser_isRefusedAsUnreadable() {
    // htmlunit-cssparser 4.21 throws a NullPointerException on an attr() without arguments.
    assertThat(problems("p { color: red }\nq { content: attr() }"))
        .extracting(CssProblem::code, CssProblem::line)
        .containsExactly(tuple(CssProblem.UNREADABLE, null));
  }

  @Test
  void aRefusal_listsEveryProblem_inLineOrder() {
    String css =
        """
        .ok { color: red; }
        @import url(x.css);
        .a { background: url(https://evil.example/a.png); }
        .b { width: expression(1); behavior: url(/v1/branding/assets/org-acme/b.htc); }
        .c { content: "\\6a avascript:" }
        """;

    assertThat(problems(css))
        .extracting(CssProblem::code, CssProblem::line)
        .containsExactly(
            tuple("import", 2),
            tuple("foreign_url", 3),
            tuple("expression", 4),
            tuple("binding", 4),
            tuple("script_url", 5));
  }

  @Test
  void urlsOfTheBrandsOwnAssets_areKept() {
    String css =
        """
        .hero { background: url(/v1/branding/assets/org-acme/hero.png) center / cover; }
        @font-face { font-family: "Acme"; src: url("/v1/branding/assets/org-acme/acme.woff2") format("woff2"); }
        .x { background-image: image-set("/v1/branding/assets/org-acme/x.avif" type("image/avif") 1x); }
        """;

    SanitizedCss sanitized = sanitize(css);

    assertThat(sanitized.css())
        .contains("url(\"/v1/branding/assets/org-acme/hero.png\") center / cover")
        .contains("src: url(\"/v1/branding/assets/org-acme/acme.woff2\") format(\"woff2\")")
        .contains("image-set(\"/v1/branding/assets/org-acme/x.avif\" type(\"image/avif\") 1x)");
    assertThat(sanitized.removed()).isEmpty();
  }

  @Test
  void mediaRulesAndSelectors_areKept() {
    String css =
        """
        .card > h2 + p ~ span, ul li:nth-child(2n+1), a[href^="/servers"]:hover { color: #333; }
        :is(h1, h2):not(.quiet)::after { content: "\\2014"; }
        @media screen and (max-width: 640px) { .sidebar { display: none } }
        """;

    String written = sanitize(css).css();

    assertThat(written.lines())
        .containsExactly(
            "*.card > h2 + p ~ span, ul li:nth-child(2n+1), a[href^=\"/servers\"]:hover"
                + " { color: rgb(51, 51, 51); }",
            "*:is(h1, h2):not(*.quiet)::after { content: \"\u2014\"; }",
            "@media screen and (max-width: 640px) {",
            "  *.sidebar { display: none; }",
            "}");
  }

  @Test
  void whatTheParserOnlyRecoversFrom_isLeftOutAndListed() {
    String css =
        """
        @charset "utf-8";
        p { color: ; margin: 0; }
        .empty {}
        @supports (display: grid) { .g { display: grid } }
        {}
        @media print { .nothing {} }
        q { color: blue }
        """;

    SanitizedCss sanitized = sanitize(css);

    assertThat(sanitized.css()).isEqualTo("p { margin: 0; }\nq { color: blue; }");
    assertThat(sanitized.removed())
        .extracting(CssRemoval::line, CssRemoval::what)
        .containsExactly(
            tuple(1, "@charset \"utf-8\";"),
            tuple(2, "p { color: ; margin: 0; }"),
            tuple(3, ".empty"),
            tuple(4, "@supports (display: grid)"),
            tuple(5, "{}"),
            tuple(6, ".nothing"),
            tuple(6, "@media print"));
    assertThat(sanitized.removed())
        .extracting(CssRemoval::why)
        .contains(
            CustomCss.WHY_CHARSET,
            CustomCss.WHY_EMPTY,
            CustomCss.WHY_AT_RULE,
            CustomCss.WHY_EMPTY_MEDIA)
        .anySatisfy(why -> assertThat(why).startsWith(CustomCss.WHY_UNREADABLE));
  }

  @Test
  void theOutput_isWrittenFromTheParsedRules_notCopiedFromTheInput() {
    String css = "/* a note */  .a{color:RED;;margin:0 auto}  /* another */";

    assertThat(sanitize(css).css()).isEqualTo("*.a { color: RED; margin: 0 auto; }");
  }

  @Test
  void aRuleTheWriterWouldNotReproduce_isLeftOut_notWrittenChanged() {
    // The parser decodes \22 to a quote and writes it back bare: written as read, the string would
    // end early and "w { color: red" would become a rule of its own.
    String css = "v { font-family: \"x\\22 ; } w { color: red\"; }\nok { color: blue }";

    SanitizedCss sanitized = sanitize(css);

    assertThat(sanitized.css()).isEqualTo("ok { color: blue; }");
    assertThat(sanitized.removed())
        .extracting(CssRemoval::line, CssRemoval::why)
        .containsExactly(tuple(1, CustomCss.WHY_NOT_REPRODUCIBLE));
  }

  @Test
  void noCss_isNoRules() {
    assertThat(sanitize(null)).isEqualTo(new SanitizedCss("", List.of()));
    assertThat(sanitize(" \n\t")).isEqualTo(new SanitizedCss("", List.of()));
  }

  @Test
  void aNullPredicate_allowsNoUrl() {
    assertThatThrownBy(() -> CustomCss.sanitize("p { background: url(" + OWN + "a.png) }", null))
        .isInstanceOf(CustomCssRefusedException.class);
  }
}
