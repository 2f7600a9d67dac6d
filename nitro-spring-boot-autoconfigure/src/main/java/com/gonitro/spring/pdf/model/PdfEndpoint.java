package com.gonitro.spring.pdf.model;

/**
 * The four PDF Services endpoints; the operation within each is chosen by the request's {@code method}.
 *
 * @since 0.1.0
 */
public enum PdfEndpoint {

	/** {@code POST /conversions}: from and to PDF (Office, images, PDF/A...). */
	CONVERSIONS("/conversions"),

	/** {@code POST /transformations}: compress, merge, split, rotate, protect, redact, OCR, watermark... */
	TRANSFORMATIONS("/transformations"),

	/** {@code POST /extractions}: text, tables, forms, properties... */
	EXTRACTIONS("/extractions"),

	/** {@code POST /generations}: fill forms, create fillable forms. */
	GENERATIONS("/generations");

	private final String path;

	PdfEndpoint(String path) {
		this.path = path;
	}

	/**
	 * Returns the endpoint's path.
	 * @return the path, such as {@code /conversions}
	 */
	public String path() {
		return this.path;
	}

}
