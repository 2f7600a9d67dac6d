package com.gonitro.spring.standin;

import java.time.Duration;

import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The stand-in's own network threads, for its servers and for the requests it sends (remote inputs, result uploads,
 * callbacks, webhooks). Not Reactor Netty's global resources: a WebFlux application disposes those when it stops,
 * which would silently stop a stand-in that outlives it (one shared by several test contexts).
 */
final class StandInNetwork {

	private final LoopResources loops = LoopResources.create("nitro-stand-in", 1, 4, true);

	private final WebClient client = WebClient.builder()
		.clientConnector(
				new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()).runOn(this.loops)))
		.build();

	/** Serves routes on {@code localhost}; port 0 for a free one. */
	DisposableServer bind(int port, RouterFunction<ServerResponse> routes) {
		ReactorHttpHandlerAdapter adapter = new ReactorHttpHandlerAdapter(
				RouterFunctions.toHttpHandler(routes, HandlerStrategies.withDefaults()));
		return HttpServer.create()
			.runOn(this.loops)
			.host("localhost")
			.port(port)
			.handle(adapter)
			.bindNow(Duration.ofSeconds(10));
	}

	/** A client for the requests the stand-in sends; not pooled, so nothing outlives a request. */
	WebClient client() {
		return this.client;
	}

	void close() {
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).subscribe();
	}

	static String url(DisposableServer server) {
		return "http://localhost:" + server.port();
	}

}
