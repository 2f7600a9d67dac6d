package com.gonitro.spring.oauth;

import java.util.Collection;
import java.util.List;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.util.Assert;

/**
 * An {@link OAuth2AuthorizedClientManager} for Nitro's client-credentials registrations
 * ({@value NitroClientRegistration#REGISTRATION_ID}, and {@code nitro-<name>} for further applications), each backed
 * by its application's {@link NitroAccessTokenCache}. It holds no other registration: an authorize request for one
 * fails.
 * <p>
 * Unlike Spring Security's request-bound managers it does not look at the current HTTP request or at who is
 * signed in: whatever principal a request names, every caller gets the application's one token. It works from any
 * thread, inside or outside an HTTP request, but it blocks, so it must not be called on a non-blocking thread.
 *
 * @since 0.1.0
 */
public final class NitroAuthorizedClientManager implements OAuth2AuthorizedClientManager {

	private final NitroTokenCaches tokenCaches;

	/**
	 * Creates a manager backed by the given cache.
	 * @param tokenCache the application's token cache
	 */
	public NitroAuthorizedClientManager(NitroAccessTokenCache tokenCache) {
		this(List.of(tokenCache));
	}

	/**
	 * Creates a manager backed by the given caches, one per registration.
	 * @param tokenCaches the token caches of the Nitro applications
	 */
	public NitroAuthorizedClientManager(Collection<NitroAccessTokenCache> tokenCaches) {
		this.tokenCaches = new NitroTokenCaches(tokenCaches);
	}

	@Override
	public OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		OAuth2AuthorizedClient authorizedClient = this.tokenCaches.forRequest(authorizeRequest)
			.authorizedClient()
			.block();
		Assert.state(authorizedClient != null, "The token cache completed without an authorized client");
		return authorizedClient;
	}

}
