package com.gonitro.spring.oauth;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Builds the Spring Security {@link ClientRegistration} of a Nitro application: registration ID
 * {@value #REGISTRATION_ID}, grant type {@code client_credentials}, no scopes.
 * <p>
 * Nitro's token endpoint does not speak the form-post dialect Spring Security's default clients use, so the
 * registration only works with {@link NitroReactiveTokenResponseClient} or {@link NitroTokenResponseClient}.
 * Beware that {@link ClientRegistration#toString()} prints the client secret: never log a registration, and hand
 * out only {@linkplain #withoutSecret(ClientRegistration) copies without it}.
 *
 * @since 0.1.0
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
		return create(REGISTRATION_ID, clientId, clientSecret, tokenUri);
	}

	/**
	 * Builds the client-credentials registration of a Nitro application under the given registration ID, such as
	 * {@code nitro-billing} for a second application. Leading and trailing whitespace is removed from the
	 * credentials.
	 * @param registrationId the registration ID
	 * @param clientId the client ID of the Nitro application
	 * @param clientSecret its client secret
	 * @param tokenUri the token endpoint
	 * @return the registration
	 */
	public static ClientRegistration create(String registrationId, String clientId, String clientSecret,
			String tokenUri) {
		return ClientRegistration.withRegistrationId(registrationId)
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


}
