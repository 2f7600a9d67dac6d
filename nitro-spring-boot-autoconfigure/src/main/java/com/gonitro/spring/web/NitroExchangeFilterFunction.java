package com.gonitro.spring.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import com.gonitro.spring.http.RetryAfter;
import com.gonitro.spring.http.TransportFailure;
import com.gonitro.spring.oauth.NitroAccessTokenCache;

/**
 * Authenticates requests for Nitro with the application's token and replays them when Nitro asks for it.
 * <ul>
 * <li><b>The token stays home.</b> Only requests for Nitro's origin (scheme, host and port) get
 * {@code Authorization: Bearer <token>}; any other request leaves untouched, so a {@code WebClient} carrying this
 * filter can follow links to pre-signed file URLs safely.</li>
 * <li><b>401</b> (Nitro revokes every token when credentials are rotated): the token is evicted, a new one is
 * requested, and the request is replayed once. A second 401 is returned to the caller.</li>
 * <li><b>429</b>: the request is replayed, whatever its method, after the {@code Retry-After} Nitro states (seconds or
 * an HTTP date), or after a backoff when it states none.</li>
 * <li><b>5xx and lost connections</b>: only idempotent requests (GET, HEAD, PUT, DELETE) are replayed, after a backoff:
 * a POST that may have reached Nitro is never replayed (Nitro has no idempotency keys). A request whose connection was
 * never established (unknown host, connection refused, connect timeout) never reached Nitro and is replayed whatever
 * its method.</li>
 * </ul>
 * Replays after a 429, a 5xx or a lost connection are bounded by the {@link NitroRetryPolicy}: a number of attempts
 * and a total wait. When the next wait would exceed the budget, the last reply or error goes to the caller.
 * <p>
 * <b>Which requests can be replayed.</b> Requests without a body; requests whose body is at most
 * {@link NitroRetryPolicy#maxReplayableBodySize()} bytes, which is kept in memory while the request is in flight
 * (JSON bodies, forms, small multipart uploads); and requests marked with the {@link #REPLAYABLE_BODY} attribute,
 * whose body inserter writes the same bytes each time it runs (such as one that reads a file). A larger body streamed
 * from a source that can be read only once ({@code InputStream}, a {@code Flux<DataBuffer>}) is not replayed: the
 * 401, 429 or 5xx reply is returned to the caller.
 */
public final class NitroExchangeFilterFunction implements ExchangeFilterFunction {

	/**
	 * Request attribute that marks a request whose body inserter writes the same bytes every time it runs, so that
	 * it can be replayed whatever its size: {@code webClient.post().attribute(REPLAYABLE_BODY, true)}.
	 */
	public static final String REPLAYABLE_BODY = NitroExchangeFilterFunction.class.getName() + ".REPLAYABLE_BODY";

	private static final Log logger = LogFactory.getLog(NitroExchangeFilterFunction.class);

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
			HttpMethod.DELETE);

	private final NitroAccessTokenCache tokenCache;

	private final Origin nitroOrigin;

	private final NitroRetryPolicy retryPolicy;

	private Clock clock = Clock.systemUTC();

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
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		Assert.isTrue(nitroBaseUrl != null && nitroBaseUrl.getScheme() != null && nitroBaseUrl.getHost() != null,
				"'nitroBaseUrl' must be an absolute URL");
		Assert.notNull(retryPolicy, "'retryPolicy' must not be null");
		this.tokenCache = tokenCache;
		this.nitroOrigin = Origin.of(nitroBaseUrl);
		this.retryPolicy = retryPolicy;
	}

	/**
	 * Sets the clock against which {@code Retry-After} dates are read.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.nitroOrigin.matches(request.url())) {
			return next.exchange(request);
		}
		ReplayableRequest replayable = ReplayableRequest.of(request, this.retryPolicy.maxReplayableBodySize());
		return send(replayable, next, Attempt.FIRST);
	}

	private Mono<ClientResponse> send(ReplayableRequest request, ExchangeFunction next, Attempt attempt) {
		OAuth2AccessToken freshToken = this.tokenCache.freshAccessToken();
		if (freshToken != null) {
			return send(request, next, attempt, freshToken);
		}
		return this.tokenCache.accessToken().flatMap((token) -> send(request, next, attempt, token));
	}

	private Mono<ClientResponse> send(ReplayableRequest request, ExchangeFunction next, Attempt attempt,
			OAuth2AccessToken token) {
		return next.exchange(request.withBearerToken(token.getTokenValue()))
			.onErrorResume((ex) -> TransportFailure.of(ex) != null,
					(ex) -> afterTransportFailure(request, next, attempt, ex))
			.flatMap((response) -> afterResponse(request, next, attempt, token, response));
	}

	private Mono<ClientResponse> afterResponse(ReplayableRequest request, ExchangeFunction next, Attempt attempt,
			OAuth2AccessToken token, ClientResponse response) {
		int status = response.statusCode().value();
		if (status == HttpStatus.UNAUTHORIZED.value() && !attempt.reauthenticated() && request.isReplayable()) {
			this.tokenCache.evict(token);
			log(request, "was rejected with 401: replaying it once with a new token");
			return response.releaseBody().then(send(request, next, attempt.reauthenticate()));
		}
		if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
			Duration retryAfter = RetryAfter.of(response.headers().asHttpHeaders(), this.clock);
			return retryAfterWait(request, next, attempt, (retryAfter != null) ? retryAfter : backoff(attempt),
					response, "was throttled (429)");
		}
		if (response.statusCode().is5xxServerError() && isIdempotent(request)) {
			return retryAfterWait(request, next, attempt, backoff(attempt), response,
					"failed with " + status + " on Nitro's side");
		}
		return Mono.just(response);
	}

	private Mono<ClientResponse> afterTransportFailure(ReplayableRequest request, ExchangeFunction next,
			Attempt attempt, Throwable failure) {
		TransportFailure kind = TransportFailure.of(failure);
		boolean mayReplay = isIdempotent(request) || (kind != null && kind.requestNeverSent());
		Duration wait = backoff(attempt);
		if (!mayReplay || !request.isReplayable() || !attempt.mayWait(wait, this.retryPolicy)) {
			return Mono.error(failure);
		}
		log(request, "got no reply (" + ((kind != null) ? kind.description() : failure) + "): replaying it in "
				+ wait.toMillis() + " ms");
		return Mono.delay(wait).then(send(request, next, attempt.next(wait)));
	}

	private Mono<ClientResponse> retryAfterWait(ReplayableRequest request, ExchangeFunction next, Attempt attempt,
			Duration wait, ClientResponse response, String reason) {
		if (!request.isReplayable() || !attempt.mayWait(wait, this.retryPolicy)) {
			return Mono.just(response);
		}
		log(request, reason + ": replaying it in " + wait.toMillis() + " ms");
		return response.releaseBody().then(Mono.delay(wait)).then(send(request, next, attempt.next(wait)));
	}

	private Duration backoff(Attempt attempt) {
		return this.retryPolicy.backoff(attempt.retries() + 1);
	}

	private static boolean isIdempotent(ReplayableRequest request) {
		return IDEMPOTENT_METHODS.contains(request.request().method());
	}

	private static void log(ReplayableRequest request, String what) {
		if (logger.isDebugEnabled()) {
			ClientRequest original = request.request();
			logger.debug("Nitro request " + original.method() + " " + original.url().getRawPath() + " " + what);
		}
	}

	/**
	 * Where one request stands: how many retries it has had, how long it has waited, whether it was already
	 * replayed after a 401.
	 */
	private record Attempt(int retries, Duration waited, boolean reauthenticated) {

		static final Attempt FIRST = new Attempt(0, Duration.ZERO, false);

		boolean mayWait(Duration wait, NitroRetryPolicy policy) {
			return this.retries + 1 < policy.maxAttempts()
					&& this.waited.plus(wait).compareTo(policy.maxTotalWait()) <= 0;
		}

		Attempt next(Duration wait) {
			return new Attempt(this.retries + 1, this.waited.plus(wait), this.reauthenticated);
		}

		Attempt reauthenticate() {
			return new Attempt(this.retries, this.waited, true);
		}

	}

	private record Origin(String scheme, String host, int port) {

		static Origin of(URI url) {
			String scheme = url.getScheme().toLowerCase(Locale.ROOT);
			return new Origin(scheme, url.getHost().toLowerCase(Locale.ROOT), port(url.getPort(), scheme));
		}

		/** Compares without allocating: this runs for every request. */
		boolean matches(URI url) {
			String scheme = url.getScheme();
			return scheme != null && scheme.equalsIgnoreCase(this.scheme) && this.host.equalsIgnoreCase(url.getHost())
					&& this.port == port(url.getPort(), this.scheme);
		}

		private static int port(int port, String scheme) {
			return (port != -1) ? port : ("https".equals(scheme) ? 443 : 80);
		}

	}

}
