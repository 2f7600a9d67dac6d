package com.gonitro.spring.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

/**
 * The one Nitro access token of an application: fetched on first use, reused by every caller on every thread,
 * renewed shortly before it expires.
 * <p>
 * A token is reused until it comes within {@code min(refreshSkew, lifetime / 2)} of its expiry, so a token
 * that lives only a few seconds is still reused for half its life. When no fresh token is held, exactly one
 * token request is made however many callers ask at once (single flight): the others wait for its result. If
 * that request fails, all of them fail with its error and the next call tries again.
 * <p>
 * The token belongs to the Nitro application, not to a user: it is held under the principal
 * {@value #APPLICATION_PRINCIPAL} whoever is signed in. The registration in the authorized client carries no client
 * secret.
 */
public final class NitroAccessTokenCache {

	/**
	 * The principal name Nitro's authorized client is held under.
	 */
	public static final String APPLICATION_PRINCIPAL = "nitro-application";

	private static final Log logger = LogFactory.getLog(NitroAccessTokenCache.class);

	private final Supplier<ClientRegistration> registration;

	private final ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient;

	private Duration refreshSkew = Duration.ofSeconds(60);

	private Clock clock = Clock.systemUTC();

	private final Object lock = new Object();

	private volatile @Nullable CachedClient current;

	private @Nullable Mono<OAuth2AuthorizedClient> renewal;

	/**
	 * Creates a cache.
	 * @param registration supplies Nitro's registration each time a token is requested, so that rotated
	 * credentials are picked up
	 * @param tokenResponseClient the client that requests tokens
	 */
	public NitroAccessTokenCache(Supplier<ClientRegistration> registration,
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
		Assert.notNull(registration, "'registration' must not be null");
		Assert.notNull(tokenResponseClient, "'tokenResponseClient' must not be null");
		this.registration = registration;
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
	 * Sets the clock that decides when a token is due for renewal.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
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
			return joinRenewal(Context.of(context));
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

	private Mono<OAuth2AuthorizedClient> joinRenewal(Context callerContext) {
		Sinks.One<OAuth2AuthorizedClient> result = Sinks.one();
		Mono<OAuth2AuthorizedClient> renewal;
		synchronized (this.lock) {
			CachedClient cached = this.current;
			if (cached != null && cached.isFreshAt(this.clock.instant())) {
				return Mono.just(cached.client());
			}
			if (this.renewal != null) {
				return this.renewal;
			}
			renewal = result.asMono();
			this.renewal = renewal;
		}
		// Not tied to the first caller's subscription: if that caller cancels, the others still get the token.
		requestToken().subscribe((fresh) -> complete(result, fresh), (error) -> fail(result, error), null,
				callerContext);
		return renewal;
	}

	private Mono<CachedClient> requestToken() {
		return Mono.defer(() -> {
			ClientRegistration registration = this.registration.get();
			Instant requestedAt = this.clock.instant();
			if (logger.isDebugEnabled()) {
				logger.debug("Requesting a Nitro access token from " + registration.getProviderDetails().getTokenUri());
			}
			return this.tokenResponseClient.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration))
				.map((response) -> cache(registration, response.getAccessToken(), requestedAt));
		})
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("The token request completed without a token")))
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
				APPLICATION_PRINCIPAL, token), refreshAt);
	}

	private void complete(Sinks.One<OAuth2AuthorizedClient> result, CachedClient fresh) {
		synchronized (this.lock) {
			this.current = fresh;
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

	private record CachedClient(OAuth2AuthorizedClient client, Instant refreshAt) {

		boolean isFreshAt(Instant now) {
			return now.isBefore(this.refreshAt);
		}

	}

}
