package com.gonitro.spring.standin;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The route table of the stand-in's API origin, and the order every request goes through: latency first; then the
 * token endpoint, the controls, or Nitro's API, whose requests are counted, must carry a token the stand-in issued,
 * and may meet an injected fault before reaching the Sign API or PDF Services; anything else is a 404. Every error,
 * a handler's exception included, is answered as Nitro answers errors.
 */
final class StandInRoutes {

	private StandInRoutes() {
	}

	static RouterFunction<ServerResponse> of(StandInTokens tokens, StandInFaults faults, StandInControls controls,
			StandInSign sign, StandInPdfServices pdf) {
		RouterFunction<ServerResponse> api = sign.routes()
			.and(pdf.routes())
			.filter(faults.apiFaults())
			.filter(tokens.authentication())
			.filter(faults.counting());
		return RouterFunctions.route()
			.POST("/oauth/token", tokens::issue)
			.add(controls.routes())
			.add(api)
			.route((request) -> true, (request) -> StandInProblem.notFoundPath(request.path()).reply(request))
			.filter(faults.latency())
			.filter(StandInRoutes::answerErrors)
			.build();
	}

	/** Answers errors as Nitro does, those thrown by a handler included (builder error handlers miss those). */
	private static Mono<ServerResponse> answerErrors(ServerRequest request, HandlerFunction<ServerResponse> next) {
		return Mono.defer(() -> next.handle(request))
			.onErrorResume((ex) -> (ex instanceof StandInProblem problem) ? problem.reply(request)
					: StandInProblem.internalError(ex, request));
	}

}
