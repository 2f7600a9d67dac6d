package com.gonitro.spring.standin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The smallest valid Office Open XML packages: a Word document of paragraphs, a workbook of rows.
 */
final class StandInOoxml {

	private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

	private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

	private static final String OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";

	private StandInOoxml() {
	}

	/** A Word document with one paragraph per line of each page. */
	static byte[] docx(List<String> pages) {
		StringBuilder body = new StringBuilder();
		for (String page : pages) {
			for (String line : StandInConversions.lines(page)) {
				body.append("<w:p><w:r><w:t xml:space=\"preserve\">").append(HtmlUtils.htmlEscape(line))
					.append("</w:t></w:r></w:p>");
			}
		}
		Map<String, String> parts = new LinkedHashMap<>();
		parts.put("[Content_Types].xml", XML
				+ "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
				+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
				+ "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
				+ "</Types>");
		parts.put("_rels/.rels", XML + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
				+ "<Relationship Id=\"rId1\" Type=\"" + OFFICE_DOCUMENT + "\" Target=\"word/document.xml\"/>"
				+ "</Relationships>");
		parts.put("word/document.xml", XML
				+ "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
				+ body + "</w:body></w:document>");
		return zip(parts);
	}

	/** A workbook with one row per line of each page, cells split where the text has wide gaps. */
	static byte[] xlsx(List<String> pages) {
		StringBuilder rows = new StringBuilder();
		int row = 0;
		for (String page : pages) {
			for (String line : StandInConversions.lines(page)) {
				row++;
				rows.append("<row r=\"").append(row).append("\">");
				for (String cell : line.split("\\s{2,}|\\t")) {
					rows.append("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">").append(HtmlUtils.htmlEscape(cell))
						.append("</t></is></c>");
				}
				rows.append("</row>");
			}
		}
		String main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
		Map<String, String> parts = new LinkedHashMap<>();
		parts.put("[Content_Types].xml", XML
				+ "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
				+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
				+ "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
				+ "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
				+ "</Types>");
		parts.put("_rels/.rels", XML + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
				+ "<Relationship Id=\"rId1\" Type=\"" + OFFICE_DOCUMENT + "\" Target=\"xl/workbook.xml\"/>"
				+ "</Relationships>");
		parts.put("xl/workbook.xml", XML + "<workbook xmlns=\"" + main + "\" "
				+ "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
				+ "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
		parts.put("xl/_rels/workbook.xml.rels", XML + "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">"
				+ "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
				+ "Target=\"worksheets/sheet1.xml\"/></Relationships>");
		parts.put("xl/worksheets/sheet1.xml", XML + "<worksheet xmlns=\"" + main + "\"><sheetData>" + rows
				+ "</sheetData></worksheet>");
		return zip(parts);
	}

	private static byte[] zip(Map<String, String> parts) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		parts.forEach((name, xml) -> entries.put(name, xml.getBytes(StandardCharsets.UTF_8)));
		return StandInPdfs.zip(entries);
	}

}
