package com.gonitro.spring.sign.model;

import org.jspecify.annotations.Nullable;

/**
 * The {@code metadata} part of a document upload.
 *
 * @param name the document's name in the envelope
 * @param contentType the document's media type; when given, Nitro accepts the file as it is, without converting it
 * @since 0.1.0
 */
public record DocumentMetadata(String name, @Nullable String contentType) {

	/**
	 * Metadata naming the document and leaving its type to Nitro.
	 * @param name the document's name
	 * @return the metadata
	 */
	public static DocumentMetadata named(String name) {
		return new DocumentMetadata(name, null);
	}

	/**
	 * Metadata for a PDF, which Nitro takes as it is.
	 * @param name the document's name
	 * @return the metadata
	 */
	public static DocumentMetadata pdf(String name) {
		return new DocumentMetadata(name, "application/pdf");
	}

}
