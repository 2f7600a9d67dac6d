package com.gonitro.spring.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDChoice;
import org.apache.pdfbox.pdmodel.interactive.form.PDComboBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDListBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDRadioButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * PDF Services extractions, read with PDFBox from real PDFs: text, tables (runs of lines whose words stand in
 * columns), form fields and document properties.
 */
final class StandInExtractions {

	static final Set<String> METHODS = Set.of("extract-text", "extract-tables", "extract-forms",
			"extract-fillable-form-data", "get-properties");

	private StandInExtractions() {
	}

	static StandInOutcome apply(String method, JsonNode params, List<StandInFile> inputs) {
		try (PDDocument document = StandInPdfs.open(inputs.get(0).content(), null)) {
			return switch (method) {
				case "extract-text" -> StandInOutcome.data(text(document, params));
				case "extract-tables" -> StandInOutcome.data(tables(document));
				case "extract-forms" -> StandInOutcome.data(forms(document));
				case "extract-fillable-form-data" -> StandInOutcome.bareData(fillableFormData(document, params));
				case "get-properties" -> StandInOutcome.data(properties(document));
				default -> throw StandInProblem.invalid("method", "must be one of " + METHODS);
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode text(PDDocument document, JsonNode params) throws IOException {
		List<String> pages = StandInConversions.pageTexts(document);
		if (!params.has("pageIndices")) {
			return StringNode.valueOf(String.join("\n", pages));
		}
		List<String> selected = new ArrayList<>();
		StandInTransformations.indices(params.get("pageIndices"), pages.size(), "params.pageIndices")
			.forEach((index) -> selected.add(pages.get(index)));
		return StringNode.valueOf(String.join("\n", selected));
	}

	private static JsonNode tables(PDDocument document) throws IOException {
		ObjectNode result = StandInJson.object();
		ArrayNode tables = result.putArray("tables");
		for (int page = 0; page < document.getNumberOfPages(); page++) {
			List<List<String>> rows = new ArrayList<>();
			for (List<String> row : new CellStripper().rows(document, page + 1)) {
				if (row.size() >= 2) {
					rows.add(row);
					continue;
				}
				addTable(tables, rows, page);
				rows = new ArrayList<>();
			}
			addTable(tables, rows, page);
		}
		return result;
	}

	private static void addTable(ArrayNode tables, List<List<String>> rows, int page) {
		if (rows.size() < 2) {
			return;
		}
		ObjectNode table = tables.addObject();
		table.put("ID", UUID.randomUUID().toString());
		table.putArray("pageIndices").add(page);
		ObjectNode data = table.putObject("tableData");
		data.put("title", "");
		ArrayNode cells = data.putArray("cells");
		ArrayNode confidences = data.putArray("confidences");
		for (List<String> row : rows) {
			ArrayNode cellRow = cells.addArray();
			ArrayNode confidenceRow = confidences.addArray();
			row.forEach((cell) -> {
				cellRow.add(cell);
				confidenceRow.add(1.0);
			});
		}
		data.putArray("footers");
		data.put("averageConfidence", 1.0);
		// The first row is read as the header: [row, column], 1-based.
		ArrayNode headers = data.putArray("headerCells");
		for (int column = 1; column <= rows.get(0).size(); column++) {
			headers.addArray().add(1).add(column);
		}
		data.putArray("summaryCells");
	}

	private static JsonNode forms(PDDocument document) {
		ObjectNode result = StandInJson.object();
		ArrayNode fields = result.putArray("fields");
		PDAcroForm form = document.getDocumentCatalog().getAcroForm();
		if (form != null) {
			for (PDField field : form.getFieldTree()) {
				if (field instanceof PDTerminalField) {
					ObjectNode entry = fields.addObject();
					entry.put("name", field.getFullyQualifiedName());
					entry.put("value", field.getValueAsString());
					entry.put("confidence", 100.0);
				}
			}
		}
		result.put("averageConfidence", fields.isEmpty() ? 0.0 : 100.0);
		return result;
	}

	private static JsonNode fillableFormData(PDDocument document, JsonNode params) {
		StandInTransformations.oneOf(params, "format", Set.of("json"), false);
		ObjectNode result = StandInJson.object();
		ArrayNode formFields = result.putArray("formFields");
		PDAcroForm form = document.getDocumentCatalog().getAcroForm();
		if (form == null) {
			return result;
		}
		for (PDField field : form.getFieldTree()) {
			if (!(field instanceof PDTerminalField terminal)) {
				continue;
			}
			for (PDAnnotationWidget widget : terminal.getWidgets()) {
				ObjectNode entry = formFields.addObject();
				PDPage page = widget.getPage();
				int pageIndex = (page != null) ? document.getPages().indexOf(page) : 0;
				entry.put("pageIndex", Math.max(0, pageIndex));
				entry.put("fieldType", fieldType(field));
				entry.put("name", field.getFullyQualifiedName());
				entry.put("value", field.getValueAsString());
				PDRectangle rectangle = widget.getRectangle();
				float height = document.getPage(Math.max(0, pageIndex)).getMediaBox().getHeight();
				ArrayNode box = entry.putArray("boundingBox");
				box.add(rectangle.getLowerLeftX());
				box.add(height - rectangle.getUpperRightY());
				box.add(rectangle.getWidth());
				box.add(rectangle.getHeight());
				if (field instanceof PDChoice choice) {
					ArrayNode choices = entry.putArray("choices");
					choice.getOptions().forEach(choices::add);
				}
				else if (field instanceof PDRadioButton radio) {
					ArrayNode choices = entry.putArray("choices");
					radio.getExportValues().forEach(choices::add);
				}
				else {
					entry.putArray("choices");
				}
			}
		}
		return result;
	}

	private static String fieldType(PDField field) {
		if (field instanceof PDCheckBox) {
			return "CheckBox";
		}
		if (field instanceof PDRadioButton) {
			return "RadioButton";
		}
		if (field instanceof PDComboBox) {
			return "ComboBox";
		}
		if (field instanceof PDListBox) {
			return "ListBox";
		}
		if (field instanceof PDSignatureField) {
			return "Signature";
		}
		return "TextBox";
	}

	private static JsonNode properties(PDDocument document) {
		PDDocumentInformation information = document.getDocumentInformation();
		ObjectNode properties = StandInJson.object();
		properties.put("title", nullToEmpty(information.getTitle()));
		properties.put("author", nullToEmpty(information.getAuthor()));
		properties.put("subject", nullToEmpty(information.getSubject()));
		properties.put("keywords", nullToEmpty(information.getKeywords()));
		properties.put("creator", nullToEmpty(information.getCreator()));
		properties.put("producer", nullToEmpty(information.getProducer()));
		properties.put("creationDate", pdfDate(information.getCreationDate()));
		properties.put("modDate", pdfDate(information.getModificationDate()));
		properties.put("trapped", nullToEmpty(information.getTrapped()));
		return properties;
	}

	private static String pdfDate(@Nullable Calendar date) {
		return (date != null) ? String.format("D:%1$tY%1$tm%1$td%1$tH%1$tM%1$tS", date) : "";
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/** Lines of a page, cut into cells where the gap between two characters is wider than two spaces. */
	private static final class CellStripper extends PDFTextStripper {

		private final List<List<String>> rows = new ArrayList<>();

		CellStripper() {
			setSortByPosition(true);
		}

		private final List<TextPosition> line = new ArrayList<>();

		List<List<String>> rows(PDDocument document, int page) throws IOException {
			setStartPage(page);
			setEndPage(page);
			getText(document);
			endLine();
			return this.rows;
		}

		@Override
		protected void writeString(String text, List<TextPosition> positions) {
			this.line.addAll(positions);
		}

		@Override
		protected void writeLineSeparator() {
			endLine();
		}

		private void endLine() {
			if (this.line.isEmpty()) {
				return;
			}
			List<String> cells = new ArrayList<>();
			StringBuilder cell = new StringBuilder();
			TextPosition previous = null;
			for (TextPosition position : this.line) {
				if (previous != null) {
					float space = Math.max(1f, previous.getWidthOfSpace());
					float gap = position.getXDirAdj() - (previous.getXDirAdj() + previous.getWidthDirAdj());
					if (gap > 2.5f * space) {
						addCell(cells, cell);
						cell = new StringBuilder();
					}
					else if (gap > 0.5f * space && !cell.toString().endsWith(" ")) {
						cell.append(' ');
					}
				}
				cell.append(position.getUnicode());
				previous = position;
			}
			addCell(cells, cell);
			this.rows.add(cells);
			this.line.clear();
		}

		private static void addCell(List<String> cells, StringBuilder cell) {
			String text = cell.toString().strip();
			if (!text.isEmpty()) {
				cells.add(text);
			}
		}

	}

}
