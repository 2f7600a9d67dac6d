package com.gonitro.spring.web;

import java.net.URI;
import java.time.Clock;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import com.gonitro.spring.http.TransportFailure;
import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.web.NitroRequestPolicy.Attempt;
import com.gonitro.spring.web.NitroRequestPolicy.Decision;

/**
 * Authenticates {@code WebClient} requests for Nitro with the application's token and replays them when Nitro asks
 * for it.
 * <ul>
 * <li><b>The token stays home.</b> Only requests for Nitro's origin (scheme, host and port) get
 * {@code Authorization: Bearer <token>}; any other request leaves untouched, so a {@code WebClient} carrying this
 * filter can follow links to pre-signed file URLs safely. The token is set on the native request as it is written,
 * so it is never part of the {@code ClientRequest} that {@code WebClient} logs and keeps in its exceptions.</li>
 * <li><b>401</b> (Nitro revokes every token when credentials are rotated): the token that was sent is retired,
 * whether or not the request can be replayed; a new one is requested and the request is replayed once. A second 401
 * is returned to the caller.</li>
 * <li><b>429</b>: the request is replayed, whatever its method, after the {@code Retry-After} Nitro states (seconds or
 * an HTTP date), or after a backoff when it states none.</li>
 * <li><b>5xx and lost connections</b>: only idempotent requests (GET, HEAD, PUT, DELETE) are replayed, after a backoff:
 * a POST that may have reached Nitro is never replayed (Nitro has no idempotency keys). A request whose connection was
 * never established (unknown host, connection refused, connect timeout) never reached Nitro and is replayed whatever
 * its method.</li>
 * </ul>
 * Replays after a 429, a 5xx or a lost connection are bounded by the {@link NitroRetryPolicy}: a number of attempts
 * and a total wait. When the next wait would exceed the budget, the last reply or error goes to the caller. A replay
 * carries the token that is fresh when it is sent, not the one chosen before its wait.
 * <p>
 * <b>Which requests can be replayed.</b> Requests without a body; requests whose body is at most
 * {@link NitroRetryPolicy#maxReplayableBodySize()} bytes, which is kept in memory while the request is in flight
 * (JSON bodies, forms, small multipart uploads); and requests marked with the {@link #REPLAYABLE_BODY} attribute,
 * whose body inserter writes the same bytes each time it runs (such as one that reads a file). A larger body streamed
 * from a source that can be read only once ({@code InputStream}, a {@code Flux<DataBuffer>}) is not replayed: the
 * 401, 429 or 5xx reply is returned to the caller.
 * <p>
 * The {@code RestClient} twin is {@link NitroClientHttpRequestInterceptor}; both take their decisions from the same
 * rules.
 *
 * @since 0.1.0
 */
public final class NitroExchangeFilterFunction implements ExchangeFilterFunction {

	/**
	 * Request attribute that marks a request whose body inserter writes the same bytes every time it runs, so that
	 * it can be replayed whatever its size: {@code webClient.post().attribute(REPLAYABLE_BODY, true)}.
	 */
	public static final String REPLAYABLE_BODY = NitroExchangeFilterFunction.class.getName() + ".REPLAYABLE_BODY";

	private final NitroRequestPolicy policy;

	/**
	 * Creates a filter for the Nitro API at the given base URL, with the {@linkplain NitroRetryPolicy#defaults()
	 * default retry policy}.
	 * @param tokenCache the application's token cache
	 * @param nitroBaseUrl the base URL of the Nitro API, such as {@code https://api.gonitro.dev}: only requests to
	 * its origin get the token
	 */
	public NitroExchangeFilterFunction(NitroAccessTokenCache tokenCache, URI nitroBaseUrl) {
		this(tokenCache, nitroBaseUrl, NitroRetryPolicy.defaults());
	}

	/**
	 * Creates a filter for the Nitro API at the given base URL.
	 * @param tokenCache the application's token cache
	 * @param nitroBaseUrl the base URL of the Nitro API: only requests to its origin get the token
	 * @param retryPolicy how throttled and failed requests are replayed
	 */
	public NitroExchangeFilterFunction(NitroAccessTokenCache tokenCache, URI nitroBaseUrl,
			NitroRetryPolicy retryPolicy) {
		this(tokenCache, nitroBaseUrl, retryPolicy, NitroReplayListener.NONE);
	}

	/**
	 * Creates a filter for the Nitro API at the given base URL that tells a listener about replays.
	 * @param tokenCache the application's token cache
	 * @param nitroBaseUrl the base URL of the Nitro API: only requests to its origin get the token
	 * @param retryPolicy how throttled and failed requests are replayed
	 * @param replayListener told about each replay, for metrics
	 */
	public NitroExchangeFilterFunction(NitroAccessTokenCache tokenCache, URI nitroBaseUrl,
			NitroRetryPolicy retryPolicy, NitroReplayListener replayListener) {
		this.policy = new NitroRequestPolicy(tokenCache, nitroBaseUrl, retryPolicy, replayListener,
				Clock.systemUTC());
	}

	/**
	 * Sets the clock against which {@code Retry-After} dates are read.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.policy.setClock(clock);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.policy.isForNitro(request.url())) {
			return next.exchange(request);
		}
		ReplayableRequest replayable = ReplayableRequest.of(request, this.policy.maxReplayableBodySize());
		return send(replayable, next, Attempt.FIRST);
	}

	/** Called when the request is sent (never before a wait), so the token is the one fresh then. */
	private Mono<ClientResponse> send(ReplayableRequest request, ExchangeFunction next, Attempt attempt) {
		// The token held is read without a Mono: this runs for every call.
		OAuth2AccessToken fresh = this.policy.freshToken();
		if (fresh != null) {
			return send(request, next, attempt, fresh);
		}
		return this.policy.token()
			.doOnError((ex) -> this.policy.ended(attempt, null))
			.flatMap((token) -> send(request, next, attempt, token));
	}

	private Mono<ClientResponse> send(ReplayableRequest request, ExchangeFunction next, Attempt attempt,
			OAuth2AccessToken token) {
		return next.exchange(request.withBearerToken(token.getTokenValue()))
			.map(Exchanged::reply)
			.onErrorResume((ex) -> TransportFailure.of(ex) != null, (ex) -> Mono.just(Exchanged.failure(ex)))
			.flatMap((exchanged) -> (exchanged.reply() != null)
					? afterReply(request, next, attempt, token, exchanged.reply())
					: afterFailure(request, next, attempt, exchanged.failure()));
	}

	private Mono<ClientResponse> afterReply(ReplayableRequest request, ExchangeFunction next, Attempt attempt,
			OAuth2AccessToken token, ClientResponse response) {
		ClientRequest original = request.request();
		Decision decision = this.policy.afterReply(attempt, original.method(), original.url(),
				response.statusCode().value(), response.headers().asHttpHeaders(), token, request.isReplayable());
		if (!decision.isReplay()) {
			this.policy.ended(attempt, decision);
			return Mono.just(response);
		}
		return response.releaseBody().then(replay(request, next, attempt, decision));
	}

	private Mono<ClientResponse> afterFailure(ReplayableRequest request, ExchangeFunction next, Attempt attempt,
			Throwable failure) {
		ClientRequest original = request.request();
		Decision decision = this.policy.afterFailure(attempt, original.method(), original.url(), failure,
				request.isReplayable());
		if (!decision.isReplay()) {
			this.policy.ended(attempt, decision);
			return Mono.error(failure);
		}
		return replay(request, next, attempt, decision);
	}

	private Mono<ClientResponse> replay(ReplayableRequest request, ExchangeFunction next, Attempt attempt,
			Decision decision) {
		Mono<ClientResponse> replay = Mono.defer(() -> send(request, next, attempt.next(decision)));
		return decision.delay().isZero() ? replay : Mono.delay(decision.delay()).then(replay);
	}

	/**
	 * What one exchange gave: a reply, or a transport failure.
	 */
	private record Exchanged(@Nullable ClientResponse reply, @Nullable Throwable failure) {

		static Exchanged reply(ClientResponse reply) {
			return new Exchanged(reply, null);
		}

		static Exchanged failure(Throwable failure) {
			return new Exchanged(null, failure);
		}

	}

}
