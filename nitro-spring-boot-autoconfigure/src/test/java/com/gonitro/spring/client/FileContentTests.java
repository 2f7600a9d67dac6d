package com.gonitro.spring.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link FileContent} reads each kind of content in chunks, guesses media types from file names, and says which
 * content can be read again (and so replayed).
 */
class FileContentTests {

	private static final byte[] CONTENT = "%PDF-1.7 ".repeat(3000).getBytes();

	@Test
	void aFileIsReadInChunksAndCanBeReadAgain(@TempDir Path dir) throws Exception {
		Path file = Files.write(dir.resolve("contract.pdf"), CONTENT);

		FileContent content = FileContent.of(file);

		assertThat(content.isReplayable()).isTrue();
		assertThat(content.filename()).isEqualTo("contract.pdf");
		assertThat(content.contentType()).isEqualTo(MediaType.APPLICATION_PDF);
		assertThat(chunks(content)).isGreaterThan(1);
		assertThat(read(content)).isEqualTo(CONTENT);
		assertThat(read(content)).isEqualTo(CONTENT);
	}

	@Test
	void bytesCanBeReadAgain() {
		FileContent content = FileContent.of(CONTENT, "scan.png");

		assertThat(content.isReplayable()).isTrue();
		assertThat(content.contentType()).isEqualTo(MediaType.IMAGE_PNG);
		assertThat(read(content)).isEqualTo(CONTENT);
		assertThat(read(content)).isEqualTo(CONTENT);
	}

	@Test
	void aResourceCanBeReadAgainUnlessItIsAnOpenStream() {
		FileContent bytes = FileContent.of(new ByteArrayResource(CONTENT));
		FileContent stream = FileContent.of(new InputStreamResource(new ByteArrayInputStream(CONTENT)));

		assertThat(bytes.isReplayable()).isTrue();
		assertThat(bytes.filename()).isEqualTo("file");
		assertThat(read(bytes)).isEqualTo(CONTENT);
		assertThat(stream.isReplayable()).isFalse();
		assertThat(read(stream)).isEqualTo(CONTENT);
	}

	@Test
	void aStreamIsReadOnceAndClosed() {
		AtomicBoolean closed = new AtomicBoolean();
		InputStream stream = new ByteArrayInputStream(CONTENT) {

			@Override
			public void close() {
				closed.set(true);
			}

		};

		FileContent content = FileContent.of(stream, "notes.txt");

		assertThat(content.isReplayable()).isFalse();
		assertThat(content.contentType()).isEqualTo(MediaType.TEXT_PLAIN);
		assertThat(read(content)).isEqualTo(CONTENT);
		assertThat(closed).isTrue();
	}

	@Test
	void buffersAreNotReplayable() {
		FileContent content = FileContent.of(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(CONTENT)), "data");

		assertThat(content.isReplayable()).isFalse();
		assertThat(content.contentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
		assertThat(read(content)).isEqualTo(CONTENT);
	}

	@Test
	void aGivenMediaTypeReplacesTheGuess() {
		FileContent content = FileContent.of(CONTENT, "contract.pdf").withContentType(MediaType.TEXT_PLAIN);

		assertThat(content.contentType()).isEqualTo(MediaType.TEXT_PLAIN);
		assertThat(content.filename()).isEqualTo("contract.pdf");
		assertThat(content.isReplayable()).isTrue();
	}

	@Test
	void aMissingFileOrAnEmptyNameIsRefused(@TempDir Path dir) {
		assertThatIllegalArgumentException().isThrownBy(() -> FileContent.of(dir.resolve("missing.pdf")));
		assertThatIllegalArgumentException().isThrownBy(() -> FileContent.of(dir));
		assertThatIllegalArgumentException().isThrownBy(() -> FileContent.of(CONTENT, " "))
			.withMessage("'filename' must not be empty");
	}

	private static byte[] read(FileContent content) {
		DataBuffer joined = DataBufferUtils.join(content.read(DefaultDataBufferFactory.sharedInstance)).block();
		byte[] bytes = new byte[joined.readableByteCount()];
		joined.read(bytes);
		DataBufferUtils.release(joined);
		return bytes;
	}

	private static long chunks(FileContent content) {
		return content.read(DefaultDataBufferFactory.sharedInstance).doOnNext(DataBufferUtils::release).count().block();
	}

}
