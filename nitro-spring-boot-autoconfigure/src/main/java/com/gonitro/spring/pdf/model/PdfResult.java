package com.gonitro.spring.pdf.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import com.gonitro.spring.client.NitroJson;
import com.gonitro.spring.client.PrintableUrls;

/**
 * The JSON result of a PDF Services operation, synchronous or from a completed job: result files to download
 * (conversions, transformations, generations) or extracted data (extractions). Nitro sometimes wraps it in
 * {@code result}; both shapes read the same.
 *
 * @since 0.1.0
 */
public final class PdfResult {

	private final JsonNode payload;

	private PdfResult(JsonNode payload) {
		this.payload = payload;
	}

	/**
	 * Reads a result, unwrapping {@code result} where Nitro wrapped it.
	 * @param json the reply
	 * @return the result
	 */
	public static PdfResult of(JsonNode json) {
		JsonNode payload = json;
		while (payload.isObject() && payload.has("result") && !payload.has("file") && !payload.has("files")) {
			payload = payload.get("result");
		}
		return new PdfResult(payload);
	}

	/**
	 * Returns the result file of a single-file operation.
	 * @return the file, if the result is one
	 */
	public Optional<FileInfo> file() {
		JsonNode file = this.payload.get("file");
		return (file != null && file.isObject()) ? Optional.of(NitroJson.mapper().treeToValue(file, FileInfo.class))
				: Optional.empty();
	}

	/**
	 * Returns the result files: those of a multi-file operation (such as split), or the single file.
	 * @return the files, possibly none
	 */
	public List<FileInfo> files() {
		List<FileInfo> files = new ArrayList<>();
		JsonNode many = this.payload.get("files");
		if (many != null && many.isArray()) {
			many.forEach((file) -> files.add(NitroJson.mapper().treeToValue(file, FileInfo.class)));
		}
		file().ifPresent(files::add);
		return List.copyOf(files);
	}

	/**
	 * Returns the extracted text, for operations that answer with text.
	 * @return the text, if the result is text
	 */
	public Optional<String> text() {
		return this.payload.isString() ? Optional.of(this.payload.asString()) : Optional.empty();
	}

	/**
	 * Reads the result as the given type, such as {@link PdfProperties} for {@code get-properties}.
	 * @param <T> the type
	 * @param type the type
	 * @return the result
	 */
	public <T> T as(Class<T> type) {
		return NitroJson.mapper().treeToValue(this.payload, type);
	}

	/**
	 * Returns the result as Nitro sent it, without any {@code result} wrapper.
	 * @return the JSON
	 */
	public JsonNode json() {
		return this.payload;
	}

	@Override
	public String toString() {
		return "PdfResult" + PrintableUrls.toString(this.payload);
	}

}
