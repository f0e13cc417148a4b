package dev.topgun.emulators.route53;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Route 53's XML: request documents read with the JDK's DOM parser (no DTDs, no external entities),
 * answers written with its StAX writer, every element in Route 53's namespace.
 */
final class Xml {

  static final String NAMESPACE = "https://route53.amazonaws.com/doc/2013-04-01/";

  private Xml() {}

  /**
   * The request's root element, which must be {@code rootName} in Route 53's namespace.
   *
   * @throws Route53Error {@code InvalidInput} for anything else
   */
  static Element read(byte[] body, String rootName) {
    Document document;
    try {
      document = builder().parse(new ByteArrayInputStream(body));
    } catch (SAXException | IOException e) {
      throw Route53Error.invalidInput("Invalid XML ; " + e.getMessage());
    }
    Element root = document.getDocumentElement();
    if (!rootName.equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
      throw Route53Error.invalidInput(
          "Invalid XML ; the document must be {" + NAMESPACE + "}" + rootName + ".");
    }
    return root;
  }

  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The child elements, each of which must be one of {@code allowed}. */
  static List<Element> children(Element parent, Set<String> allowed) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        if (!allowed.contains(element.getLocalName())
            || !NAMESPACE.equals(element.getNamespaceURI())) {
          throw Route53Error.invalidInput(
              "Invalid XML ; element "
                  + element.getLocalName()
                  + " is not expected in "
                  + parent.getLocalName()
                  + "; expected one of "
                  + allowed
                  + ".");
        }
        children.add(element);
      }
    }
    return children;
  }

  /** The one child called {@code name}, or {@code null}. */
  static Element child(Element parent, String name) {
    Element found = null;
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getLocalName())) {
        if (found != null) {
          throw Route53Error.invalidInput(
              "Invalid XML ; element "
                  + name
                  + " occurs more than once in "
                  + parent.getLocalName());
        }
        found = element;
      }
    }
    return found;
  }

  /** The text of the child called {@code name}, or {@code null} when there is none. */
  static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent();
  }

  /** Writes one answer document. */
  static final class Writer {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final XMLStreamWriter xml;

    Writer(String root) {
      try {
        xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement(root);
        xml.writeDefaultNamespace(NAMESPACE);
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    }

    Writer start(String name) {
      try {
        xml.writeStartElement(name);
        return this;
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    }

    Writer end() {
      try {
        xml.writeEndElement();
        return this;
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    }

    /** {@code <name>text</name>}; nothing when {@code text} is {@code null}. */
    Writer element(String name, Object text) {
      if (text == null) {
        return this;
      }
      try {
        xml.writeStartElement(name);
        xml.writeCharacters(text.toString());
        xml.writeEndElement();
        return this;
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] bytes() {
      try {
        xml.writeEndDocument();
        xml.close();
        return bytes.toByteArray();
      } catch (XMLStreamException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
