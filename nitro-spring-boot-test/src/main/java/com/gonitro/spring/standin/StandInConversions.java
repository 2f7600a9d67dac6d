package com.gonitro.spring.standin;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * Conversions the stand-in really performs: files of the types Nitro accepts into PDF (text, markup, images, and
 * the text of Office Open XML documents), and PDF into images, Office Open XML, text formats and PDF/A.
 */
final class StandInConversions {

	/** The content types Nitro Sign converts to PDF, besides PDF itself. */
	static final Set<String> SIGN_CONVERTIBLE = Set.of(
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
			"application/vnd.ms-word.document.macroenabled.12",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.template",
			"application/vnd.ms-word.template.macroenabled.12",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
			"application/vnd.ms-excel.sheet.macroenabled.12",
			"application/vnd.openxmlformats-officedocument.spreadsheetml.template",
			"application/vnd.ms-excel.template.macroenabled.12",
			"application/vnd.openxmlformats-officedocument.presentationml.presentation",
			"application/vnd.ms-powerpoint", "text/html", "application/rtf", "application/xml", "image/png",
			"image/jpeg", "image/tiff", "image/gif", "image/vnd.adobe.photoshop", "application/postscript",
			"image/svg+xml", "text/csv");

	static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private static final Pattern OOXML_TEXT = Pattern.compile("<(?:w:|a:)?t(?:\\s[^>]*)?>([^<]*)</(?:w:|a:)?t>");

	private StandInConversions() {
	}

	/** A file of the given type as PDF. */
	static byte[] toPdf(byte[] content, String contentType, String name) {
		String type = contentType.toLowerCase(Locale.ROOT);
		if (StandInPdfs.looksLikePdf(content)) {
			return content;
		}
		if (type.equals("image/png") || type.equals("image/jpeg") || type.equals("image/gif")) {
			return imagePdf(content, name);
		}
		String title = name + " (converted from " + contentType + ")";
		if (type.startsWith("text/") || type.equals("application/xml") || type.equals("application/json")
				|| type.equals("application/rtf") || type.equals("image/svg+xml")) {
			String text = new String(content, StandardCharsets.UTF_8);
			if (type.equals("text/html") || type.endsWith("xml")) {
				text = HtmlUtils.htmlUnescape(text.replaceAll("(?s)<[^>]*>", "\n"));
			}
			return StandInPdfs.text(title, lines(text));
		}
		if (type.contains("openxmlformats")) {
			return StandInPdfs.text(title, ooxmlText(content));
		}
		return StandInPdfs.text(title, List.of("The stand-in keeps no rendering of " + contentType + " files."));
	}

	/**
	 * A PDF in another format.
	 * @return the files, one for most formats, one per page for images
	 */
	static List<StandInFile> fromPdf(byte[] pdf, String to, String name) {
		String base = name.replaceFirst("\\.[^.]*$", "");
		try (PDDocument document = StandInPdfs.open(pdf, null)) {
			return switch (to) {
				case "pdf" -> List.of(new StandInFile(pdf, StandInPdfs.PDF, base + ".pdf", document.getNumberOfPages()));
				case "png", "jpeg" -> images(document, to, base);
				case "docx" -> List.of(new StandInFile(StandInOoxml.docx(pageTexts(document)), DOCX, base + ".docx", null));
				case "xlsx" -> List.of(new StandInFile(StandInOoxml.xlsx(pageTexts(document)), XLSX, base + ".xlsx", null));
				case "html" -> List.of(text(html(pageTexts(document)), "text/html", base + ".html"));
				case "csv" -> List.of(text(csv(pageTexts(document)), "text/csv", base + ".csv"));
				case "xml" -> List.of(text(xml(pageTexts(document)), "application/xml", base + ".xml"));
				case "json" -> List.of(text(json(pageTexts(document)), "application/json", base + ".json"));
				default -> throw StandInProblem.typed(HttpStatus.UNPROCESSABLE_CONTENT, "ConversionFailed",
						"Conversion failed", "The Nitro stand-in does not produce '" + to
								+ "' files; it converts PDF to pdf, pdfa, docx, xlsx, png, jpeg, html, csv, xml and json");
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PDF marked as PDF/A of the given conformance ({@code 2b}...); it is not validated as one. */
	static byte[] toPdfA(byte[] pdf, String conformance) {
		PDDocument document = StandInPdfs.open(pdf, null);
		String part = conformance.substring(0, 1);
		String level = conformance.substring(1).toUpperCase(Locale.ROOT);
		String xmp = "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
				+ "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" "
				+ "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"><pdfaid:part>" + part + "</pdfaid:part>"
				+ "<pdfaid:conformance>" + level + "</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta>"
				+ "<?xpacket end=\"w\"?>";
		try {
			PDMetadata metadata = new PDMetadata(document);
			metadata.importXMPMetadata(xmp.getBytes(StandardCharsets.UTF_8));
			document.getDocumentCatalog().setMetadata(metadata);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return StandInPdfs.save(document);
	}

	/** The text of each page. */
	static List<String> pageTexts(PDDocument document) throws IOException {
		List<String> pages = new ArrayList<>();
		PDFTextStripper stripper = new PDFTextStripper();
		for (int page = 1; page <= document.getNumberOfPages(); page++) {
			stripper.setStartPage(page);
			stripper.setEndPage(page);
			pages.add(stripper.getText(document).strip());
		}
		return pages;
	}

	static List<String> lines(String text) {
		return text.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	private static byte[] imagePdf(byte[] content, String name) {
		PDDocument document = new PDDocument();
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
			if (image == null) {
				document.close();
				throw StandInProblem.typed(HttpStatus.UNPROCESSABLE_CONTENT, "ConversionFailed", "Conversion failed",
						"The image '" + name + "' could not be read");
			}
			PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
			PDPage page = new PDPage(new PDRectangle(image.getWidth(), image.getHeight()));
			document.addPage(page);
			try (PDPageContentStream stream = new PDPageContentStream(document, page)) {
				stream.drawImage(xobject, 0, 0, image.getWidth(), image.getHeight());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return StandInPdfs.save(document);
	}

	private static List<StandInFile> images(PDDocument document, String format, String base) throws IOException {
		PDFRenderer renderer = new PDFRenderer(document);
		List<StandInFile> images = new ArrayList<>();
		for (int page = 0; page < document.getNumberOfPages(); page++) {
			BufferedImage image = renderer.renderImageWithDPI(page, 72);
			if (format.equals("jpeg")) {
				BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
				rgb.createGraphics().drawImage(image, 0, 0, null);
				image = rgb;
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, format, out);
			images.add(new StandInFile(out.toByteArray(), "image/" + format, base + "-" + (page + 1) + "." + format,
					null));
		}
		return images;
	}

	private static List<String> ooxmlText(byte[] content) {
		Map<String, String> parts = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				String name = entry.getName();
				if (name.equals("word/document.xml") || name.equals("xl/sharedStrings.xml")
						|| name.matches("ppt/slides/slide\\d+\\.xml")) {
					parts.put(name, new String(zip.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
		}
		catch (IOException ex) {
			return List.of("The file is not a readable Office Open XML document.");
		}
		List<String> lines = new ArrayList<>();
		parts.values().forEach((xml) -> {
			for (String paragraph : xml.split("</(?:w|a):p>|</si>")) {
				StringBuilder line = new StringBuilder();
				Matcher text = OOXML_TEXT.matcher(paragraph);
				while (text.find()) {
					line.append(HtmlUtils.htmlUnescape(text.group(1)));
				}
				if (!line.isEmpty()) {
					lines.add(line.toString());
				}
			}
		});
		return lines;
	}

	private static StandInFile text(String text, String contentType, String name) {
		return new StandInFile(text.getBytes(StandardCharsets.UTF_8), contentType, name, null);
	}

	private static String html(List<String> pages) {
		StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
		for (String page : pages) {
			html.append("<section>\n");
			lines(page).forEach((line) -> html.append("<p>").append(HtmlUtils.htmlEscape(line)).append("</p>\n"));
			html.append("</section>\n");
		}
		return html.append("</body></html>\n").toString();
	}

	private static String csv(List<String> pages) {
		StringBuilder csv = new StringBuilder();
		for (String page : pages) {
			for (String line : lines(page)) {
				List<String> cells = new ArrayList<>();
				for (String cell : line.split("\\s{2,}|\\t")) {
					cells.add("\"" + cell.replace("\"", "\"\"") + "\"");
				}
				csv.append(String.join(",", cells)).append("\r\n");
			}
		}
		return csv.toString();
	}

	private static String xml(List<String> pages) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document>\n");
		for (int i = 0; i < pages.size(); i++) {
			xml.append("  <page index=\"").append(i).append("\">").append(HtmlUtils.htmlEscape(pages.get(i)))
				.append("</page>\n");
		}
		return xml.append("</document>\n").toString();
	}

	private static String json(List<String> pages) {
		ObjectNode json = StandInJson.object();
		ArrayNode array = json.putArray("pages");
		pages.forEach(array::add);
		return json.toString();
	}

}
