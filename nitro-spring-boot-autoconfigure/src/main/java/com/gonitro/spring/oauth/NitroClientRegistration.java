package com.gonitro.spring.oauth;

import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.Assert;

/**
 * Builds the Spring Security {@link ClientRegistration} of a Nitro application: registration ID
 * {@value #REGISTRATION_ID}, grant type {@code client_credentials}, no scopes.
 * <p>
 * Nitro's token endpoint does not speak the form-post dialect Spring Security's default clients use, so the
 * registration only works with {@link NitroReactiveTokenResponseClient} or {@link NitroTokenResponseClient}.
 * Beware that {@link ClientRegistration#toString()} prints the client secret: never log a registration, and hand
 * out only {@linkplain #withoutSecret(ClientRegistration) copies without it}.
 */
public final class NitroClientRegistration {

	/**
	 * The registration ID of Nitro's client-credentials registration.
	 */
	public static final String REGISTRATION_ID = "nitro";

	private NitroClientRegistration() {
	}

	/**
	 * Builds Nitro's client-credentials registration. Leading and trailing whitespace (such as the newline a
	 * secret file often ends with) is removed from the credentials.
	 * @param clientId the client ID of the Nitro application
	 * @param clientSecret its client secret
	 * @param tokenUri the token endpoint, such as {@code https://api.gonitro.dev/oauth/token}
	 * @return the registration
	 */
	public static ClientRegistration create(String clientId, String clientSecret, String tokenUri) {
		return ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientName("Nitro")
			.clientId(clientId.strip())
			.clientSecret(clientSecret.strip())
			// The secret travels in the JSON body, which is the closest standard method.
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri)
			.build();
	}

	/**
	 * Returns a copy of the registration without the client secret, fit to hand out in an
	 * {@link org.springframework.security.oauth2.client.OAuth2AuthorizedClient}: Spring Security's
	 * {@link ClientRegistration#toString()} prints the secret.
	 * @param registration the registration
	 * @return the registration without its secret
	 */
	public static ClientRegistration withoutSecret(ClientRegistration registration) {
		return ClientRegistration.withClientRegistration(registration).clientSecret("").build();
	}

	/**
	 * Checks that an authorize request is for Nitro's registration, as the managers backed by
	 * {@link NitroAccessTokenCache} hold no other.
	 * @param authorizeRequest the request
	 * @throws IllegalArgumentException if it names another registration
	 */
	static void assertNitro(OAuth2AuthorizeRequest authorizeRequest) {
		Assert.notNull(authorizeRequest, "'authorizeRequest' must not be null");
		String registrationId = authorizeRequest.getClientRegistrationId();
		if (!REGISTRATION_ID.equals(registrationId)) {
			throw new IllegalArgumentException("Could not find ClientRegistration with id '" + registrationId
					+ "': this manager holds only Nitro's registration '" + REGISTRATION_ID + "'");
		}
	}

}
