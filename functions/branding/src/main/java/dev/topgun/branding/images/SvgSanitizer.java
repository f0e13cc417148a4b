package dev.topgun.branding.images;

import static dev.topgun.branding.images.InvalidImageException.CORRUPT;
import static dev.topgun.branding.images.InvalidImageException.UNSUPPORTED_TYPE;
import static dev.topgun.branding.images.Svg.SVG_NS;
import static dev.topgun.branding.images.Svg.XLINK_NS;
import static dev.topgun.branding.images.Svg.unsafe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Reads an SVG with a parser that resolves nothing (no DTD, no entities, no XInclude), refuses
 * anything beyond plain drawing, and writes the document again from what it read: elements and
 * attributes it checked, text escaped, comments, metadata and editor data left out. What is stored
 * and served is that output, never the upload.
 */
final class SvgSanitizer {

  /** The elements a logo is drawn with. {@code metadata} is dropped, everything else refused. */
  static final Set<String> DRAWING_ELEMENTS =
      Set.of(
          "svg",
          "g",
          "defs",
          "title",
          "desc",
          "path",
          "rect",
          "circle",
          "ellipse",
          "line",
          "polyline",
          "polygon",
          "text",
          "tspan",
          "linearGradient",
          "radialGradient",
          "stop",
          "clipPath",
          "mask",
          "pattern",
          "symbol",
          "use",
          "style");

  /** Inkscape's and Sodipodi's editor state: inert in a browser, dropped with their content. */
  static final Set<String> EDITOR_NAMESPACES =
      Set.of(
          "http://www.inkscape.org/namespaces/inkscape",
          "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd");

  /** JSVG renders no deeper; a deeper document is refused here, with a message that says so. */
  static final int MAX_DEPTH = Svg.LIMITS.maxNestingDepth();

  /** The sanitized document and the size its root gives. */
  record Sanitized(byte[] bytes, SvgSize size) {}

  private SvgSanitizer() {}

  static Sanitized sanitize(byte[] upload) {
    refuseDeclarationsAndScriptUrls(upload);
    Writer writer = new Writer();
    try {
      XMLReader reader = hardenedReader();
      reader.setContentHandler(writer);
      reader.setErrorHandler(writer);
      reader.setEntityResolver(writer);
      reader.setProperty("http://xml.org/sax/properties/lexical-handler", writer);
      reader.parse(new InputSource(new ByteArrayInputStream(upload)));
    } catch (Refusal r) {
      throw r.refusal;
    } catch (SAXParseException e) {
      throw new InvalidImageException(
          CORRUPT,
          "The SVG is not well-formed XML (line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + "): "
              + e.getMessage(),
          e);
    } catch (SAXException | IOException e) {
      throw new InvalidImageException(CORRUPT, "The SVG cannot be read as XML.", e);
    }
    return new Sanitized(writer.out.toString().getBytes(StandardCharsets.UTF_8), writer.size);
  }

  /**
   * A DOCTYPE is where entities (billion laughs, external files) are declared: refused before any
   * parsing, as is {@code javascript:} anywhere in the text as uploaded.
   */
  private static void refuseDeclarationsAndScriptUrls(byte[] upload) {
    String text = new String(upload, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    if (text.contains("<!doctype") || text.contains("<!entity")) {
      throw unsafe("a DOCTYPE (document type declarations and entities are not allowed)");
    }
    for (String scheme : new String[] {"javascript:", "vbscript:"}) {
      if (text.contains(scheme)) {
        throw unsafe(scheme);
      }
    }
  }

  private static XMLReader hardenedReader() throws SAXException {
    try {
      // The JDK's own parser, whatever else is on the class path.
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      XMLReader reader = factory.newSAXParser().getXMLReader();
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return reader;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's SAX parser lacks a hardening feature", e);
    }
  }

  /** Carries a refusal out of the parser, which wraps what handlers throw. */
  private static final class Refusal extends SAXException {
    private static final long serialVersionUID = 1L;
    private final transient InvalidImageException refusal;

    Refusal(InvalidImageException refusal) {
      super(refusal.getMessage());
      this.refusal = refusal;
    }
  }

  /** Checks each event and writes what passes. */
  private static final class Writer extends DefaultHandler2 {

    final StringBuilder out = new StringBuilder();
    SvgSize size;

    private int depth;

    /** Above zero inside an element that is dropped with its content. */
    private int skipping;

    /** Where the root's namespace declarations go once the document is read. */
    private int rootDeclarations = -1;

    private boolean startTagOpen;
    private boolean usesXlink;
    private StringBuilder style;

    @Override
    public void startElement(String uri, String local, String qName, Attributes attributes)
        throws SAXException {
      if (skipping > 0) {
        skipping++;
        return;
      }
      boolean root = rootDeclarations < 0;
      if (root && !(SVG_NS.equals(uri) && local.equals("svg"))) {
        throw new Refusal(
            new InvalidImageException(
                UNSUPPORTED_TYPE,
                "The file is XML but not an SVG: its root element must be <svg> in the SVG"
                    + " namespace ("
                    + SVG_NS
                    + "), not <"
                    + qName
                    + ">."));
      }
      if (EDITOR_NAMESPACES.contains(uri) || (SVG_NS.equals(uri) && local.equals("metadata"))) {
        skipping = 1;
        return;
      }
      if (!SVG_NS.equals(uri)) {
        throw new Refusal(unsafe("a <" + qName + "> element, which is not SVG"));
      }
      if (!DRAWING_ELEMENTS.contains(local)) {
        throw new Refusal(unsafe("a <" + local + "> element"));
      }
      if (++depth > MAX_DEPTH) {
        throw new Refusal(unsafe("elements nested more than " + MAX_DEPTH + " deep"));
      }
      closeStartTag();
      out.append('<').append(local);
      if (root) {
        rootDeclarations = out.length();
      }
      String width = null;
      String height = null;
      String viewBox = null;
      for (int i = 0; i < attributes.getLength(); i++) {
        String name = checkedAttribute(attributes, i);
        if (name == null) {
          continue;
        }
        String value = attributes.getValue(i);
        out.append(' ').append(name).append("=\"");
        escape(value, true);
        out.append('"');
        switch (name) {
          case "width" -> width = value;
          case "height" -> height = value;
          case "viewBox" -> viewBox = value;
          default -> {}
        }
      }
      if (root) {
        try {
          size = SvgSize.of(width, height, viewBox);
        } catch (InvalidImageException e) {
          throw new Refusal(e);
        }
        if (viewBox == null) {
          // Without a viewBox an SVG does not scale to the box it is shown in.
          out.append(" viewBox=\"").append(size.asViewBox()).append('"');
        }
      }
      startTagOpen = true;
      if (local.equals("style")) {
        style = new StringBuilder();
      }
    }

    /** The name to write the attribute under, null to drop it; refuses what is unsafe. */
    private String checkedAttribute(Attributes attributes, int i) throws SAXException {
      String ns = attributes.getURI(i);
      String local = attributes.getLocalName(i);
      String shown = attributes.getQName(i);
      String value = attributes.getValue(i);
      String lowerName = local.toLowerCase(Locale.ROOT);
      try {
        if (lowerName.startsWith("on")) {
          throw unsafe("an " + shown + " attribute (event handlers are not allowed)");
        }
        if (squeezed(value).contains("javascript:") || squeezed(value).contains("vbscript:")) {
          throw unsafe("a script URL in the " + shown + " attribute");
        }
        if ((lowerName.equals("href") || lowerName.equals("src")) && !SvgCss.isFragment(value)) {
          throw unsafe(
              shown
                  + "=\""
                  + Svg.abbreviate(value)
                  + "\" (references may only point inside the document, as #id)");
        }
        if (lowerName.equals("style")) {
          SvgCss.checkStyle(value, "the style attribute");
        } else {
          SvgCss.checkUrls(value, "the " + shown + " attribute");
        }
      } catch (InvalidImageException e) {
        throw new Refusal(e);
      }
      if (ns.isEmpty()) {
        return local;
      }
      if (XLINK_NS.equals(ns)) {
        usesXlink = true;
        return "xlink:" + local;
      }
      if (XMLConstants.XML_NS_URI.equals(ns) && !local.equals("base")) {
        return "xml:" + local;
      }
      return null; // other namespaces' attributes do nothing in a browser
    }

    @Override
    public void endElement(String uri, String local, String qName) throws SAXException {
      if (skipping > 0) {
        skipping--;
        return;
      }
      if (style != null) {
        try {
          SvgCss.checkStyle(style.toString(), "a <style> element");
        } catch (InvalidImageException e) {
          throw new Refusal(e);
        }
        style = null;
      }
      if (startTagOpen) {
        out.append("/>");
        startTagOpen = false;
      } else {
        out.append("</").append(local).append('>');
      }
      depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (skipping > 0 || rootDeclarations < 0) {
        return;
      }
      closeStartTag();
      if (style != null) {
        style.append(ch, start, length);
      }
      escape(new String(ch, start, length), false);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
      characters(ch, start, length);
    }

    @Override
    public void endDocument() {
      String declarations =
          " xmlns=\"" + SVG_NS + "\"" + (usesXlink ? " xmlns:xlink=\"" + XLINK_NS + "\"" : "");
      out.insert(rootDeclarations, declarations);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
      throw new Refusal(unsafe("a processing instruction (<?" + target + " ...?>)"));
    }

    @Override
    public void startDTD(String name, String publicId, String systemId) throws SAXException {
      throw new Refusal(unsafe("a DOCTYPE (document type declarations are not allowed)"));
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
      throw new Refusal(unsafe("a reference to the entity &" + name + ";"));
    }

    @Override
    public InputSource resolveEntity(String name, String publicId, String baseUri, String systemId)
        throws SAXException {
      throw new Refusal(unsafe("a reference to an outside entity (" + systemId + ")"));
    }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
      return resolveEntity(null, publicId, null, systemId);
    }

    @Override
    public InputSource getExternalSubset(String name, String baseUri) throws SAXException {
      throw new Refusal(unsafe("an outside document type definition"));
    }

    @Override
    public void comment(char[] ch, int start, int length) {
      // Comments are not kept.
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    private void closeStartTag() {
      if (startTagOpen) {
        out.append('>');
        startTagOpen = false;
      }
    }

    private void escape(String s, boolean attribute) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '&' -> out.append("&amp;");
          case '<' -> out.append("&lt;");
          case '>' -> out.append("&gt;");
          case '"' -> out.append(attribute ? "&quot;" : "\"");
          case '\t' -> out.append(attribute ? "&#9;" : "\t");
          case '\n' -> out.append(attribute ? "&#10;" : "\n");
          case '\r' -> out.append("&#13;");
          default -> out.append(c);
        }
      }
    }

    /** Lower case without whitespace or control characters, as a URL parser reads a scheme. */
    private static String squeezed(String value) {
      StringBuilder s = new StringBuilder(value.length());
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c > ' ' && c != 0x7f) {
          s.append(Character.toLowerCase(c));
        }
      }
      return s.toString();
    }
  }
}
