package com.gonitro.spring.client;

import java.io.InputStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * How the blocking clients wait for their reactive counterparts: for a value, or for a download as a stream.
 * <p>
 * <strong>Support class for the typed clients, public only so that their packages can share it: not API, subject to
 * change without notice.</strong>
 *
 * @since 0.1.0
 */
public final class Blocking {

	/** Buffers requested ahead of the reader: small, so that a download is never held whole. */
	private static final int DEMAND = 4;

	private Blocking() {
	}

	/**
	 * Waits for a reply that carries a value.
	 * @param <T> the value's type
	 * @param reply the reply
	 * @return the value
	 * @throws NitroUnexpectedResponseException if the reply had no content
	 */
	public static <T> T await(Mono<T> reply) {
		T value = reply.block();
		if (value == null) {
			throw new NitroUnexpectedResponseException("Nitro's reply had no content");
		}
		return value;
	}

	/**
	 * Exposes a download as an {@code InputStream} that reads it as it arrives. A failure of the download surfaces
	 * from a read. Close the stream.
	 * @param content the download
	 * @return the stream
	 */
	public static InputStream stream(Flux<DataBuffer> content) {
		return DataBufferUtils.subscriberInputStream(content, DEMAND);
	}

}
