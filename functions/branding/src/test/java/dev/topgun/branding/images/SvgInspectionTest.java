package dev.topgun.branding.images;

import static dev.topgun.branding.images.TestImages.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SvgInspectionTest {

  private static final String NS = "xmlns=\"http://www.w3.org/2000/svg\"";
  private static final String XLINK = "xmlns:xlink=\"http://www.w3.org/1999/xlink\"";

  /** An SVG of 100×100 with {@code body} inside its root. */
  private static byte[] svg(String body) {
    return utf8("<svg " + NS + " " + XLINK + " viewBox=\"0 0 100 100\">" + body + "</svg>");
  }

  private static String stored(byte[] svg) {
    return new String(ImageInspector.inspect(svg).bytes(), StandardCharsets.UTF_8);
  }

  /** The refusal's reason and message, or a failure when the SVG is accepted. */
  private static InvalidImageException refusal(byte[] svg) {
    try {
      InspectedImage accepted = ImageInspector.inspect(svg);
      throw new AssertionError("accepted: " + new String(accepted.bytes(), StandardCharsets.UTF_8));
    } catch (InvalidImageException e) {
      return e;
    }
  }

  private static void assertUnsafe(byte[] svg, String named) {
    InvalidImageException e = refusal(svg);
    assertThat(e.reason()).isEqualTo(InvalidImageException.SVG_UNSAFE);
    assertThat(e.getMessage()).contains(named);
  }

  // ---- accepted, and what is stored

  @Test
  void plainDrawing_isAcceptedWithTheSizeOfItsRoot() {
    byte[] svg =
        utf8(
            "<svg "
                + NS
                + " width=\"120\" height=\"80\"><rect width=\"120\" height=\"80\"/></svg>");

    InspectedImage image = ImageInspector.inspect(svg);

    assertThat(image.format()).isEqualTo(ImageFormat.SVG);
    assertThat(image.width()).isEqualTo(120);
    assertThat(image.height()).isEqualTo(80);
    assertThat(image.format().mediaType()).isEqualTo("image/svg+xml");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "viewBox=\"0 0 200 100\"                 | 512 | 256",
        "viewBox=\"0,0,50,100\"                  | 256 | 512",
        "width=\"64\" viewBox=\"0 0 200 100\"      | 64  | 32",
        "height=\"1in\" viewBox=\"0 0 10 10\"      | 96  | 96",
        "width=\"100%\" height=\"100%\" viewBox=\"0 0 30 10\" | 512 | 171",
        "width=\"24pt\" height=\"12.5px\"          | 32  | 13",
      })
  void theSize_comesFromWidthAndHeightOrTheViewBox(String attributes, int width, int height) {
    InspectedImage image = ImageInspector.inspect(utf8("<svg " + NS + " " + attributes + "/>"));

    assertThat(image.width()).isEqualTo(width);
    assertThat(image.height()).isEqualTo(height);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "width=\"5000\" height=\"10\"",
        "width=\"0\" height=\"10\"",
        "viewBox=\"0 0 0 10\"",
        "viewBox=\"0 0 10\"",
        "width=\"wide\" height=\"10\"",
        "width=\"10\"",
        "''",
      })
  void aSizeMissingOrOutOfBounds_isRefusedAsDimensions(String attributes) {
    InvalidImageException e = refusal(utf8("<svg " + NS + " " + attributes + "/>"));

    assertThat(e.reason()).isEqualTo(InvalidImageException.DIMENSIONS);
  }

  @Test
  void theStoredDocument_isRewrittenWithoutCommentsMetadataOrEditorData() {
    // given what Inkscape writes, more or less
    byte[] upload =
        utf8(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!-- Created with an editor -->
            <svg xmlns="http://www.w3.org/2000/svg"
                 xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
                 xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
                 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 width="10" height="10" inkscape:version="1.3">
              <metadata><rdf:RDF><rdf:Description about="x"/></rdf:RDF></metadata>
              <sodipodi:namedview pagecolor="#ffffff"><inkscape:page x="0"/></sodipodi:namedview>
              <g inkscape:label="Layer 1" id="layer1"><!-- a note -->
                <text x="1" y="8" xml:space="preserve">a &lt; b &amp; "c"</text>
              </g>
            </svg>
            """);

    // then
    assertThat(stored(upload))
        .isEqualTo(
            """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">
              \n  \n  <g id="layer1">
                <text x="1" y="8" xml:space="preserve">a &lt; b &amp; "c"</text>
              </g>
            </svg>""");
  }

  @Test
  void sanitizing_storesTheSameDocumentWhenGivenItsOwnOutput() {
    byte[] upload =
        svg(
            "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/>"
                + "</linearGradient></defs><use xlink:href=\"#c\"/>"
                + "<circle id=\"c\" r=\"4\" fill=\"url(#g)\" style=\"stroke: url('#g')\"/>"
                + "<style>circle > rect { fill: red }</style>");

    byte[] once = ImageInspector.inspect(upload).bytes();
    byte[] twice = ImageInspector.inspect(once).bytes();

    assertThat(new String(twice, StandardCharsets.UTF_8))
        .isEqualTo(new String(once, StandardCharsets.UTF_8))
        .contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\"")
        .contains("<use xlink:href=\"#c\"/>")
        .contains("circle &gt; rect");
  }

  @Test
  void internalReferences_areAccepted() {
    byte[] svg =
        svg(
            "<defs><clipPath id=\"clip\"><rect width=\"5\" height=\"5\"/></clipPath>"
                + "<symbol id=\"s\"><path d=\"M0 0h5v5z\"/></symbol></defs>"
                + "<use href=\"#s\" clip-path=\"url(#clip)\"/>"
                + "<pattern id=\"p\" href=\"#other\"/>");

    assertThat(stored(svg)).contains("<use href=\"#s\" clip-path=\"url(#clip)\"/>");
  }

  // ---- refused: scripts and handlers

  @Test
  void aScriptElement_isRefused() {
    assertUnsafe(svg("<script>alert(1)</script>"), "<script>");
  }

  @Test
  void anOnloadAttribute_isRefused() {
    assertUnsafe(utf8("<svg " + NS + " viewBox=\"0 0 1 1\" onload=\"alert(1)\"/>"), "onload");
  }

  @Test
  void anEventHandlerInAnyCase_isRefused() {
    assertUnsafe(svg("<g><rect OnMouseOver=\"alert(1)\"/></g>"), "OnMouseOver");
  }

  @Test
  void javascriptAnywhere_isRefused() {
    assertUnsafe(svg("<text>javascript:alert(1)</text>"), "javascript:");
  }

  @Test
  void javascriptWrittenAsCharacterReferences_isRefused() {
    // the parser turns &#106; into "j"; the check reads the value after parsing
    assertUnsafe(svg("<rect fill=\"&#106;ava&#x09;script:alert(1)\"/>"), "script URL");
  }

  // ---- refused: outside references

  @Test
  void anExternalHref_isRefused() {
    assertUnsafe(svg("<use href=\"https://evil.example/sprite.svg#icon\"/>"), "https://evil");
  }

  @Test
  void anExternalXlinkHref_isRefused() {
    assertUnsafe(svg("<use xlink:href=\"sprite.svg#icon\"/>"), "xlink:href");
  }

  @Test
  void aDataUri_isRefused() {
    assertUnsafe(
        svg("<pattern id=\"p\" href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>"), "data:image");
  }

  @Test
  void anImageElement_isRefusedEvenWhenItsSourceIsInternal() {
    assertUnsafe(svg("<image href=\"#x\" width=\"1\" height=\"1\"/>"), "<image>");
  }

  @Test
  void aCssUrlInAStyleAttribute_isRefused() {
    assertUnsafe(
        svg("<rect style=\"fill: URL( 'https://evil.example/x.svg#p' )\"/>"),
        "url(https://evil.example/x.svg#p) in the style attribute");
  }

  @Test
  void aPresentationAttributeWithAnOutsideUrl_isRefused() {
    assertUnsafe(svg("<rect fill=\"url(other.svg#g)\"/>"), "the fill attribute");
  }

  @Test
  void aStyleSheetImportingOrLoading_isRefused() {
    assertUnsafe(svg("<style>@import 'https://evil.example/a.css';</style>"), "@import");
    assertUnsafe(
        svg("<style><![CDATA[ rect { fill: url(https://evil.example/) } ]]></style>"), "<style>");
    assertUnsafe(svg("<style>rect { background: image-set('a.png' 1x) }</style>"), "image-set(");
  }

  @Test
  void aCssEscape_isRefused() {
    // \75 is "u": CSS would read \75rl( as url(
    assertUnsafe(svg("<rect style=\"fill: \\75rl(https://evil.example/)\"/>"), "CSS escape");
  }

  // ---- refused: what is not drawing

  @Test
  void foreignObject_isRefused() {
    assertUnsafe(
        svg(
            "<foreignObject width=\"10\" height=\"10\">"
                + "<body xmlns=\"http://www.w3.org/1999/xhtml\">hi</body></foreignObject>"),
        "<foreignObject>");
  }

  @Test
  void htmlElementsInsideTheSvg_areRefused() {
    assertUnsafe(
        svg("<h:iframe xmlns:h=\"http://www.w3.org/1999/xhtml\" src=\"https://x.example\"/>"),
        "<h:iframe>");
    assertUnsafe(svg("<iframe/>"), "<iframe>");
    assertUnsafe(svg("<embed/>"), "<embed>");
    assertUnsafe(svg("<object/>"), "<object>");
  }

  @Test
  void animationAndFilters_areRefused() {
    assertUnsafe(svg("<set attributeName=\"href\" to=\"#x\"/>"), "<set>");
    assertUnsafe(svg("<animate attributeName=\"x\"/>"), "<animate>");
    assertUnsafe(svg("<filter id=\"f\"><feImage href=\"#x\"/></filter>"), "<filter>");
    assertUnsafe(svg("<a href=\"#x\"><rect/></a>"), "<a>");
  }

  @Test
  void aDoctypeWithEntities_isRefusedBeforeParsing() {
    byte[] laughs =
        utf8(
            "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<svg "
                + NS
                + " viewBox=\"0 0 1 1\"><text>&lol2;</text></svg>");

    assertUnsafe(laughs, "DOCTYPE");
  }

  @Test
  void anExternalEntity_isRefused() {
    byte[] xxe =
        utf8(
            "<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<svg "
                + NS
                + " viewBox=\"0 0 1 1\"><text>&xxe;</text></svg>");

    assertUnsafe(xxe, "DOCTYPE");
  }

  @Test
  void aProcessingInstruction_isRefused() {
    byte[] svg =
        utf8(
            "<?xml version=\"1.0\"?><?xml-stylesheet href=\"https://evil.example/a.css\"?>"
                + "<svg "
                + NS
                + " viewBox=\"0 0 1 1\"/>");

    assertUnsafe(svg, "<?xml-stylesheet");
  }

  @Test
  void xinclude_isRefused() {
    assertUnsafe(
        svg(
            "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\""
                + " parse=\"text\"/>"),
        "<xi:include>");
  }

  @Test
  void nestingDeeperThanTheRendererAllows_isRefused() {
    String deep = "<g>".repeat(SvgSanitizer.MAX_DEPTH) + "</g>".repeat(SvgSanitizer.MAX_DEPTH);

    assertUnsafe(svg(deep), "nested more than");
  }

  // ---- not an SVG at all

  @Test
  void anotherRootElement_isRefusedAsUnsupported() {
    InvalidImageException e =
        refusal(utf8("<html xmlns=\"http://www.w3.org/1999/xhtml\"><svg " + NS + "/></html>"));

    assertThat(e.reason()).isEqualTo(InvalidImageException.UNSUPPORTED_TYPE);
    assertThat(e.getMessage()).contains("<html>");
  }

  @Test
  void anSvgOutsideTheSvgNamespace_isRefusedAsUnsupported() {
    assertThat(refusal(utf8("<svg viewBox=\"0 0 1 1\"/>")).reason())
        .isEqualTo(InvalidImageException.UNSUPPORTED_TYPE);
  }

  @Test
  void malformedXml_isRefusedAsCorrupt() {
    InvalidImageException e = refusal(utf8("<svg " + NS + " viewBox=\"0 0 1 1\"><rect></svg>"));

    assertThat(e.reason()).isEqualTo(InvalidImageException.CORRUPT);
    assertThat(e.getMessage()).contains("line 1");
  }
}
