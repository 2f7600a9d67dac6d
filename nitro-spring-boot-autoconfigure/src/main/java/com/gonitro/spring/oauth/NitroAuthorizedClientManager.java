package com.gonitro.spring.oauth;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.util.Assert;

/**
 * An {@link OAuth2AuthorizedClientManager} for Nitro's client-credentials registration
 * ({@value NitroClientRegistration#REGISTRATION_ID}), backed by the application's {@link NitroAccessTokenCache}.
 * <p>
 * Unlike Spring Security's request-bound managers it does not look at the current HTTP request or at who is
 * signed in: whatever principal a request names, every caller gets the application's one token. It works from any
 * thread, inside or outside an HTTP request, but it blocks, so it must not be called on a non-blocking thread.
 */
public final class NitroAuthorizedClientManager implements OAuth2AuthorizedClientManager {

	private final NitroAccessTokenCache tokenCache;

	/**
	 * Creates a manager backed by the given cache.
	 * @param tokenCache the application's token cache
	 */
	public NitroAuthorizedClientManager(NitroAccessTokenCache tokenCache) {
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		this.tokenCache = tokenCache;
	}

	@Override
	public OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		NitroClientRegistration.assertNitro(authorizeRequest);
		OAuth2AuthorizedClient authorizedClient = this.tokenCache.authorizedClient().block();
		Assert.state(authorizedClient != null, "The token cache completed without an authorized client");
		return authorizedClient;
	}

}
