package com.gonitro.spring.standin;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;

/**
 * Reading the parts of Nitro's multipart requests, with Nitro's size limits.
 */
final class StandInMultipart {

	/** Nitro's limit for one file: 20 MB. */
	static final int MAX_FILE_SIZE = 20 * 1024 * 1024;

	/** The stand-in's limit for a part that is not a file, such as JSON metadata: 1 MB. */
	static final int MAX_FIELD_SIZE = 1024 * 1024;

	private StandInMultipart() {
	}

	/** The part's bytes; 413 if it holds more than {@code limit}. */
	static Mono<byte[]> bytes(Part part, int limit) {
		return DataBufferUtils.join(part.content(), limit).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> StandInProblem.of(HttpStatus.CONTENT_TOO_LARGE,
					"The file '" + filename(part) + "' exceeds the limit of " + (limit / (1024 * 1024)) + " MB"));
	}

	static Mono<String> text(Part part) {
		return bytes(part, MAX_FIELD_SIZE).map((bytes) -> new String(bytes, StandardCharsets.UTF_8));
	}

	static String filename(Part part) {
		return (part instanceof FilePart file && !file.filename().isBlank()) ? file.filename() : part.name();
	}

	static @Nullable MediaType contentType(Part part) {
		return part.headers().getContentType();
	}

}
