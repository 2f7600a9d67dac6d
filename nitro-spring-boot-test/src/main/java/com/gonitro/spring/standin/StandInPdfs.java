package com.gonitro.spring.standin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Real PDF and ZIP bytes for the stand-in: reading uploads, writing text pages, stamping signatures, zipping.
 */
final class StandInPdfs {

	static final String PDF = "application/pdf";

	private static final float MARGIN = 56;

	private static final float LEADING = 16;

	private StandInPdfs() {
	}

	/** Whether the bytes start as a PDF does. */
	static boolean looksLikePdf(byte[] content) {
		return content.length >= 5 && new String(content, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
	}

	/** Opens a PDF, or fails as PDF Services does: 422, typed. */
	static PDDocument open(byte[] content, @Nullable String password) {
		try {
			return (password != null) ? Loader.loadPDF(content, password) : Loader.loadPDF(content);
		}
		catch (InvalidPasswordException ex) {
			throw StandInProblem.typed(HttpStatus.UNPROCESSABLE_CONTENT, "PDFIsPasswordProtected",
					"PDF is password protected",
					(password != null) ? "The password does not open the PDF" : "The PDF is password protected");
		}
		catch (IOException ex) {
			throw StandInProblem.typed(HttpStatus.UNPROCESSABLE_CONTENT, "ConversionFailed", "The file is not a valid PDF",
					"The file could not be read as a PDF: " + ex.getMessage());
		}
	}

	static byte[] save(PDDocument document) {
		try (document) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int pageCount(byte[] pdf) {
		try (PDDocument document = open(pdf, null)) {
			return document.getNumberOfPages();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PDF of A4 pages holding a title and lines of text. */
	static byte[] text(String title, List<String> lines) {
		PDDocument document = new PDDocument();
		PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
		PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		List<String> remaining = new ArrayList<>(lines);
		boolean first = true;
		try {
			while (first || !remaining.isEmpty()) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream content = new PDPageContentStream(document, page)) {
					float y = page.getMediaBox().getHeight() - MARGIN;
					if (first) {
						write(content, bold, 16, MARGIN, y, title);
						y -= 2 * LEADING;
						first = false;
					}
					while (!remaining.isEmpty() && y > MARGIN) {
						write(content, regular, 11, MARGIN, y, remaining.remove(0));
						y -= LEADING;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return save(document);
	}

	/**
	 * Writes one line of text; characters the standard fonts cannot show become {@code ?}, and long lines are cut.
	 */
	static void write(PDPageContentStream content, PDType1Font font, float size, float x, float y, String text)
			throws IOException {
		content.beginText();
		content.setFont(font, size);
		content.newLineAtOffset(x, y);
		content.showText(printable(text, 95));
		content.endText();
	}

	static PDType1Font font() {
		return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
	}

	/** The text, in the characters Helvetica's standard encoding shows, at most {@code max} of them. */
	static String printable(String text, int max) {
		StringBuilder printable = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (printable.length() == max) {
				break;
			}
			printable.append((c >= 0x20 && c < 0x7f) ? c : (c == '\t') ? ' ' : '?');
		}
		return printable.toString();
	}

	/** A ZIP of the given entries, in order. */
	static byte[] zip(Map<String, byte[]> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(entry.getKey()));
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
