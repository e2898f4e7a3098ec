package dev.policypulse.ingestion.source;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports an OPML subscription list: {@code POST /api/v1/sources:import} with the
 * document as the body. The answer lists the feeds created, skipped and refused.
 */
@RestController
class OpmlImportController {

	private final OpmlImport opmlImport;

	OpmlImportController(OpmlImport opmlImport) {
		this.opmlImport = opmlImport;
	}

	@PostMapping(path = SourceController.PATH + ":import", consumes = { "text/x-opml", "application/xml", "text/xml" })
	OpmlImport.ImportSummary importOpml(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > OpmlReader.MAX_BYTES) {
			throw new OpmlTooLargeException(OpmlReader.MAX_BYTES);
		}
		// Read no more than the limit whatever the request claims, so a chunked body
		// cannot grow without bound.
		byte[] document;
		try (InputStream body = request.getInputStream()) {
			document = body.readNBytes(OpmlReader.MAX_BYTES + 1);
		}
		if (document.length > OpmlReader.MAX_BYTES) {
			throw new OpmlTooLargeException(OpmlReader.MAX_BYTES);
		}
		return this.opmlImport.importDocument(document);
	}

}
