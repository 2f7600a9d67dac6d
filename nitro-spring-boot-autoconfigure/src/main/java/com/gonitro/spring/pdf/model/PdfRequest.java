package com.gonitro.spring.pdf.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A PDF Services operation: the endpoint, its {@code method}, the method's {@code params}, the input files, and
 * optionally a {@code delivery}. Start from the factory of the operation, or from
 * {@link #of(PdfEndpoint, String, Map, List)} for a method this client has no factory for.
 * <p>
 * Inputs are sent as Nitro's description of each endpoint declares them: always as repeated parts {@code files} to
 * transformations; as one part {@code file} elsewhere, or as repeated parts {@code files} when there are several (fill
 * from a data file). {@code params} is always sent, as {@code {}} when the method takes none.
 *
 * @param endpoint the endpoint
 * @param method the operation, such as {@code convert} or {@code compress}
 * @param params the operation's parameters, sent as the JSON part {@code params}
 * @param inputs the files to process
 * @param delivery where Nitro delivers the result, if not kept for download
 * @since 0.1.0
 */
public record PdfRequest(PdfEndpoint endpoint, String method, Map<String, Object> params, List<PdfInput> inputs,
		@Nullable Delivery delivery) {

	/**
	 * Creates a request.
	 */
	public PdfRequest {
		Assert.hasText(method, "'method' must not be empty");
		Assert.notEmpty(inputs, "A PDF Services request needs at least one input");
		params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
		inputs = List.copyOf(inputs);
	}

	/**
	 * Any operation.
	 * @param endpoint the endpoint
	 * @param method the method
	 * @param params its parameters
	 * @param inputs the files
	 * @return the request
	 */
	public static PdfRequest of(PdfEndpoint endpoint, String method, Map<String, Object> params, List<PdfInput> inputs) {
		return new PdfRequest(endpoint, method, params, inputs, null);
	}

	/**
	 * Returns a copy whose result Nitro delivers as described.
	 * @param delivery where to deliver the result
	 * @return the request
	 */
	public PdfRequest withDelivery(Delivery delivery) {
		return new PdfRequest(this.endpoint, this.method, this.params, this.inputs, delivery);
	}

	/**
	 * Returns the name of the parts that carry the inputs.
	 * @return {@code files} for transformations and for several inputs, {@code file} otherwise
	 */
	public String inputPartName() {
		return (this.endpoint == PdfEndpoint.TRANSFORMATIONS || this.inputs.size() > 1) ? "files" : "file";
	}

	// Conversions

	/**
	 * Converts a file: to PDF from Office documents, images and other formats, or from PDF to {@code docx},
	 * {@code xlsx}, {@code pptx}, {@code png} or {@code jpeg}.
	 * @param input the file
	 * @param to the target format, such as {@code pdf} or {@code docx}
	 * @return the request
	 */
	public static PdfRequest convert(PdfInput input, String to) {
		return of(PdfEndpoint.CONVERSIONS, "convert", Map.of("to", to), List.of(input));
	}

	/**
	 * Converts a PDF to PDF/A for archiving.
	 * @param input the PDF
	 * @param conformance the conformance level, such as {@code 2b}; {@code a} levels need a tagged PDF
	 * @return the request
	 */
	public static PdfRequest convertToPdfA(PdfInput input, String conformance) {
		return of(PdfEndpoint.CONVERSIONS, "convert", params("to", "pdfa", "conformance", conformance),
				List.of(input));
	}

	// Transformations

	/**
	 * Compresses a PDF as much as possible.
	 * @param input the PDF
	 * @return the request
	 */
	public static PdfRequest compress(PdfInput input) {
		return transformation("compress", Map.of(), input);
	}

	/**
	 * Optimizes a PDF for a use.
	 * @param input the PDF
	 * @param profile {@code web}, {@code print}, {@code archive}, {@code minimal-file-size} or
	 * {@code mixed-raster-content}
	 * @return the request
	 */
	public static PdfRequest optimize(PdfInput input, String profile) {
		return transformation("optimize", Map.of("profile", profile), input);
	}

	/**
	 * Merges PDFs into one, in the given order.
	 * @param inputs the PDFs
	 * @return the request
	 */
	public static PdfRequest merge(List<PdfInput> inputs) {
		Assert.isTrue(inputs.size() >= 2, "Merging needs at least two PDFs");
		return of(PdfEndpoint.TRANSFORMATIONS, "merge", Map.of(), inputs);
	}

	/**
	 * Splits a PDF into several, one per group of pages.
	 * @param input the PDF
	 * @param pageIndices the pages of each output file, 0-based
	 * @return the request
	 */
	public static PdfRequest split(PdfInput input, List<List<Integer>> pageIndices) {
		return transformation("split", Map.of("pageIndices", pageIndices), input);
	}

	/**
	 * Rotates pages.
	 * @param input the PDF
	 * @param degreesByPage the rotation of each page to rotate, by 0-based page index; multiples of 90
	 * @return the request
	 */
	public static PdfRequest rotate(PdfInput input, Map<Integer, Integer> degreesByPage) {
		List<Map<String, Object>> rotations = new ArrayList<>();
		degreesByPage.forEach((page, degrees) -> rotations.add(params("page_index", page, "amount", degrees)));
		return transformation("rotate", Map.of("rotations", rotations), input);
	}

	/**
	 * Deletes pages.
	 * @param input the PDF
	 * @param pageIndices the pages to delete, 0-based
	 * @return the request
	 */
	public static PdfRequest deletePages(PdfInput input, List<Integer> pageIndices) {
		return transformation("delete-pages", Map.of("pageIndices", pageIndices), input);
	}

	/**
	 * Protects a PDF with passwords and permissions.
	 * @param input the PDF
	 * @param ownerPassword the owner password, which overrides permissions (40 characters at the most), or
	 * {@code null}
	 * @param userPassword the password needed to open it, or {@code null}; one of the two is required
	 * @param permissions what users may do, such as {@code print} or {@code copy}
	 * @return the request
	 */
	public static PdfRequest protect(PdfInput input, @Nullable String ownerPassword, @Nullable String userPassword,
			List<String> permissions) {
		Assert.isTrue(ownerPassword != null || userPassword != null, "Protecting a PDF needs a password");
		Map<String, Object> params = new LinkedHashMap<>();
		putIfNotNull(params, "ownerPassword", ownerPassword);
		putIfNotNull(params, "userPassword", userPassword);
		params.put("permissions", permissions);
		return transformation("protect", params, input);
	}

	/**
	 * Removes the protection of a PDF.
	 * @param input the PDF
	 * @param ownerPassword its owner password, or {@code null}
	 * @param userPassword its user password, or {@code null}
	 * @return the request
	 */
	public static PdfRequest unprotect(PdfInput input, @Nullable String ownerPassword, @Nullable String userPassword) {
		Map<String, Object> params = new LinkedHashMap<>();
		putIfNotNull(params, "ownerPassword", ownerPassword);
		putIfNotNull(params, "userPassword", userPassword);
		return transformation("unprotect", params, input);
	}

	/**
	 * Blacks out areas of pages for good.
	 * @param input the PDF
	 * @param redactions the areas
	 * @return the request
	 */
	public static PdfRequest redact(PdfInput input, List<Redaction> redactions) {
		List<Map<String, Object>> areas = redactions.stream()
			.map((redaction) -> params("pageIndex", redaction.pageIndex(), "boundingBox", redaction.boundingBox()))
			.toList();
		return transformation("redact", Map.of("redactions", areas), input);
	}

	/**
	 * Flattens a PDF's form fields and annotations into its content.
	 * @param input the PDF
	 * @return the request
	 */
	public static PdfRequest flatten(PdfInput input) {
		return transformation("flatten", Map.of(), input);
	}

	/**
	 * Recognizes the text of scanned pages, making the PDF searchable.
	 * @param input the PDF
	 * @param language the text's language, such as {@code english} or {@code french}
	 * @return the request
	 */
	public static PdfRequest ocr(PdfInput input, String language) {
		return transformation("ocr", Map.of("language", language), input);
	}

	/**
	 * Stamps an image onto pages.
	 * @param pdf the PDF
	 * @param image the watermark image
	 * @param x0 the left edge of the watermark's area, in PDF points
	 * @param y0 the top edge
	 * @param x1 the right edge
	 * @param y1 the bottom edge
	 * @param opacity from 0.0 (invisible) to 1.0 (opaque)
	 * @return the request
	 */
	public static PdfRequest watermark(PdfInput pdf, PdfInput image, double x0, double y0, double x1, double y1,
			double opacity) {
		return of(PdfEndpoint.TRANSFORMATIONS, "watermark",
				params("boundingBox", List.of(x0, y0, x1, y1), "opacity", opacity), List.of(pdf, image));
	}

	/**
	 * Sets a PDF's document properties.
	 * @param input the PDF
	 * @param properties the properties to set, by name: {@code title}, {@code author}, {@code subject},
	 * {@code keywords}, {@code creator}, {@code producer}
	 * @return the request
	 */
	public static PdfRequest setProperties(PdfInput input, Map<String, String> properties) {
		return transformation("set-properties", new LinkedHashMap<>(properties), input);
	}

	// Extractions

	/**
	 * Extracts a PDF's text.
	 * @param input the PDF
	 * @return the request
	 */
	public static PdfRequest extractText(PdfInput input) {
		return extraction("extract-text", Map.of(), input);
	}

	/**
	 * Extracts the text of some pages.
	 * @param input the PDF
	 * @param pageIndices the pages, 0-based
	 * @return the request
	 */
	public static PdfRequest extractText(PdfInput input, List<Integer> pageIndices) {
		return extraction("extract-text", Map.of("pageIndices", pageIndices), input);
	}

	/**
	 * Extracts a PDF's tables; read the result as {@link PdfTables}.
	 * @param input the PDF
	 * @return the request
	 */
	public static PdfRequest extractTables(PdfInput input) {
		return extraction("extract-tables", Map.of(), input);
	}

	/**
	 * Extracts the values of a PDF's form fields.
	 * @param input the PDF
	 * @return the request
	 */
	public static PdfRequest extractForms(PdfInput input) {
		return extraction("extract-forms", Map.of(), input);
	}

	/**
	 * Reads a PDF's document properties; read the result as {@link PdfProperties}.
	 * @param input the PDF
	 * @return the request
	 */
	public static PdfRequest getProperties(PdfInput input) {
		return extraction("get-properties", Map.of(), input);
	}

	// Generations

	/**
	 * Fills a PDF's form fields with the given values.
	 * @param input the PDF form
	 * @param values the values, by field name (strings, numbers, booleans)
	 * @param strict whether to fail (422) on unknown field names or missing required fields
	 * @return the request
	 */
	public static PdfRequest fillForms(PdfInput input, Map<String, Object> values, boolean strict) {
		List<Map<String, Object>> fields = new ArrayList<>();
		values.forEach((field, value) -> fields.add(params("field", field, "value", value)));
		return of(PdfEndpoint.GENERATIONS, "fill-forms", params("strict", strict, "fields", fields), List.of(input));
	}

	/**
	 * Fills a PDF's form fields from a data file.
	 * @param form the PDF form
	 * @param data the values, as a CSV, JSON, XFDF or FDF file
	 * @return the request
	 */
	public static PdfRequest fillForms(PdfInput form, PdfInput data) {
		return of(PdfEndpoint.GENERATIONS, "fill-forms", Map.of(), List.of(form, data));
	}

	/**
	 * Adds fillable form fields to a PDF.
	 * @param input the PDF
	 * @param formFields the fields, each a map with {@code pageIndex}, {@code fieldType} ({@code TextBox} or
	 * {@code CheckBox}), {@code name} and {@code boundingBox}, as Nitro's form-field detection returns them
	 * @return the request
	 */
	public static PdfRequest createFillableForms(PdfInput input, List<Map<String, Object>> formFields) {
		return of(PdfEndpoint.GENERATIONS, "create-fillable-forms", Map.of("formFields", formFields), List.of(input));
	}

	private static PdfRequest transformation(String method, Map<String, Object> params, PdfInput input) {
		return of(PdfEndpoint.TRANSFORMATIONS, method, params, List.of(input));
	}

	private static PdfRequest extraction(String method, Map<String, Object> params, PdfInput input) {
		return of(PdfEndpoint.EXTRACTIONS, method, params, List.of(input));
	}

	private static Map<String, Object> params(String name, Object value, String otherName, Object otherValue) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put(name, value);
		params.put(otherName, otherValue);
		return params;
	}

	private static void putIfNotNull(Map<String, Object> params, String name, @Nullable Object value) {
		if (value != null) {
			params.put(name, value);
		}
	}

	@Override
	public String toString() {
		return "PdfRequest[" + this.endpoint.path() + " method=" + this.method + ", inputs=" + this.inputs.size() + "]";
	}

	/**
	 * An area to black out.
	 *
	 * @param pageIndex the page, 0-based
	 * @param x the left edge, in PDF points
	 * @param y the top edge
	 * @param width the width
	 * @param height the height
	 * @since 0.1.0
	 */
	public record Redaction(int pageIndex, double x, double y, double width, double height) {

		List<Double> boundingBox() {
			return List.of(this.x, this.y, this.width, this.height);
		}

	}

}
