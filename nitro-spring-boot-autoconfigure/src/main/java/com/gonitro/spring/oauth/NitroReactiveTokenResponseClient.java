package com.gonitro.spring.oauth;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.http.TransportFailure;

/**
 * A {@link ReactiveOAuth2AccessTokenResponseClient} for the client-credentials grant that speaks Nitro's JSON
 * token dialect. Plug it into Spring Security's
 * {@link org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider} in
 * place of the default form-post client.
 * <p>
 * A reply that is an OAuth 2.0 error, is not JSON, or carries no usable token fails with a
 * {@link NitroTokenException}, and so does a request that gets no reply (host unknown, connection refused,
 * timeout), each with its own error code and description. A reply without a usable {@code expiresIn} gets the
 * {@linkplain #setDefaultExpiresIn(Duration) default lifetime}.
 */
public final class NitroReactiveTokenResponseClient
		implements ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private static final byte[] NO_BODY = {};

	private final WebClient webClient;

	private Duration defaultExpiresIn = Duration.ofHours(1);

	/**
	 * Creates a client that sends token requests with a default {@link WebClient}.
	 */
	public NitroReactiveTokenResponseClient() {
		this(WebClient.create());
	}

	/**
	 * Creates a client that sends token requests with the given {@link WebClient}. It must not add an
	 * {@code Authorization} header of its own.
	 * @param webClient the client for the token endpoint
	 */
	public NitroReactiveTokenResponseClient(WebClient webClient) {
		Assert.notNull(webClient, "'webClient' must not be null");
		this.webClient = webClient;
	}

	/**
	 * Sets the lifetime assumed for a token whose reply states no usable {@code expiresIn}. Defaults to one
	 * hour.
	 * @param defaultExpiresIn the assumed lifetime, at least one second
	 */
	public void setDefaultExpiresIn(Duration defaultExpiresIn) {
		Assert.isTrue(defaultExpiresIn.toSeconds() >= 1, "'defaultExpiresIn' must be at least one second");
		this.defaultExpiresIn = defaultExpiresIn;
	}

	@Override
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
		Assert.notNull(grantRequest, "'grantRequest' must not be null");
		ClientRegistration registration = grantRequest.getClientRegistration();
		URI tokenUri = URI.create(registration.getProviderDetails().getTokenUri());
		Duration defaultExpiresIn = this.defaultExpiresIn;
		return Mono.defer(() -> this.webClient.post()
			.uri(tokenUri)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(NitroTokenDialect.requestBody(registration))
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(NO_BODY)
				.map((body) -> NitroTokenDialect.readReply(response.statusCode(), body, tokenUri,
						defaultExpiresIn))))
			.onErrorMap((ex) -> !(ex instanceof NitroTokenException) && TransportFailure.of(ex) != null,
					(ex) -> unreachable(tokenUri, ex));
	}

	private static NitroTokenException unreachable(URI tokenUri, Throwable ex) {
		TransportFailure failure = TransportFailure.of(ex);
		String code = (failure == TransportFailure.READ_TIMEOUT) ? NitroTokenException.TOKEN_ENDPOINT_TIMEOUT
				: NitroTokenException.TOKEN_ENDPOINT_UNREACHABLE;
		String description = (failure != null) ? failure.description() : "no reply";
		return new NitroTokenException(new OAuth2Error(code, description, null), null, tokenUri, ex);
	}

}
