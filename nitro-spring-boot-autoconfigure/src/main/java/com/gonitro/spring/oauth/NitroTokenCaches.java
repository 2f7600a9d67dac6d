package com.gonitro.spring.oauth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.util.Assert;

/**
 * The token caches a manager serves, by registration ID: the one rule by which both managers find a request's cache
 * and refuse a registration that is not Nitro's.
 */
final class NitroTokenCaches {

	private final Map<String, NitroAccessTokenCache> byRegistrationId = new LinkedHashMap<>();

	NitroTokenCaches(Collection<NitroAccessTokenCache> tokenCaches) {
		Assert.notEmpty(tokenCaches, "'tokenCaches' must not be empty");
		for (NitroAccessTokenCache tokenCache : tokenCaches) {
			Assert.notNull(tokenCache, "'tokenCaches' must not contain null");
			NitroAccessTokenCache previous = this.byRegistrationId.put(tokenCache.getRegistrationId(), tokenCache);
			Assert.isTrue(previous == null, () -> "Two token caches for registration '"
					+ tokenCache.getRegistrationId() + "'");
		}
	}

	/**
	 * Returns the cache an authorize request is for.
	 * @throws IllegalArgumentException if it names a registration that is not one of Nitro's
	 */
	NitroAccessTokenCache forRequest(OAuth2AuthorizeRequest authorizeRequest) {
		Assert.notNull(authorizeRequest, "'authorizeRequest' must not be null");
		String registrationId = authorizeRequest.getClientRegistrationId();
		NitroAccessTokenCache tokenCache = this.byRegistrationId.get(registrationId);
		if (tokenCache == null) {
			throw new IllegalArgumentException("Could not find ClientRegistration with id '" + registrationId
					+ "': this manager holds only Nitro's registrations " + this.byRegistrationId.keySet());
		}
		return tokenCache;
	}

}
