package com.gonitro.spring.client;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.Assert;

/**
 * A file to upload, read in chunks as it is sent and never held whole in memory (except when given as bytes).
 * <p>
 * Content that can be read again ({@link #of(Path)}, a {@link Resource} that is not an open stream,
 * {@link #of(byte[], String)}) lets the client replay the upload when Nitro asks for it (after a 401 or a 429);
 * content that can be read only once ({@link #of(InputStream, String)}, {@link #of(Flux, String)}) cannot be
 * replayed.
 *
 * @since 0.1.0
 */
public final class FileContent {

	private static final int CHUNK_SIZE = 8 * 1024;

	private final Function<DataBufferFactory, Flux<DataBuffer>> reader;

	private final String filename;

	private final MediaType contentType;

	private final boolean replayable;

	private FileContent(Function<DataBufferFactory, Flux<DataBuffer>> reader, String filename,
			@Nullable MediaType contentType, boolean replayable) {
		Assert.hasText(filename, "'filename' must not be empty");
		this.reader = reader;
		this.filename = filename;
		this.contentType = (contentType != null) ? contentType
				: MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM);
		this.replayable = replayable;
	}

	/**
	 * A file on disk, read as it is sent. Its media type is guessed from its name.
	 * @param path the file
	 * @return the content
	 */
	public static FileContent of(Path path) {
		Assert.isTrue(Files.isRegularFile(path), () -> "'" + path + "' is not a readable file");
		return new FileContent((factory) -> DataBufferUtils.read(path, factory, CHUNK_SIZE), String.valueOf(path.getFileName()),
				null, true);
	}

	/**
	 * A Spring {@link Resource}. It can be replayed unless it is an open stream (such as an
	 * {@code InputStreamResource}).
	 * @param resource the resource
	 * @return the content
	 */
	public static FileContent of(Resource resource) {
		String filename = (resource.getFilename() != null) ? resource.getFilename() : "file";
		return new FileContent((factory) -> DataBufferUtils.read(resource, factory, CHUNK_SIZE), filename, null,
				!resource.isOpen());
	}

	/**
	 * Bytes already in memory.
	 * @param bytes the content
	 * @param filename the file name Nitro should see
	 * @return the content
	 */
	public static FileContent of(byte[] bytes, String filename) {
		ByteArrayResource resource = new ByteArrayResource(bytes);
		return new FileContent((factory) -> DataBufferUtils.read(resource, factory, CHUNK_SIZE), filename, null, true);
	}

	/**
	 * A stream, read once as it is sent, and closed at the end.
	 * @param content the stream
	 * @param filename the file name Nitro should see
	 * @return the content
	 */
	public static FileContent of(InputStream content, String filename) {
		return new FileContent((factory) -> DataBufferUtils.readInputStream(() -> content, factory, CHUNK_SIZE),
				filename, null, false);
	}

	/**
	 * A stream of buffers, subscribed to once as it is sent.
	 * @param content the buffers
	 * @param filename the file name Nitro should see
	 * @return the content
	 */
	public static FileContent of(Flux<DataBuffer> content, String filename) {
		return new FileContent((factory) -> content, filename, null, false);
	}

	/**
	 * Returns a copy with the given media type instead of the one guessed from the file name.
	 * @param contentType the media type, such as {@code application/pdf}
	 * @return the content
	 */
	public FileContent withContentType(MediaType contentType) {
		return new FileContent(this.reader, this.filename, contentType, this.replayable);
	}

	/**
	 * Returns the file name Nitro sees.
	 * @return the file name
	 */
	public String filename() {
		return this.filename;
	}

	/**
	 * Returns the media type: given, or guessed from the file name, or {@code application/octet-stream}.
	 * @return the media type
	 */
	public MediaType contentType() {
		return this.contentType;
	}

	/**
	 * Whether the content can be read again, so that a request carrying it can be replayed.
	 * @return whether it can be read again
	 */
	public boolean isReplayable() {
		return this.replayable;
	}

	/**
	 * Reads the content in chunks.
	 * @param bufferFactory the factory for the chunks
	 * @return the chunks
	 */
	public Flux<DataBuffer> read(DataBufferFactory bufferFactory) {
		return this.reader.apply(bufferFactory);
	}

}
