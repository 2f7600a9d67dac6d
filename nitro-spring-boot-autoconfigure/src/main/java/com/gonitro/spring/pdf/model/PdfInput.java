package com.gonitro.spring.pdf.model;

import java.net.URI;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.client.PrintableUrls;

/**
 * A file for PDF Services to process: uploaded with the request, or fetched by Nitro from a URL (a part of type
 * {@code application/vnd.gonitro.url+json}), which keeps large files out of the request.
 *
 * @since 0.1.0
 */
public sealed interface PdfInput {

	/**
	 * A file uploaded with the request, streamed.
	 * @param content the file
	 * @return the input
	 */
	static PdfInput file(FileContent content) {
		return new Upload(content);
	}

	/**
	 * A file Nitro fetches itself, such as a pre-signed URL of an object store.
	 * @param url where the file is
	 * @param contentType its media type, such as {@code application/pdf}
	 * @return the input
	 */
	static PdfInput remote(URI url, String contentType) {
		return new Remote(url, contentType);
	}

	/**
	 * An uploaded file.
	 *
	 * @param content the file
	 * @since 0.1.0
	 */
	record Upload(FileContent content) implements PdfInput {

	}

	/**
	 * A file Nitro fetches.
	 *
	 * @param url where the file is
	 * @param contentType its media type
	 * @since 0.1.0
	 */
	record Remote(URI url, String contentType) implements PdfInput {

		@Override
		public String toString() {
			return "Remote[url=" + PrintableUrls.toString(this.url) + ", contentType=" + this.contentType + "]";
		}

	}

}
