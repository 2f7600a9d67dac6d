package com.gonitro.spring.oauth;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;

/**
 * The blocking twin of {@link NitroReactiveTokenResponseClient}: an {@link OAuth2AccessTokenResponseClient} for
 * the client-credentials grant that speaks Nitro's JSON token dialect, for Spring Security's
 * {@link org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider}.
 * <p>
 * It waits for the reactive client, so it must not be called on a non-blocking thread (such as a Netty event
 * loop); Reactor refuses that with an {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public final class NitroTokenResponseClient
		implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private final NitroReactiveTokenResponseClient reactiveClient;

	/**
	 * Creates a client that sends token requests with Nitro's default timeouts (5 seconds to connect, 30 seconds
	 * between two reads), never following redirects.
	 */
	public NitroTokenResponseClient() {
		this(new NitroReactiveTokenResponseClient());
	}

	/**
	 * Creates a client that waits for the given reactive client.
	 * @param reactiveClient the client that performs the requests
	 */
	public NitroTokenResponseClient(NitroReactiveTokenResponseClient reactiveClient) {
		Assert.notNull(reactiveClient, "'reactiveClient' must not be null");
		this.reactiveClient = reactiveClient;
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
		OAuth2AccessTokenResponse response = this.reactiveClient.getTokenResponse(grantRequest).block();
		Assert.state(response != null, "The token request completed without a response");
		return response;
	}

}
