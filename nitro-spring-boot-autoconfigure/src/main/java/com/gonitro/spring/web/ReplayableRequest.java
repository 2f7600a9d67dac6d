package com.gonitro.spring.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * A request for Nitro that may have to be sent more than once (after a 401, a 429, a 5xx or a lost connection),
 * and knows whether its body can be sent again.
 * <p>
 * A request can be sent again when it has no body, when it is marked with
 * {@link NitroExchangeFilterFunction#REPLAYABLE_BODY} (its body inserter writes the same bytes every time, such as
 * one reading a file), when its body has not been read yet, or when its body was no larger than the limit and was
 * kept while it was written. A body larger than the limit, or written as a stream of flushes, cannot be sent again.
 */
final class ReplayableRequest {

	private final ClientRequest request;

	private final int maxRecordedSize;

	private final boolean alwaysReplayable;

	private volatile BodyState state = BodyState.UNREAD;

	private volatile @Nullable RecordedBody recorded;

	private ReplayableRequest(ClientRequest request, int maxRecordedSize) {
		this.request = request;
		this.maxRecordedSize = maxRecordedSize;
		this.alwaysReplayable = request.body() == BodyInserters.empty()
				|| Boolean.TRUE.equals(request.attribute(NitroExchangeFilterFunction.REPLAYABLE_BODY).orElse(null));
	}

	static ReplayableRequest of(ClientRequest request, int maxRecordedSize) {
		return new ReplayableRequest(request, maxRecordedSize);
	}

	ClientRequest request() {
		return this.request;
	}

	boolean isReplayable() {
		return this.alwaysReplayable || this.state != BodyState.CONSUMED;
	}

	/**
	 * Returns the request to send now, with the given Bearer token. The token is set on the native request only,
	 * as it is written: it is never part of the {@code ClientRequest}'s headers, which {@code WebClient} logs
	 * (with {@code spring.http.codecs.log-request-details}) and keeps in its exceptions.
	 */
	ClientRequest withBearerToken(String token) {
		ClientRequest.Builder builder = ClientRequest.from(this.request)
			.httpRequest((nativeRequest) -> nativeRequest.getHeaders().setBearerAuth(token));
		if (this.alwaysReplayable) {
			return builder.build();
		}
		RecordedBody recorded = this.recorded;
		return builder.body((recorded != null) ? replaying(recorded) : recording()).build();
	}

	private BodyInserter<Object, ClientHttpRequest> recording() {
		BodyInserter<?, ? super ClientHttpRequest> original = this.request.body();
		return (message, context) -> original.insert(new RecordingRequest(message), context);
	}

	private static BodyInserter<Object, ClientHttpRequest> replaying(RecordedBody recorded) {
		return (message, context) -> {
			HttpHeaders headers = message.getHeaders();
			if (recorded.contentType() != null) {
				headers.setContentType(recorded.contentType());
			}
			headers.setContentLength(recorded.bytes().length);
			return message.writeWith(Mono.fromSupplier(() -> message.bufferFactory().wrap(recorded.bytes())));
		};
	}

	private void record(byte[] bytes, HttpHeaders headers) {
		this.recorded = new RecordedBody(bytes, headers.getContentType());
		this.state = BodyState.RECORDED;
	}

	private enum BodyState {

		/** The body source has not been read: the original inserter can still run. */
		UNREAD,

		/** The body was read completely and kept. */
		RECORDED,

		/** The body was read, but not kept: it cannot be sent again. */
		CONSUMED

	}

	private record RecordedBody(byte[] bytes, @Nullable MediaType contentType) {

	}

	/**
	 * Copies what the original inserter writes, up to the size limit.
	 */
	private final class RecordingRequest extends ClientHttpRequestDecorator {

		RecordingRequest(ClientHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			ByteArrayOutputStream copy = new ByteArrayOutputStream();
			boolean[] overflow = { false };
			Flux<? extends DataBuffer> recordedBody = Flux.from(body)
				.doOnSubscribe((subscription) -> ReplayableRequest.this.state = BodyState.CONSUMED)
				.doOnNext((buffer) -> {
					int count = buffer.readableByteCount();
					overflow[0] = overflow[0] || copy.size() + count > ReplayableRequest.this.maxRecordedSize;
					if (!overflow[0]) {
						ByteBuffer bytes = ByteBuffer.allocate(count);
						buffer.toByteBuffer(buffer.readPosition(), bytes, 0, count);
						copy.write(bytes.array(), 0, count);
					}
				})
				.doOnComplete(() -> {
					if (!overflow[0]) {
						record(copy.toByteArray(), getHeaders());
					}
				});
			return super.writeWith(recordedBody);
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			ReplayableRequest.this.state = BodyState.CONSUMED;
			return super.writeAndFlushWith(body);
		}

		@Override
		public Mono<Void> setComplete() {
			record(new byte[0], getHeaders());
			return super.setComplete();
		}

	}

}
