package com.gonitro.spring.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceEntry;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * PDF Services generations, with PDFBox: filling a PDF's form from values in the parameters or from a JSON or CSV
 * data file, and adding fillable fields to a PDF.
 */
final class StandInGenerations {

	static final Set<String> METHODS = Set.of("fill-forms", "create-fillable-forms");

	private StandInGenerations() {
	}

	static StandInOutcome apply(String method, JsonNode params, List<StandInFile> inputs) {
		StandInFile input = inputs.get(0);
		PDDocument document = StandInPdfs.open(input.content(), null);
		try {
			switch (method) {
				case "fill-forms" -> fill(document, values(params, inputs), params.path("strict").asBoolean(false));
				case "create-fillable-forms" -> createFields(document, params);
				default -> throw StandInProblem.invalid("method", "must be one of " + METHODS);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(document);
			throw ex;
		}
		return StandInOutcome.of(StandInFile.pdf(document, input.name()));
	}

	private static Map<String, String> values(JsonNode params, List<StandInFile> inputs) {
		Map<String, String> values = new LinkedHashMap<>();
		if (inputs.size() > 1) {
			String data = new String(inputs.get(1).content(), StandardCharsets.UTF_8);
			try {
				StandInJson.mapper.readTree(data).properties()
					.forEach((entry) -> values.put(entry.getKey(), entry.getValue().asString()));
			}
			catch (JacksonException ex) {
				List<String> lines = data.lines().toList();
				if (lines.size() < 2) {
					throw StandInProblem.invalid("files[1]", "must be JSON {field: value} or CSV with a header row");
				}
				String[] names = lines.get(0).split(",");
				String[] row = lines.get(1).split(",", -1);
				for (int i = 0; i < names.length && i < row.length; i++) {
					values.put(names[i].strip(), row[i].strip());
				}
			}
			return values;
		}
		JsonNode fields = params.path("fields");
		if (!fields.isArray() || fields.isEmpty()) {
			throw StandInProblem.invalid("params.fields", "must list {field, value} entries (or send a data file)");
		}
		fields.forEach((field) -> values.put(field.path("field").asString(""), field.path("value").asString()));
		return values;
	}

	private static void fill(PDDocument document, Map<String, String> values, boolean strict) throws IOException {
		PDAcroForm form = document.getDocumentCatalog().getAcroForm();
		if (form == null) {
			throw StandInProblem.unprocessable("The PDF has no form to fill");
		}
		for (Map.Entry<String, String> value : values.entrySet()) {
			PDField field = form.getField(value.getKey());
			if (field == null) {
				if (strict) {
					throw StandInProblem.unprocessable("The form has no field '" + value.getKey() + "'");
				}
				continue;
			}
			if (field instanceof PDCheckBox checkBox) {
				if (Set.of("true", "yes", "on", "1").contains(value.getValue().toLowerCase(Locale.ROOT))) {
					checkBox.check();
				}
				else {
					checkBox.unCheck();
				}
			}
			else {
				field.setValue(value.getValue());
			}
		}
	}

	private static void createFields(PDDocument document, JsonNode params) throws IOException {
		JsonNode formFields = params.path("formFields");
		if (!formFields.isArray() || formFields.isEmpty()) {
			throw StandInProblem.invalid("params.formFields", "must list the fields to create");
		}
		PDAcroForm form = document.getDocumentCatalog().getAcroForm();
		if (form == null) {
			form = new PDAcroForm(document);
			document.getDocumentCatalog().setAcroForm(form);
		}
		PDResources resources = new PDResources();
		resources.put(COSName.getPDFName("Helv"), StandInPdfs.font());
		form.setDefaultResources(resources);
		form.setDefaultAppearance("/Helv 10 Tf 0 g");
		for (JsonNode definition : formFields) {
			String name = definition.path("name").asString("");
			if (name.isBlank()) {
				throw StandInProblem.invalid("params.formFields.name", "is required");
			}
			if (form.getField(name) != null) {
				throw StandInProblem.unprocessable("The form already has a field '" + name + "'");
			}
			PDPage page = document.getPage(StandInTransformations.index(definition.path("pageIndex"),
					document.getNumberOfPages(), "params.formFields.pageIndex"));
			float[] box = StandInTransformations.box(definition.get("boundingBox"), "params.formFields.boundingBox");
			PDRectangle rectangle = new PDRectangle(box[0], page.getMediaBox().getHeight() - box[1] - box[3], box[2],
					box[3]);
			String type = definition.path("fieldType").asString("");
			PDTerminalField field = switch (type) {
				case "TextBox" -> {
					PDTextField text = new PDTextField(form);
					text.setDefaultAppearance("/Helv 10 Tf 0 g");
					yield text;
				}
				case "CheckBox" -> new PDCheckBox(form);
				default -> throw StandInProblem.invalid("params.formFields.fieldType", "must be one of [TextBox, CheckBox]");
			};
			field.setPartialName(name);
			PDAnnotationWidget widget = field.getWidgets().get(0);
			widget.setRectangle(rectangle);
			widget.setPage(page);
			widget.setPrinted(true);
			if (field instanceof PDCheckBox) {
				widget.setAppearance(checkBoxAppearance(document, rectangle));
			}
			page.getAnnotations().add(widget);
			form.getFields().add(field);
			String value = definition.path("value").asString(null);
			if (value != null && !value.isEmpty()) {
				fill(document, Map.of(name, value), true);
			}
		}
	}

	/** The "Yes" and "Off" states a check box needs to be checked. */
	private static PDAppearanceDictionary checkBoxAppearance(PDDocument document, PDRectangle rectangle) {
		PDAppearanceDictionary appearance = new PDAppearanceDictionary();
		COSDictionary states = new COSDictionary();
		for (String state : List.of("Yes", "Off")) {
			PDAppearanceStream stream = new PDAppearanceStream(document);
			stream.setBBox(new PDRectangle(rectangle.getWidth(), rectangle.getHeight()));
			stream.setResources(new PDResources());
			states.setItem(state, stream);
		}
		appearance.setNormalAppearance(new PDAppearanceEntry(states));
		return appearance;
	}

	private static void closeQuietly(PDDocument document) {
		try {
			document.close();
		}
		catch (IOException ex) {
			// nothing to add to the failure being reported
		}
	}

}
