package com.gonitro.spring.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

import com.gonitro.spring.http.RetryAfter;
import com.gonitro.spring.http.TransportFailure;
import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.web.NitroReplayListener.Outcome;
import com.gonitro.spring.web.NitroReplayListener.Reason;

/**
 * The rules every request for Nitro follows, whatever the HTTP client that sends it: the one place the
 * {@link NitroExchangeFilterFunction} ({@code WebClient}) and the {@link NitroClientHttpRequestInterceptor}
 * ({@code RestClient}) take their decisions from. The transports differ; the decisions do not.
 * <ul>
 * <li>Only requests for Nitro's origin carry the token.</li>
 * <li>A 401 always retires the token that was sent; the request is replayed once with a new token if its body can be
 * sent again.</li>
 * <li>A 429 is replayed, whatever the method, after its {@code Retry-After} (or a backoff).</li>
 * <li>A 5xx or a lost connection is replayed for idempotent requests only, after a backoff; a connection that was
 * never established is replayed whatever the method.</li>
 * <li>Replays after 429, 5xx and lost connections are bounded by the {@link NitroRetryPolicy}.</li>
 * </ul>
 */
final class NitroRequestPolicy {

	private static final Log logger = LogFactory.getLog(NitroRequestPolicy.class);

	private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
			HttpMethod.DELETE);

	private final NitroAccessTokenCache tokenCache;

	private final NitroOrigin origin;

	private final NitroRetryPolicy retryPolicy;

	private final NitroReplayListener replayListener;

	private volatile Clock clock;

	NitroRequestPolicy(NitroAccessTokenCache tokenCache, URI nitroBaseUrl, NitroRetryPolicy retryPolicy,
			NitroReplayListener replayListener, Clock clock) {
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		Assert.notNull(retryPolicy, "'retryPolicy' must not be null");
		Assert.notNull(replayListener, "'replayListener' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.tokenCache = tokenCache;
		this.origin = NitroOrigin.of(nitroBaseUrl);
		this.retryPolicy = retryPolicy;
		this.replayListener = replayListener;
		this.clock = clock;
	}

	void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Whether a request goes to Nitro's origin, and so carries the token and follows these rules.
	 */
	boolean isForNitro(URI url) {
		return this.origin.matches(url);
	}

	int maxReplayableBodySize() {
		return this.retryPolicy.maxReplayableBodySize();
	}

	/**
	 * Returns the token held now if it is fresh, without ever requesting one.
	 */
	@Nullable OAuth2AccessToken freshToken() {
		return this.tokenCache.freshAccessToken();
	}

	/**
	 * Returns the token to send now, requested if none is fresh; deferred, so read when the request is sent, never
	 * before a wait. Callers try {@link #freshToken()} first, which needs no {@code Mono}.
	 */
	Mono<OAuth2AccessToken> token() {
		return this.tokenCache.accessToken();
	}

	/**
	 * Decides what follows a reply. A 401 retires the token that was sent, whatever is decided.
	 */
	Decision afterReply(Attempt attempt, HttpMethod method, URI url, int status, HttpHeaders headers,
			OAuth2AccessToken token, boolean replayable) {
		if (status == HttpStatus.UNAUTHORIZED.value()) {
			this.tokenCache.evict(token);
			if (attempt.reauthenticated() || !replayable) {
				return giveUp(Reason.UNAUTHORIZED, method, url, "was rejected with 401");
			}
			log(method, url, "was rejected with 401: replaying it once with a new token");
			return new Decision(Reason.UNAUTHORIZED, Duration.ZERO);
		}
		if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
			Duration retryAfter = RetryAfter.of(headers, this.clock);
			return replayAfter(Reason.THROTTLED, (retryAfter != null) ? retryAfter : backoff(attempt), attempt,
					replayable, method, url, "was throttled (429)");
		}
		if (status >= 500 && status < 600 && isIdempotent(method)) {
			return replayAfter(Reason.SERVER_ERROR, backoff(attempt), attempt, replayable, method, url,
					"failed with " + status + " on Nitro's side");
		}
		return Decision.DONE;
	}

	/**
	 * Decides what follows a failure to get a reply.
	 */
	Decision afterFailure(Attempt attempt, HttpMethod method, URI url, Throwable failure, boolean replayable) {
		TransportFailure kind = TransportFailure.of(failure);
		if (kind == null || !(isIdempotent(method) || kind.requestNeverSent())) {
			return Decision.DONE;
		}
		return replayAfter(Reason.CONNECTION, backoff(attempt), attempt, replayable, method, url,
				"got no reply (" + kind.description() + ")");
	}

	/**
	 * Records how a request ended, once: the last decision taken for it, or {@code null} when it ended in a failure
	 * no rule applies to (such as a failed token request).
	 */
	void ended(Attempt attempt, @Nullable Decision last) {
		String application = this.tokenCache.getApplicationName();
		boolean gaveUp = last != null && last.reason() != null && !last.isReplay();
		if (attempt.replays().isEmpty()) {
			if (gaveUp) {
				this.replayListener.onReplay(application, last.reason(), Outcome.GAVE_UP);
			}
			return;
		}
		Outcome outcome = (gaveUp || last == null) ? Outcome.GAVE_UP : Outcome.SUCCEEDED;
		for (Reason reason : attempt.replays()) {
			this.replayListener.onReplay(application, reason, outcome);
		}
	}

	private Decision replayAfter(Reason reason, Duration wait, Attempt attempt, boolean replayable, HttpMethod method,
			URI url, String what) {
		if (!replayable) {
			return giveUp(reason, method, url, what + " and its body cannot be sent again");
		}
		if (!attempt.mayWait(wait, this.retryPolicy)) {
			return giveUp(reason, method, url, what + " and a replay in " + wait.toMillis()
					+ " ms would exceed the retry budget");
		}
		log(method, url, what + ": replaying it in " + wait.toMillis() + " ms");
		return new Decision(reason, wait);
	}

	private Decision giveUp(Reason reason, HttpMethod method, URI url, String what) {
		log(method, url, what + ": handing it to the caller");
		return new Decision(reason, null);
	}

	private Duration backoff(Attempt attempt) {
		return this.retryPolicy.backoff(attempt.retries() + 1);
	}

	private static boolean isIdempotent(HttpMethod method) {
		return IDEMPOTENT_METHODS.contains(method);
	}

	private static void log(HttpMethod method, URI url, String what) {
		if (logger.isDebugEnabled()) {
			logger.debug("Nitro request " + method + " " + url.getRawPath() + " " + what);
		}
	}

	/**
	 * What follows a reply or a failure.
	 *
	 * @param reason the replay condition met, or {@code null} when none was
	 * @param delay the wait before the replay, or {@code null} when the reply or failure goes to the caller
	 */
	record Decision(@Nullable Reason reason, @Nullable Duration delay) {

		/** No replay condition: the reply or failure goes to the caller. */
		static final Decision DONE = new Decision(null, null);

		boolean isReplay() {
			return this.delay != null;
		}

	}

	/**
	 * Where one request stands: how many retries it has had, how long it has waited, whether it was already
	 * replayed after a 401, and why it was replayed.
	 */
	record Attempt(int retries, Duration waited, boolean reauthenticated, List<Reason> replays) {

		static final Attempt FIRST = new Attempt(0, Duration.ZERO, false, List.of());

		boolean mayWait(Duration wait, NitroRetryPolicy policy) {
			return this.retries + 1 < policy.maxAttempts()
					&& this.waited.plus(wait).compareTo(policy.maxTotalWait()) <= 0;
		}

		/** The attempt after the given replay decision; a 401 replay does not count against the retry budget. */
		Attempt next(Decision replay) {
			Assert.state(replay.reason() != null && replay.delay() != null, "Not a replay");
			List<Reason> replays = new ArrayList<>(this.replays);
			replays.add(replay.reason());
			if (replay.reason() == Reason.UNAUTHORIZED) {
				return new Attempt(this.retries, this.waited, true, List.copyOf(replays));
			}
			return new Attempt(this.retries + 1, this.waited.plus(replay.delay()), this.reauthenticated,
					List.copyOf(replays));
		}

	}

}
