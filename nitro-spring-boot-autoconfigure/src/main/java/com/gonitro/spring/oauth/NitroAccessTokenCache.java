package com.gonitro.spring.oauth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.util.Assert;

/**
 * The one access token of a Nitro application: fetched on first use, reused by every caller on every thread,
 * renewed shortly before it expires.
 * <ul>
 * <li><b>Renewal.</b> A token is reused until it comes within {@code min(refreshSkew, lifetime / 2)} of its expiry,
 * so a token that lives only a few seconds is still reused for half its life.</li>
 * <li><b>Single flight.</b> When no fresh token is held, exactly one token request is made however many callers ask
 * at once: the others wait for its result, for at most the {@linkplain #setTokenRequestTimeout(Duration) token
 * request timeout}.</li>
 * <li><b>Back-off.</b> After a failed token request, callers fail fast with that failure for a short, growing
 * interval (1 second, doubling up to 30 seconds, or longer when the token endpoint asked for it with
 * {@code Retry-After}), so that an outage of the token endpoint is not hammered. Credentials that changed since
 * (a rotated secret) end the back-off at once.</li>
 * <li><b>Credentials off the event loop.</b> The credentials are read at each token request, on a thread that may
 * block (a secret read from a file or a vault), never on the caller's non-blocking thread.</li>
 * </ul>
 * The token belongs to the Nitro application, not to a user: it is held under the principal
 * {@value #APPLICATION_PRINCIPAL} whoever is signed in. The registration in the authorized client carries no client
 * secret. Each token request is observed as {@value NitroTokenRequestObservation#NAME}.
 *
 * @since 0.1.0
 */
public final class NitroAccessTokenCache {

	/**
	 * The principal name Nitro's authorized client is held under.
	 */
	public static final String APPLICATION_PRINCIPAL = "nitro-application";

	private static final Log logger = LogFactory.getLog(NitroAccessTokenCache.class);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	/** The longest back-off a token endpoint's Retry-After may impose. */
	private static final Duration MAX_REQUESTED_BACKOFF = Duration.ofMinutes(10);

	private final String registrationId;

	private final Supplier<NitroCredentials> credentials;

	private final ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient;

	private Duration refreshSkew = Duration.ofSeconds(60);

	private Duration tokenRequestTimeout = Duration.ofSeconds(35);

	private Clock clock = Clock.systemUTC();

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private String applicationName = "default";

	private final Object lock = new Object();

	private volatile @Nullable CachedClient current;

	private volatile @Nullable Failure failure;

	private @Nullable Mono<OAuth2AuthorizedClient> renewal;

	/**
	 * Creates a cache for the registration {@value NitroClientRegistration#REGISTRATION_ID}.
	 * @param credentials supplies the application's credentials, with their token URI, each time a token is
	 * requested, so that rotated credentials are picked up
	 * @param tokenResponseClient the client that requests tokens
	 */
	public NitroAccessTokenCache(Supplier<NitroCredentials> credentials,
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
		this(NitroClientRegistration.REGISTRATION_ID, credentials, tokenResponseClient);
	}

	/**
	 * Creates a cache.
	 * @param registrationId the registration ID the token is held under, such as {@code nitro-billing}
	 * @param credentials supplies the application's credentials, with their token URI, each time a token is
	 * requested, so that rotated credentials are picked up
	 * @param tokenResponseClient the client that requests tokens
	 */
	public NitroAccessTokenCache(String registrationId, Supplier<NitroCredentials> credentials,
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
		Assert.hasText(registrationId, "'registrationId' must not be empty");
		Assert.notNull(credentials, "'credentials' must not be null");
		Assert.notNull(tokenResponseClient, "'tokenResponseClient' must not be null");
		this.registrationId = registrationId;
		this.credentials = credentials;
		this.tokenResponseClient = tokenResponseClient;
	}

	/**
	 * Sets how long before its expiry a token is renewed, at most: tokens are renewed
	 * {@code min(refreshSkew, lifetime / 2)} before they expire. Defaults to 60 seconds.
	 * @param refreshSkew the renewal margin
	 */
	public void setRefreshSkew(Duration refreshSkew) {
		Assert.isTrue(refreshSkew != null && !refreshSkew.isNegative(), "'refreshSkew' must not be negative");
		this.refreshSkew = refreshSkew;
	}

	/**
	 * Sets the longest a token request may take as a whole, so that callers waiting for a token never hang on a
	 * token endpoint that trickles its reply. Defaults to 35 seconds (Nitro's default connect and read timeouts).
	 * @param tokenRequestTimeout the bound
	 */
	public void setTokenRequestTimeout(Duration tokenRequestTimeout) {
		Assert.isTrue(tokenRequestTimeout != null && tokenRequestTimeout.compareTo(Duration.ZERO) > 0,
				"'tokenRequestTimeout' must be positive");
		this.tokenRequestTimeout = tokenRequestTimeout;
	}

	/**
	 * Sets the clock that decides when a token is due for renewal and when a back-off ends.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Sets the registry token requests are observed with ({@value NitroTokenRequestObservation#NAME}).
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Sets the name of the Nitro application this cache holds the token of, as observations and metrics tag it.
	 * Defaults to {@code default}.
	 * @param applicationName the name
	 */
	public void setApplicationName(String applicationName) {
		Assert.hasText(applicationName, "'applicationName' must not be empty");
		this.applicationName = applicationName;
	}

	/**
	 * Returns the registration ID the token is held under.
	 * @return the registration ID
	 */
	public String getRegistrationId() {
		return this.registrationId;
	}

	/**
	 * Returns the name of the Nitro application, as observations and metrics tag it.
	 * @return the application name
	 */
	public String getApplicationName() {
		return this.applicationName;
	}

	/**
	 * Returns Nitro's authorized client with a fresh token, requesting one only when none is held.
	 * @return the authorized client
	 */
	public Mono<OAuth2AuthorizedClient> authorizedClient() {
		return Mono.deferContextual((context) -> {
			CachedClient cached = this.current;
			if (cached != null && cached.isFreshAt(this.clock.instant())) {
				return Mono.just(cached.client());
			}
			return obtain(Context.of(context));
		});
	}

	/**
	 * Returns a fresh access token, requesting one only when none is held.
	 * @return the access token
	 */
	public Mono<OAuth2AccessToken> accessToken() {
		return authorizedClient().map(OAuth2AuthorizedClient::getAccessToken);
	}

	/**
	 * Returns the token held now if it is still fresh, without ever requesting one: a shortcut for callers on a
	 * hot path, who fall back to {@link #accessToken()} when it returns {@code null}.
	 * @return the fresh token held, or {@code null}
	 */
	public @Nullable OAuth2AccessToken freshAccessToken() {
		CachedClient cached = this.current;
		return (cached != null && cached.isFreshAt(this.clock.instant())) ? cached.client().getAccessToken() : null;
	}

	/**
	 * Forgets the given token if it is the one held, so that the next caller gets a new one. A token that has
	 * already been replaced is left alone, so that late rejections of an old token do not discard a new one.
	 * @param rejected the token Nitro rejected
	 */
	public void evict(OAuth2AccessToken rejected) {
		synchronized (this.lock) {
			CachedClient cached = this.current;
			if (cached != null && cached.client().getAccessToken().getTokenValue().equals(rejected.getTokenValue())) {
				this.current = null;
			}
		}
	}

	/**
	 * Returns what is known of the token now, without ever requesting one: for health checks and metrics.
	 * @return the status
	 */
	public NitroTokenStatus status() {
		CachedClient cached = this.current;
		Failure failed = this.failure;
		if (failed != null && (cached == null || failed.at().isAfter(cached.obtainedAt()))) {
			return NitroTokenStatus.failed(failed.error().getError().getErrorCode(), failed.at(), failed.retryAt());
		}
		if (cached != null) {
			return NitroTokenStatus.held(cached.client().getAccessToken().getExpiresAt(), cached.refreshAt());
		}
		return NitroTokenStatus.UNKNOWN;
	}

	private Mono<OAuth2AuthorizedClient> obtain(Context callerContext) {
		Failure failed;
		synchronized (this.lock) {
			CachedClient cached = this.current;
			if (cached != null && cached.isFreshAt(this.clock.instant())) {
				return Mono.just(cached.client());
			}
			if (this.renewal != null) {
				return this.renewal;
			}
			failed = this.failure;
			if (failed == null || !this.clock.instant().isBefore(failed.retryAt())) {
				return startRenewal(null, callerContext);
			}
		}
		// In back-off: fail fast, unless the credentials changed since the failure (read off the caller's thread).
		return readCredentials().flatMap((credentials) -> {
			synchronized (this.lock) {
				if (this.renewal != null) {
					return this.renewal;
				}
				Failure stillFailed = this.failure;
				if (stillFailed != null && this.clock.instant().isBefore(stillFailed.retryAt())
						&& stillFailed.fingerprint().equals(fingerprint(credentials))) {
					return Mono.error(stillFailed.error().backedOffUntil(stillFailed.retryAt()));
				}
				if (stillFailed != null) {
					logger.info("Nitro credentials changed since the last failed token request: requesting a token");
				}
				return startRenewal(credentials, callerContext);
			}
		});
	}

	/** Starts the one token request all callers share; called holding the lock. */
	private Mono<OAuth2AuthorizedClient> startRenewal(@Nullable ResolvedCredentials known, Context callerContext) {
		Sinks.One<OAuth2AuthorizedClient> result = Sinks.one();
		Mono<OAuth2AuthorizedClient> renewal = result.asMono();
		this.renewal = renewal;
		Mono<ResolvedCredentials> credentials = (known != null) ? Mono.just(known) : readCredentials();
		// Not tied to the first caller's subscription: if that caller cancels, the others still get the token.
		credentials.flatMap(this::requestToken)
			.subscribe((fresh) -> complete(result, fresh), (error) -> fail(result, error), null, callerContext);
		return renewal;
	}

	private Mono<ResolvedCredentials> readCredentials() {
		return Mono.fromCallable(() -> {
			NitroCredentials read = this.credentials.get();
			Assert.state(read != null, "No Nitro credentials");
			String tokenUri = read.tokenUri();
			Assert.state(tokenUri != null, "Nitro credentials without a token URI");
			return new ResolvedCredentials(read.clientId(), read.clientSecret(), tokenUri);
		})
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap((ex) -> !(ex instanceof NitroTokenException), this::credentialsUnavailable);
	}

	private NitroTokenException credentialsUnavailable(Throwable ex) {
		return new NitroTokenException(new OAuth2Error(NitroTokenException.CREDENTIALS_UNAVAILABLE,
				"the Nitro credentials could not be read (" + ex.getClass().getSimpleName() + ")", null),
				this.registrationId, null, null, null, ex);
	}

	private Mono<CachedClient> requestToken(ResolvedCredentials credentials) {
		ClientRegistration registration = NitroClientRegistration.create(this.registrationId, credentials.clientId(),
				credentials.clientSecret(), credentials.tokenUri());
		URI tokenUri = URI.create(credentials.tokenUri());
		Instant requestedAt = this.clock.instant();
		if (logger.isDebugEnabled()) {
			logger.debug("Requesting a Nitro access token from " + tokenUri);
		}
		Mono<CachedClient> request = Mono
			.defer(() -> this.tokenResponseClient.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)))
			.switchIfEmpty(Mono.error(() -> new NitroTokenException(new OAuth2Error(
					NitroTokenException.INVALID_TOKEN_RESPONSE, "the token request completed without a token", null),
					this.registrationId, null, tokenUri, null, null)))
			.timeout(this.tokenRequestTimeout)
			.onErrorMap(TimeoutException.class, (ex) -> new NitroTokenException(new OAuth2Error(
					NitroTokenException.TOKEN_ENDPOINT_TIMEOUT, "no token within " + this.tokenRequestTimeout, null),
					this.registrationId, null, tokenUri, null, null))
			.map((response) -> cache(registration, response.getAccessToken(), requestedAt))
			.onErrorMap((ex) -> !(ex instanceof NitroTokenException),
					(ex) -> new NitroTokenException(new OAuth2Error(NitroTokenException.INVALID_TOKEN_RESPONSE,
							"the token request failed (" + ex.getClass().getSimpleName() + ")", null),
							this.registrationId, null, tokenUri, null, ex))
			.doOnError(NitroTokenException.class, (ex) -> recordFailure(ex, fingerprint(credentials)));
		return NitroTokenRequestObservation.observe(request, this.observationRegistry, this.applicationName)
			.doOnNext((cached) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Got a Nitro access token valid until "
							+ cached.client().getAccessToken().getExpiresAt() + "; renewing it from " + cached.refreshAt());
				}
			});
	}

	private CachedClient cache(ClientRegistration registration, OAuth2AccessToken token, Instant requestedAt) {
		Instant issuedAt = token.getIssuedAt();
		Instant expiresAt = token.getExpiresAt();
		Duration lifetime = (issuedAt != null && expiresAt != null) ? Duration.between(issuedAt, expiresAt)
				: Duration.ZERO;
		Duration margin = (this.refreshSkew.compareTo(lifetime.dividedBy(2)) < 0) ? this.refreshSkew
				: lifetime.dividedBy(2);
		// Counted from when the request left, not from when the reply arrived: errs on the early side.
		Instant refreshAt = requestedAt.plus(lifetime).minus(margin);
		return new CachedClient(new OAuth2AuthorizedClient(NitroClientRegistration.withoutSecret(registration),
				APPLICATION_PRINCIPAL, token), refreshAt, this.clock.instant());
	}

	private void recordFailure(NitroTokenException error, String fingerprint) {
		Instant now = this.clock.instant();
		synchronized (this.lock) {
			Failure previous = this.failure;
			int failures = (previous != null) ? previous.consecutive() + 1 : 1;
			Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 5));
			if (backoff.compareTo(MAX_BACKOFF) > 0) {
				backoff = MAX_BACKOFF;
			}
			Duration requested = error.getRetryAfter();
			if (requested != null && requested.compareTo(backoff) > 0) {
				backoff = (requested.compareTo(MAX_REQUESTED_BACKOFF) < 0) ? requested : MAX_REQUESTED_BACKOFF;
			}
			this.failure = new Failure(error, now, now.plus(backoff), failures, fingerprint);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Nitro token request failed (" + error.getError().getErrorCode()
					+ "): no new token request for the next " + Duration.between(now, this.failure.retryAt()));
		}
	}

	private void complete(Sinks.One<OAuth2AuthorizedClient> result, CachedClient fresh) {
		synchronized (this.lock) {
			this.current = fresh;
			this.failure = null;
			this.renewal = null;
		}
		result.tryEmitValue(fresh.client());
	}

	private void fail(Sinks.One<OAuth2AuthorizedClient> result, Throwable error) {
		synchronized (this.lock) {
			this.renewal = null;
		}
		result.tryEmitError(error);
	}

	/**
	 * A digest that tells whether credentials changed, without keeping the secret in a long-lived field.
	 */
	private static String fingerprint(ResolvedCredentials credentials) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String part : new String[] { credentials.clientId(), credentials.clientSecret(),
					credentials.tokenUri() }) {
				digest.update(part.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record CachedClient(OAuth2AuthorizedClient client, Instant refreshAt, Instant obtainedAt) {

		boolean isFreshAt(Instant now) {
			return now.isBefore(this.refreshAt);
		}

	}

	private record Failure(NitroTokenException error, Instant at, Instant retryAt, int consecutive,
			String fingerprint) {

	}

	/** Credentials as read for one token request. */
	private record ResolvedCredentials(String clientId, String clientSecret, String tokenUri) {

		@Override
		public String toString() {
			return "ResolvedCredentials[clientId=" + this.clientId + ", clientSecret=******, tokenUri=" + this.tokenUri
					+ "]";
		}

	}

}
