package com.gonitro.spring.pdf.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The tables found in a PDF, the result of {@link PdfRequest#extractTables(PdfInput)}.
 *
 * @param tables the tables
 * @since 0.1.0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PdfTables(List<Table> tables) {

	/**
	 * Creates the result, reading missing tables as none.
	 */
	public PdfTables {
		tables = (tables != null) ? List.copyOf(tables) : List.of();
	}

	/**
	 * One table.
	 *
	 * @param id its ID ({@code ID} on the wire)
	 * @param pageIndices the pages it spans, 0-based
	 * @param tableData its content
	 * @since 0.1.0
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Table(@JsonProperty("ID") @JsonAlias("id") @Nullable String id, @Nullable List<Integer> pageIndices,
			@Nullable TableData tableData) {

	}

	/**
	 * The content of a table.
	 *
	 * @param title its title, if any
	 * @param cells the cell values, by row then column (strings or numbers)
	 * @param averageConfidence how sure the extraction is, from 0 to 1
	 * @since 0.1.0
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record TableData(@Nullable String title, @Nullable List<List<Object>> cells,
			@Nullable Double averageConfidence) {

	}

}
