package com.gonitro.spring.oauth;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.util.Assert;

/**
 * A {@link ReactiveOAuth2AuthorizedClientManager} for Nitro's client-credentials registration
 * ({@value NitroClientRegistration#REGISTRATION_ID}), backed by the application's {@link NitroAccessTokenCache}.
 * <p>
 * It does not look at the current exchange or at who is signed in: whatever principal a request names, every
 * caller gets the application's one token.
 */
public final class NitroReactiveAuthorizedClientManager implements ReactiveOAuth2AuthorizedClientManager {

	private final NitroAccessTokenCache tokenCache;

	/**
	 * Creates a manager backed by the given cache.
	 * @param tokenCache the application's token cache
	 */
	public NitroReactiveAuthorizedClientManager(NitroAccessTokenCache tokenCache) {
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		this.tokenCache = tokenCache;
	}

	@Override
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizeRequest authorizeRequest) {
		return Mono.fromRunnable(() -> NitroClientRegistration.assertNitro(authorizeRequest))
			.then(this.tokenCache.authorizedClient());
	}

}
