package com.gonitro.spring.sample;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * A caller of the sample over HTTP, and the files it sends. It uses the JDK's HTTP client, which never retries on
 * its own: a 503 with {@code Retry-After} reaches the test as the sample sent it.
 */
final class SampleClient {

	final RestClient http;

	SampleClient(int port) {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.requestFactory(new JdkClientHttpRequestFactory())
			.build();
	}

	ResponseEntity<JsonNode> post(String path, MultiValueMap<String, Object> form) {
		return this.http.post().uri(path).contentType(MediaType.MULTIPART_FORM_DATA).body(form).exchange(
				(request, response) -> ResponseEntity.status(response.getStatusCode())
					.headers(response.getHeaders())
					.body(response.bodyTo(JsonNode.class)));
	}

	ResponseEntity<JsonNode> get(String path) {
		return this.http.get().uri(path).exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.body(response.bodyTo(JsonNode.class)));
	}

	ResponseEntity<JsonNode> requestSignature(String text, String email) {
		return post("/signature-requests", form(pdf(text), "contract.pdf", email, "Ada"));
	}

	static MultiValueMap<String, Object> form(byte[] file, String filename, String email, String name) {
		MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
		if (file != null) {
			form.add("file", file(file, filename));
		}
		form.add("signerEmail", email);
		form.add("signerName", name);
		return form;
	}

	static ByteArrayResource file(byte[] content, String filename) {
		return new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return filename;
			}

		};
	}

	static byte[] pdf(String text) {
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
				content.newLineAtOffset(72, 700);
				content.showText(text);
				content.endText();
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String text(byte[] pdf) {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, byte[]> unzip(byte[] zip) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				entries.put(entry.getName(), in.readAllBytes());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return entries;
	}

}
