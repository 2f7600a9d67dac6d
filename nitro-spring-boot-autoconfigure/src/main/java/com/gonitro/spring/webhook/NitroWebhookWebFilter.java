package com.gonitro.spring.webhook;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Serves the webhook endpoint in a WebFlux application: a request whose path (within the application, as sent) is
 * exactly the endpoint's goes to {@link NitroWebhookHandler} and is answered here; every other request passes on
 * untouched. Placed ahead of Spring Security's filter, it answers Nitro without a login or a CSRF token, as the
 * delivery's signature authenticates it, and leaves every other path to Spring Security as before.
 * <p>
 * The body is read without blocking, at most one byte over the limit; the handler, whose listeners and
 * deduplication store may block, runs on Reactor's bounded elastic scheduler.
 *
 * @since 0.1.0
 */
public class NitroWebhookWebFilter implements WebFilter {

	private final NitroWebhookHandler handler;

	private final String path;

	/**
	 * Creates the filter.
	 * @param handler handles the deliveries
	 * @param path the endpoint's path within the application, such as {@code /nitro/webhooks}
	 */
	public NitroWebhookWebFilter(NitroWebhookHandler handler, String path) {
		Assert.notNull(handler, "'handler' must not be null");
		Assert.isTrue(path != null && path.startsWith("/"), "'path' must start with '/'");
		this.handler = handler;
		this.path = path;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!this.path.equals(request.getPath().pathWithinApplication().value())) {
			return chain.filter(exchange);
		}
		String method = request.getMethod().name();
		NitroWebhookResponse early = this.handler.answerBeforeBody(method, request.getHeaders());
		if (early != null) {
			return answer(exchange.getResponse(), early);
		}
		return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(request.getBody(),
				this.handler.getMaxBodySize() + 1L))
			.map(NitroWebhookWebFilter::bytes)
			.defaultIfEmpty(new byte[0])
			.publishOn(Schedulers.boundedElastic())
			.map((body) -> this.handler.handle(new NitroWebhookRequest(method, request.getURI().getRawPath(),
					request.getHeaders(), body)))
			.flatMap((response) -> answer(exchange.getResponse(), response));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Mono<Void> answer(ServerHttpResponse response, NitroWebhookResponse answer) {
		response.setStatusCode(answer.status());
		response.getHeaders().addAll(answer.headers());
		response.getHeaders().setContentLength(0);
		return response.setComplete();
	}

}
