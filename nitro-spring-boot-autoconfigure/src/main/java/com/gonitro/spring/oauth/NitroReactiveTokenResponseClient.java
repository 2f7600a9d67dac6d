package com.gonitro.spring.oauth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.http.NitroHttpClients;
import com.gonitro.spring.http.TransportFailure;

/**
 * A {@link ReactiveOAuth2AccessTokenResponseClient} for the client-credentials grant that speaks Nitro's JSON
 * token dialect. Plug it into Spring Security's
 * {@link org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider} in
 * place of the default form-post client.
 * <p>
 * A reply that is an OAuth 2.0 error, is not JSON, is larger than 64 KiB, is a redirect (never followed: the secret
 * goes only to the token URI) or carries no usable token fails with a {@link NitroTokenException}, and so does a
 * request that gets no reply (host unknown, connection refused, timeout), each with its own error code and
 * description. A reply without a usable {@code expiresIn} gets the {@linkplain #setDefaultExpiresIn(Duration) default
 * lifetime}.
 *
 * @since 0.1.0
 */
public final class NitroReactiveTokenResponseClient
		implements ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private final WebClient webClient;

	private Duration defaultExpiresIn = Duration.ofHours(1);

	private Clock clock = Clock.systemUTC();

	/**
	 * Creates a client that sends token requests through a {@code WebClient} of its own with Nitro's default
	 * timeouts (5 seconds to connect, 30 seconds between two reads), never following redirects.
	 */
	public NitroReactiveTokenResponseClient() {
		this(WebClient.builder()
			.clientConnector(NitroHttpClients.connector(NitroHttpClients.DEFAULT_CONNECT_TIMEOUT,
					NitroHttpClients.DEFAULT_READ_TIMEOUT))
			.build());
	}

	/**
	 * Creates a client that sends token requests with the given {@link WebClient}. It must not follow redirects and
	 * must not add headers or filters of its own: the request it sends carries the client secret.
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

	/**
	 * Sets the clock against which a {@code Retry-After} date of the token endpoint is read.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	@Override
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
		Assert.notNull(grantRequest, "'grantRequest' must not be null");
		ClientRegistration registration = grantRequest.getClientRegistration();
		NitroTokenDialect.Request request = new NitroTokenDialect.Request(registration.getRegistrationId(),
				URI.create(registration.getProviderDetails().getTokenUri()),
				registration.getClientSecret());
		Duration defaultExpiresIn = this.defaultExpiresIn;
		Clock clock = this.clock;
		return Mono.defer(() -> this.webClient.post()
			.uri(request.tokenUri())
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(NitroTokenDialect.requestBody(registration))
			.exchangeToMono((response) -> DataBufferUtils
				.join(response.bodyToFlux(org.springframework.core.io.buffer.DataBuffer.class),
						NitroTokenDialect.MAX_REPLY_SIZE)
				.map((buffer) -> {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					DataBufferUtils.release(buffer);
					return bytes;
				})
				.defaultIfEmpty(new byte[0])
				.onErrorMap(DataBufferLimitException.class,
						(ex) -> NitroTokenDialect.replyTooLarge(request, response.statusCode()))
				.map((body) -> NitroTokenDialect.readReply(new NitroTokenDialect.Reply(response.statusCode(),
						response.headers().asHttpHeaders(), body), request, defaultExpiresIn, clock))))
			.onErrorMap((ex) -> !(ex instanceof NitroTokenException) && TransportFailure.of(ex) != null,
					(ex) -> unreachable(request, ex));
	}

	private static NitroTokenException unreachable(NitroTokenDialect.Request request, Throwable ex) {
		TransportFailure failure = TransportFailure.of(ex);
		String code = (failure == TransportFailure.READ_TIMEOUT) ? NitroTokenException.TOKEN_ENDPOINT_TIMEOUT
				: NitroTokenException.TOKEN_ENDPOINT_UNREACHABLE;
		String description = (failure != null) ? failure.description() : "no reply";
		return request.failure(null, TransportFailure.rootCause(ex), code, description);
	}

}
