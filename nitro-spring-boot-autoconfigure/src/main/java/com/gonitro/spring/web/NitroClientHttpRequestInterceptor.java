package com.gonitro.spring.web;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.web.NitroRequestPolicy.Attempt;
import com.gonitro.spring.web.NitroRequestPolicy.Decision;

/**
 * The {@code RestClient} twin of {@link NitroExchangeFilterFunction}: authenticates requests for Nitro's origin with
 * the application's token and replays them after a 401, a 429, and (idempotent requests only) a 5xx or a lost
 * connection, by the same rules and within the same {@link NitroRetryPolicy}.
 * <p>
 * {@code RestClient} holds a request's body in memory for its interceptors, so every request through this
 * interceptor can be replayed, whatever its size. Waits before a replay block the calling thread, as everything
 * a {@code RestClient} does. Add it as the last interceptor, so that no other interceptor sees the token:
 * {@code restClientBuilder.requestInterceptor(interceptor)}.
 *
 * @since 0.1.0
 */
public final class NitroClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final NitroRequestPolicy policy;

	/**
	 * Creates an interceptor for the Nitro API at the given base URL.
	 * @param tokenCache the application's token cache
	 * @param nitroBaseUrl the base URL of the Nitro API: only requests to its origin get the token
	 * @param retryPolicy how throttled and failed requests are replayed
	 * @param replayListener told about each replay, for metrics
	 */
	public NitroClientHttpRequestInterceptor(NitroAccessTokenCache tokenCache, URI nitroBaseUrl,
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
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.policy.isForNitro(request.getURI())) {
			return execution.execute(request, body);
		}
		Attempt attempt = Attempt.FIRST;
		while (true) {
			OAuth2AccessToken token = token(attempt);
			ClientHttpResponse response;
			try {
				response = execution.execute(withBearerToken(request, token), body);
			}
			catch (IOException | RuntimeException ex) {
				Decision decision = this.policy.afterFailure(attempt, request.getMethod(), request.getURI(), ex, true);
				if (!decision.isReplay()) {
					this.policy.ended(attempt, decision);
					throw ex;
				}
				attempt = waitFor(attempt, decision);
				continue;
			}
			Decision decision = this.policy.afterReply(attempt, request.getMethod(), request.getURI(),
					response.getStatusCode().value(), response.getHeaders(), token, true);
			if (!decision.isReplay()) {
				this.policy.ended(attempt, decision);
				return response;
			}
			response.close();
			attempt = waitFor(attempt, decision);
		}
	}

	private OAuth2AccessToken token(Attempt attempt) {
		try {
			// The token held is read without a Mono: this runs for every call.
			OAuth2AccessToken token = this.policy.freshToken();
			if (token == null) {
				token = this.policy.token().block();
			}
			Assert.state(token != null, "The token cache completed without a token");
			return token;
		}
		catch (RuntimeException ex) {
			this.policy.ended(attempt, null);
			throw ex;
		}
	}

	private Attempt waitFor(Attempt attempt, Decision replay) throws InterruptedIOException {
		Duration wait = replay.delay();
		if (wait != null && wait.compareTo(Duration.ZERO) > 0) {
			try {
				Thread.sleep(wait.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("Interrupted while waiting to replay a Nitro request");
			}
		}
		return attempt.next(replay);
	}

	/**
	 * The request to send now: a copy whose headers carry the token. {@code RestClient}'s own request object is the
	 * one the application's interceptors and observations hold, and may read once the exchange is over: it never
	 * holds the token.
	 */
	private static HttpRequest withBearerToken(HttpRequest request, OAuth2AccessToken token) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(request.getHeaders());
		headers.setBearerAuth(token.getTokenValue());
		return new HttpRequestWrapper(request) {

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

}
