package com.gonitro.spring.benchmark;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A minimal Nitro on loopback for benchmarks: a token endpoint that takes a little while to answer (so that
 * concurrent callers overlap) and counts its requests, and a fast {@code GET /sign/envelopes} and
 * {@code GET /sign/envelopes/{id}}.
 */
final class LoopbackNitro implements AutoCloseable {

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final DisposableServer server;

	private LoopbackNitro(Duration tokenLatency) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.post("/oauth/token", (request, response) -> request.receive()
					.then(Mono.delay(tokenLatency))
					.then(response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"accessToken\":\"bench-token-" + this.tokenRequests.incrementAndGet()
								+ "\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}"))
						.then()))
				.get("/sign/envelopes", (request, response) -> response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"items\":[]}")))
				.get("/sign/envelopes/{id}", (request, response) -> response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"ID\":\"" + request.param("id") + "\",\"name\":\"NDA\",\"status\":\"sent\"}"))))
			.bindNow();
	}

	static LoopbackNitro start(Duration tokenLatency) {
		return new LoopbackNitro(tokenLatency);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	String tokenUri() {
		return baseUrl() + "/oauth/token";
	}

	int takeTokenRequestCount() {
		return this.tokenRequests.getAndSet(0);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
