package com.gonitro.spring.standin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * PDF Services transformations, performed with PDFBox on real PDFs. Bounding boxes are {@code [x, y, w, h]} in
 * points from the page's top-left corner, page indices 0-based. Two are approximations, and say so: {@code redact}
 * paints the areas black without removing the text beneath, and {@code ocr} adds no text layer.
 */
final class StandInTransformations {

	static final Set<String> METHODS = Set.of("compress", "optimize", "merge", "split", "rotate", "delete-pages",
			"protect", "unprotect", "redact", "flatten", "ocr", "watermark", "set-properties");

	private static final Set<String> PROFILES = Set.of("web", "print", "archive", "minimal-file-size",
			"mixed-raster-content");

	private static final Set<String> OCR_LANGUAGES = Set.of("english", "german", "french", "spanish", "italian",
			"finnish", "swedish", "danish", "norwegian", "dutch", "portuguese", "brazilian");

	private static final Set<Integer> ROTATIONS = Set.of(-270, -180, -90, 0, 90, 180, 270, 360);

	private StandInTransformations() {
	}

	static StandInOutcome apply(String method, JsonNode params, List<StandInFile> inputs) {
		StandInFile input = inputs.get(0);
		return switch (method) {
			case "compress", "flatten" -> one(input, (document) -> {
				PDAcroForm form = document.getDocumentCatalog().getAcroForm();
				if (method.equals("flatten") && form != null) {
					form.flatten();
				}
			});
			case "optimize" -> {
				oneOf(params, "profile", PROFILES, true);
				yield one(input, (document) -> {
				});
			}
			case "ocr" -> {
				oneOf(params, "language", OCR_LANGUAGES, false);
				yield one(input, (document) -> {
				});
			}
			case "merge" -> merge(inputs);
			case "split" -> split(input, params);
			case "rotate" -> one(input, (document) -> rotate(document, params));
			case "delete-pages" -> one(input, (document) -> deletePages(document, params));
			case "protect" -> protect(input, params);
			case "unprotect" -> unprotect(input, params);
			case "redact" -> one(input, (document) -> redact(document, params));
			case "watermark" -> watermark(inputs, params);
			case "set-properties" -> one(input, (document) -> setProperties(document, params));
			default -> throw StandInProblem.invalid("method", "must be one of " + METHODS);
		};
	}

	private static StandInOutcome one(StandInFile input, Change change) {
		PDDocument document = StandInPdfs.open(input.content(), null);
		try {
			change.apply(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return StandInOutcome.of(StandInFile.pdf(document, input.name()));
	}

	private static StandInOutcome merge(List<StandInFile> inputs) {
		if (inputs.size() < 2) {
			throw StandInProblem.invalid("files", "merging needs at least two PDFs");
		}
		PDDocument merged = new PDDocument();
		PDFMergerUtility merger = new PDFMergerUtility();
		try {
			for (StandInFile input : inputs) {
				try (PDDocument document = StandInPdfs.open(input.content(), null)) {
					merger.appendDocument(merged, document);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return StandInOutcome.of(StandInFile.pdf(merged, "merged.pdf"));
	}

	private static StandInOutcome split(StandInFile input, JsonNode params) {
		JsonNode groups = params.get("pageIndices");
		if (groups == null || !groups.isArray() || groups.isEmpty()) {
			throw StandInProblem.invalid("params.pageIndices", "must list the page indices of each part, such as [[0,1],[2]]");
		}
		List<StandInFile> parts = new ArrayList<>();
		try (PDDocument source = StandInPdfs.open(input.content(), null)) {
			for (JsonNode group : groups) {
				PDDocument part = new PDDocument();
				for (int index : indices(group, source.getNumberOfPages(), "params.pageIndices")) {
					part.importPage(source.getPage(index));
				}
				parts.add(StandInFile.pdf(part,
						input.name().replaceFirst("(?i)\\.pdf$", "") + "-" + (parts.size() + 1) + ".pdf"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return StandInOutcome.of(parts);
	}

	private static void rotate(PDDocument document, JsonNode params) {
		JsonNode rotations = params.path("rotations");
		if (!rotations.isArray() || rotations.isEmpty()) {
			throw StandInProblem.invalid("params.rotations", "must list {page_index, amount} entries");
		}
		for (JsonNode rotation : rotations) {
			int page = index(rotation.path("page_index"), document.getNumberOfPages(), "params.rotations.page_index");
			int amount = rotation.path("amount").asInt(1);
			if (!ROTATIONS.contains(amount)) {
				throw StandInProblem.invalid("params.rotations.amount", "must be one of " + ROTATIONS);
			}
			PDPage target = document.getPage(page);
			target.setRotation(Math.floorMod(target.getRotation() + amount, 360));
		}
	}

	private static void deletePages(PDDocument document, JsonNode params) {
		List<Integer> pages = indices(params.path("pageIndices"), document.getNumberOfPages(), "params.pageIndices");
		if (pages.size() >= document.getNumberOfPages()) {
			throw StandInProblem.invalid("params.pageIndices", "would delete every page");
		}
		pages.stream().distinct().sorted((a, b) -> b - a).forEach(document::removePage);
	}

	private static StandInOutcome protect(StandInFile input, JsonNode params) {
		String owner = text(params, "ownerPassword");
		String user = text(params, "userPassword");
		if (owner == null && user == null) {
			throw StandInProblem.invalid("params.ownerPassword", "or params.userPassword is required");
		}
		AccessPermission permissions = new AccessPermission();
		if (params.has("permissions")) {
			List<String> granted = new ArrayList<>();
			params.get("permissions").forEach((permission) -> granted.add(permission.asString()));
			permissions.setCanPrint(granted.contains("print"));
			permissions.setCanModify(granted.contains("modify"));
			permissions.setCanExtractContent(granted.contains("copy"));
			permissions.setCanModifyAnnotations(granted.contains("annotate"));
			permissions.setCanFillInForm(granted.contains("form"));
			permissions.setCanAssembleDocument(granted.contains("assemble"));
			permissions.setCanPrintFaithful(granted.contains("print-hq"));
		}
		StandardProtectionPolicy policy = new StandardProtectionPolicy(
				(owner != null) ? owner : UUID.randomUUID().toString(), (user != null) ? user : "", permissions);
		policy.setEncryptionKeyLength(256);
		return one(input, (document) -> document.protect(policy));
	}

	private static StandInOutcome unprotect(StandInFile input, JsonNode params) {
		String password = (text(params, "ownerPassword") != null) ? text(params, "ownerPassword")
				: text(params, "userPassword");
		PDDocument document = StandInPdfs.open(input.content(), (password != null) ? password : "");
		document.setAllSecurityToBeRemoved(true);
		return StandInOutcome.of(StandInFile.pdf(document, input.name()));
	}

	private static void redact(PDDocument document, JsonNode params) throws IOException {
		JsonNode redactions = params.path("redactions");
		if (!redactions.isArray() || redactions.isEmpty()) {
			throw StandInProblem.invalid("params.redactions", "must list {pageIndex, boundingBox} entries");
		}
		for (JsonNode redaction : redactions) {
			PDPage page = document.getPage(
					index(redaction.path("pageIndex"), document.getNumberOfPages(), "params.redactions.pageIndex"));
			float[] box = box(redaction.get("boundingBox"), "params.redactions.boundingBox");
			try (PDPageContentStream content = new PDPageContentStream(document, page,
					PDPageContentStream.AppendMode.APPEND, true, true)) {
				content.setNonStrokingColor(0f, 0f, 0f);
				content.addRect(box[0], page.getMediaBox().getHeight() - box[1] - box[3], box[2], box[3]);
				content.fill();
			}
		}
	}

	private static StandInOutcome watermark(List<StandInFile> inputs, JsonNode params) {
		if (inputs.size() != 2) {
			throw StandInProblem.invalid("files", "must hold the PDF, then the watermark image");
		}
		JsonNode area = params.get("boundingBox");
		if (area == null || !area.isArray() || area.size() != 4) {
			throw StandInProblem.invalid("params.boundingBox", "must be [x0, y0, x1, y1]");
		}
		float opacity = (float) params.path("opacity").asDouble(1.0);
		return one(inputs.get(0), (document) -> {
			PDImageXObject image = PDImageXObject.createFromByteArray(document, inputs.get(1).content(),
					inputs.get(1).name());
			List<Integer> pages = params.has("pageIndices")
					? indices(params.get("pageIndices"), document.getNumberOfPages(), "params.pageIndices")
					: IntStream.range(0, document.getNumberOfPages()).boxed().toList();
			for (int index : pages) {
				PDPage page = document.getPage(index);
				float height = page.getMediaBox().getHeight();
				float x0 = (float) area.get(0).asDouble();
				float y0 = (float) area.get(1).asDouble();
				float x1 = (float) area.get(2).asDouble();
				float y1 = (float) area.get(3).asDouble();
				try (PDPageContentStream content = new PDPageContentStream(document, page,
						PDPageContentStream.AppendMode.APPEND, true, true)) {
					PDExtendedGraphicsState state = new PDExtendedGraphicsState();
					state.setNonStrokingAlphaConstant(opacity);
					content.setGraphicsStateParameters(state);
					content.drawImage(image, Math.min(x0, x1), height - Math.max(y0, y1), Math.abs(x1 - x0),
							Math.abs(y1 - y0));
				}
			}
		});
	}

	private static void setProperties(PDDocument document, JsonNode params) {
		PDDocumentInformation information = document.getDocumentInformation();
		params.properties().forEach((property) -> {
			String value = property.getValue().asString();
			switch (property.getKey()) {
				case "title" -> information.setTitle(value);
				case "author" -> information.setAuthor(value);
				case "subject" -> information.setSubject(value);
				case "keywords" -> information.setKeywords(value);
				case "creator" -> information.setCreator(value);
				case "producer" -> information.setProducer(value);
				default -> throw StandInProblem.invalid("params." + property.getKey(),
						"is not a property; use title, author, subject, keywords, creator or producer");
			}
		});
	}

	static List<Integer> indices(JsonNode array, int pages, String what) {
		if (!array.isArray() || array.isEmpty()) {
			throw StandInProblem.invalid(what, "must be a non-empty array of 0-based page indices");
		}
		List<Integer> indices = new ArrayList<>();
		array.forEach((value) -> indices.add(index(value, pages, what)));
		return indices;
	}

	static int index(JsonNode value, int pages, String what) {
		if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() >= pages) {
			throw StandInProblem.invalid(what,
					"has " + value + ", which is not a page index of this PDF (0 to " + (pages - 1) + ")");
		}
		return value.asInt();
	}

	static float[] box(@Nullable JsonNode value, String what) {
		if (value == null || !value.isArray() || value.size() != 4) {
			throw StandInProblem.invalid(what, "must be [x, y, w, h] in points");
		}
		return StandInJson.boundingBox(value);
	}

	static void oneOf(JsonNode params, String name, Set<String> allowed, boolean required) {
		JsonNode value = params.get(name);
		if (value == null ? required : !allowed.contains(value.asString(""))) {
			throw StandInProblem.invalid("params." + name, "must be one of " + allowed);
		}
	}

	static @Nullable String text(JsonNode params, String name) {
		JsonNode value = params.get(name);
		return (value != null && value.isString() && !value.asString().isEmpty()) ? value.asString() : null;
	}

	@FunctionalInterface
	private interface Change {

		void apply(PDDocument document) throws IOException;

	}

}
