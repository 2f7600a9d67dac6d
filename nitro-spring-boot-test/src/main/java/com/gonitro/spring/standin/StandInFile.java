package com.gonitro.spring.standin;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.jspecify.annotations.Nullable;

/**
 * A file the stand-in produced.
 *
 * @param content its bytes
 * @param contentType its content type
 * @param name its file name
 * @param pageCount its pages, for PDFs
 */
record StandInFile(byte[] content, String contentType, String name, @Nullable Integer pageCount) {

	/** A PDF read from its bytes. */
	static StandInFile pdf(byte[] content, String name) {
		return new StandInFile(content, StandInPdfs.PDF, name, StandInPdfs.pageCount(content));
	}

	/** A PDF saved (and closed): its pages are counted before, as it may be encrypted after. */
	static StandInFile pdf(PDDocument document, String name) {
		int pages = document.getNumberOfPages();
		return new StandInFile(StandInPdfs.save(document), StandInPdfs.PDF, name, pages);
	}

}
