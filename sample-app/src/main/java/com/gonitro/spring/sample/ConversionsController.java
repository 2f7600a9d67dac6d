package com.gonitro.spring.sample;

import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.gonitro.spring.client.FileContent;
import com.gonitro.spring.pdf.model.PdfInput;
import com.gonitro.spring.pdf.model.PdfRequest;

/**
 * Converts a file with Nitro PDF Services and streams the result back.
 */
@RestController
class ConversionsController {

	private static final Map<String, MediaType> TARGETS = Map.of("pdf", MediaType.APPLICATION_PDF, "docx",
			MediaType.valueOf("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "xlsx",
			MediaType.valueOf("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "png",
			MediaType.IMAGE_PNG, "jpeg", MediaType.IMAGE_JPEG);

	private final AvailableNitroClients nitro;

	ConversionsController(AvailableNitroClients nitro) {
		this.nitro = nitro;
	}

	@PostMapping(path = "/conversions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<StreamingResponseBody> convert(@RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "pdf") String to) {
		MediaType type = TARGETS.get(to);
		if (type == null) {
			throw new InvalidInputException("to", "to must be one of " + TARGETS.keySet().stream().sorted().toList());
		}
		byte[] content = Uploads.required(file);
		String filename = Uploads.filename(file, "document");
		FileContent input = FileContent.of(content, filename);
		if (file.getContentType() != null && !file.getContentType().equals(MediaType.APPLICATION_OCTET_STREAM_VALUE)) {
			input = input.withContentType(MediaType.parseMediaType(file.getContentType()));
		}
		StreamingResponseBody body = Downloads.stream(this.nitro.pdf().open(PdfRequest.convert(PdfInput.file(input), to)));
		String name = filename.replaceFirst("\\.[^.]*$", "") + "." + to;
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(body);
	}

}
