package dev.policypulse.ingestion.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.policypulse.ingestion.feed.FetchException.Kind;

/**
 * Turns fetched bytes into text with the charset the document declares. Bytes that are
 * not valid in that charset are refused rather than guessed at.
 * <p>
 * For XML the order is the one of RFC 7303: a byte order mark, then the
 * {@code Content-Type} charset, then the XML declaration's {@code encoding}, then UTF-8.
 * Servers often send a wrong {@code Content-Type} charset, so when the bytes are not
 * valid in it, the declaration's encoding is tried before the document is refused. JSON
 * is always UTF-8. Like browsers, ISO-8859-1 and US-ASCII labels are read as
 * windows-1252, which differs only in bytes 0x80 to 0x9F, where ISO-8859-1 has control
 * characters that real text never contains and windows-1252 has curly quotes and the euro
 * sign.
 */
final class TextDecoding {

	private static final Pattern CHARSET_PARAMETER = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");

	private static final Pattern XML_DECLARATION = Pattern
		.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"'][^>]*\\?>");

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	private TextDecoding() {
	}

	/**
	 * Decodes an XML document.
	 * @param body the bytes
	 * @param contentType the HTTP {@code Content-Type}, or {@code null}
	 * @return the text, without a byte order mark
	 * @throws FetchException if the charset is unknown or the bytes are not valid in it
	 */
	static String xml(byte[] body, String contentType) throws FetchException {
		Charset bom = byteOrderMark(body);
		if (bom != null) {
			return decode(body, bomLength(bom), bom);
		}
		if (startsWith(body, 0x00, 0x3C, 0x00, 0x3F)) {
			return decode(body, 0, StandardCharsets.UTF_16BE);
		}
		if (startsWith(body, 0x3C, 0x00, 0x3F, 0x00)) {
			return decode(body, 0, StandardCharsets.UTF_16LE);
		}
		String declared = xmlDeclarationEncoding(body);
		String fromHeader = charsetParameter(contentType);
		if (fromHeader != null) {
			try {
				return decode(body, 0, charset(fromHeader));
			}
			catch (FetchException ex) {
				if (declared == null || declared.equalsIgnoreCase(fromHeader)) {
					throw ex;
				}
			}
		}
		return decode(body, 0, (declared != null) ? charset(declared) : StandardCharsets.UTF_8);
	}

	/**
	 * Decodes a JSON document, which RFC 8259 and JSON Feed require to be UTF-8.
	 * @param body the bytes
	 * @return the text, without a byte order mark
	 * @throws FetchException if the bytes are not valid UTF-8
	 */
	static String json(byte[] body) throws FetchException {
		return decode(body, startsWith(body, 0xEF, 0xBB, 0xBF) ? 3 : 0, StandardCharsets.UTF_8);
	}

	/**
	 * The charset named by a {@code Content-Type}, for HTML that is parsed leniently.
	 * @param contentType the header, or {@code null}
	 * @return the charset's name, or {@code null} if none or unknown, to let the parser
	 * detect it from the document
	 */
	static String htmlCharset(String contentType) {
		String name = charsetParameter(contentType);
		if (name == null) {
			return null;
		}
		try {
			return charset(name).name();
		}
		catch (FetchException ex) {
			return null;
		}
	}

	/**
	 * The charset for a label, ISO-8859-1 and US-ASCII widened to windows-1252.
	 * @throws FetchException if the label names no charset Java knows
	 */
	static Charset charset(String label) throws FetchException {
		Charset charset;
		try {
			charset = Charset.forName(label.strip());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			throw new FetchException(Kind.REFUSED, "unknown charset '" + abbreviate(label) + "'");
		}
		if (charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII)) {
			return WINDOWS_1252;
		}
		return charset;
	}

	static String charsetParameter(String contentType) {
		if (contentType == null) {
			return null;
		}
		Matcher matcher = CHARSET_PARAMETER.matcher(contentType);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static String decode(byte[] body, int offset, Charset charset) throws FetchException {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPLACE)
				.decode(ByteBuffer.wrap(body, offset, body.length - offset))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new FetchException(Kind.REFUSED, "bytes not valid " + charset.name(), ex);
		}
	}

	/**
	 * The {@code encoding} of an XML declaration written in an ASCII-compatible charset.
	 */
	private static String xmlDeclarationEncoding(byte[] body) {
		int length = Math.min(body.length, 200);
		Matcher matcher = XML_DECLARATION.matcher(new String(body, 0, length, StandardCharsets.ISO_8859_1));
		return matcher.find() ? matcher.group(1) : null;
	}

	private static Charset byteOrderMark(byte[] body) {
		if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
			return StandardCharsets.UTF_8;
		}
		if (startsWith(body, 0xFE, 0xFF)) {
			return StandardCharsets.UTF_16BE;
		}
		if (startsWith(body, 0xFF, 0xFE)) {
			return StandardCharsets.UTF_16LE;
		}
		return null;
	}

	private static int bomLength(Charset charset) {
		return charset.equals(StandardCharsets.UTF_8) ? 3 : 2;
	}

	private static boolean startsWith(byte[] body, int... prefix) {
		if (body.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((body[i] & 0xff) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static String abbreviate(String text) {
		String stripped = text.strip();
		return ((stripped.length() > 40) ? stripped.substring(0, 40) + "..." : stripped).toLowerCase(Locale.ROOT);
	}

}
