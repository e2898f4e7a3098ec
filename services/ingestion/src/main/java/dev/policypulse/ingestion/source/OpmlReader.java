package dev.policypulse.ingestion.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Finds the feeds of an OPML 1.0 or 2.0 subscription list: every {@code outline} with an
 * {@code xmlUrl}, at any depth, in document order.
 * <p>
 * Documents with a DOCTYPE are refused outright, so no entity can be declared: no file or
 * network read through an external entity, no expansion bomb. The JDK's own parser is
 * used with secure processing, external DTDs and schemas disabled and XInclude off.
 */
final class OpmlReader {

	/** Larger documents are refused before parsing. */
	static final int MAX_BYTES = 1024 * 1024;

	private OpmlReader() {
	}

	/**
	 * The feeds listed in a document.
	 * @param document the raw OPML, at most {@link #MAX_BYTES}
	 * @return the outlines that name a feed, in document order
	 * @throws InvalidOpmlException if the document is not well-formed OPML or has a
	 * DOCTYPE
	 */
	static List<Outline> read(byte[] document) {
		if (document.length == 0) {
			throw new InvalidOpmlException("The request has no OPML document.");
		}
		Document parsed = parse(document);
		Element root = parsed.getDocumentElement();
		if (!"opml".equals(root.getTagName())) {
			throw new InvalidOpmlException(
					"Not an OPML document: the root element is <" + root.getTagName() + ">, not <opml>.");
		}
		List<Outline> outlines = new ArrayList<>();
		NodeList elements = root.getElementsByTagName("outline");
		for (int i = 0; i < elements.getLength(); i++) {
			Element outline = (Element) elements.item(i);
			if (outline.hasAttribute("xmlUrl")) {
				outlines.add(new Outline(attribute(outline, "text"), attribute(outline, "title"),
						outline.getAttribute("xmlUrl").strip()));
			}
		}
		return outlines;
	}

	private static Document parse(byte[] document) {
		try {
			DocumentBuilder builder = factory().newDocumentBuilder();
			// The default handler prints to standard error; every problem is reported
			// to the caller instead.
			builder.setErrorHandler(new ErrorHandler() {

				@Override
				public void warning(SAXParseException ex) {
				}

				@Override
				public void error(SAXParseException ex) throws SAXException {
					throw ex;
				}

				@Override
				public void fatalError(SAXParseException ex) throws SAXException {
					throw ex;
				}

			});
			return builder.parse(new ByteArrayInputStream(document));
		}
		catch (SAXParseException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("DOCTYPE")) {
				throw new InvalidOpmlException(
						"OPML documents with a DOCTYPE are refused: a DOCTYPE can declare entities that read files,"
								+ " reach other servers or expand without bound.");
			}
			throw new InvalidOpmlException("The OPML document is not well-formed XML (line " + ex.getLineNumber()
					+ ", column " + ex.getColumnNumber() + "): " + ex.getMessage());
		}
		catch (SAXException | IOException ex) {
			throw new InvalidOpmlException("The OPML document could not be read: " + ex.getMessage());
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("The XML parser cannot be made safe", ex);
		}
	}

	private static DocumentBuilderFactory factory() throws ParserConfigurationException {
		// The JDK's built-in parser, whatever else is on the class path, so that the
		// features below are known to exist.
		DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
		factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		factory.setNamespaceAware(false);
		factory.setValidating(false);
		return factory;
	}

	private static String attribute(Element element, String name) {
		String value = element.getAttribute(name).strip();
		return value.isEmpty() ? null : value;
	}

	/**
	 * An outline naming a feed.
	 *
	 * @param text its {@code text}, or {@code null}
	 * @param title its {@code title}, or {@code null}
	 * @param xmlUrl its {@code xmlUrl}, as written
	 */
	record Outline(String text, String title, String xmlUrl) {

	}

}
