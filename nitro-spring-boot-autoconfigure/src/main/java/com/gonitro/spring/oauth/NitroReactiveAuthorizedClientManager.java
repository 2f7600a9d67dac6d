package com.gonitro.spring.oauth;

import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;

/**
 * A {@link ReactiveOAuth2AuthorizedClientManager} for Nitro's client-credentials registrations
 * ({@value NitroClientRegistration#REGISTRATION_ID}, and {@code nitro-<name>} for further applications), each backed
 * by its application's {@link NitroAccessTokenCache}. It holds no other registration.
 * <p>
 * It does not look at the current exchange or at who is signed in: whatever principal a request names, every
 * caller gets the application's one token.
 *
 * @since 0.1.0
 */
public final class NitroReactiveAuthorizedClientManager implements ReactiveOAuth2AuthorizedClientManager {

	private final NitroTokenCaches tokenCaches;

	/**
	 * Creates a manager backed by the given cache.
	 * @param tokenCache the application's token cache
	 */
	public NitroReactiveAuthorizedClientManager(NitroAccessTokenCache tokenCache) {
		this(List.of(tokenCache));
	}

	/**
	 * Creates a manager backed by the given caches, one per registration.
	 * @param tokenCaches the token caches of the Nitro applications
	 */
	public NitroReactiveAuthorizedClientManager(Collection<NitroAccessTokenCache> tokenCaches) {
		this.tokenCaches = new NitroTokenCaches(tokenCaches);
	}

	@Override
	public Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizeRequest authorizeRequest) {
		return Mono.fromCallable(() -> this.tokenCaches.forRequest(authorizeRequest))
			.flatMap(NitroAccessTokenCache::authorizedClient);
	}

}
