package com.gonitro.spring.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;
import org.springframework.web.multipart.MultipartFile;

/**
 * Reading the uploaded {@code file} part, with the checks the caller must pass.
 */
final class Uploads {

	private Uploads() {
	}

	/** The uploaded file, which must be present and not empty. */
	static byte[] required(@Nullable MultipartFile file) {
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "file is required: send the document as the multipart part 'file'");
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The uploaded file, which must be a PDF. */
	static byte[] pdf(@Nullable MultipartFile file) {
		byte[] content = required(file);
		if (content.length < 5 || !new String(content, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
			throw new InvalidInputException("file", "file must be a PDF (it does not start with %PDF-)");
		}
		return content;
	}

	/** The file's name without any path, or the fallback. */
	static String filename(MultipartFile file, String fallback) {
		String name = StringUtils.getFilename(StringUtils.cleanPath(String.valueOf(file.getOriginalFilename())));
		return (name == null || name.isBlank() || name.equals("null")) ? fallback : name;
	}

}
