package com.gonitro.spring.client;

import java.io.InputStream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.Assert;

/**
 * How the blocking clients wait for their reactive counterparts: for a value, or for a download as a stream.
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
	 * @throws IllegalStateException if the reply completed empty
	 */
	public static <T> T await(Mono<T> reply) {
		T value = reply.block();
		Assert.state(value != null, "Nitro's reply had no content");
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
