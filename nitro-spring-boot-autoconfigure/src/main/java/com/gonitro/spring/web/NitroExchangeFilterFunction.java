package com.gonitro.spring.web;

import java.net.URI;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import com.gonitro.spring.oauth.NitroAccessTokenCache;

/**
 * Adds {@code Authorization: Bearer <token>} to requests for Nitro's origin, taking the token from the
 * application's {@link NitroAccessTokenCache}.
 * <p>
 * The token stays home: a request for any other origin (scheme, host and port) leaves untouched, without the
 * token, so a {@code WebClient} carrying this filter can follow links to pre-signed file URLs safely.
 */
public final class NitroExchangeFilterFunction implements ExchangeFilterFunction {

	private final NitroAccessTokenCache tokenCache;

	private final Origin nitroOrigin;

	/**
	 * Creates a filter for the Nitro API at the given base URL.
	 * @param tokenCache the application's token cache
	 * @param nitroBaseUrl the base URL of the Nitro API, such as {@code https://api.gonitro.dev}: only requests
	 * to its origin get the token
	 */
	public NitroExchangeFilterFunction(NitroAccessTokenCache tokenCache, URI nitroBaseUrl) {
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		Assert.isTrue(nitroBaseUrl != null && nitroBaseUrl.getScheme() != null && nitroBaseUrl.getHost() != null,
				"'nitroBaseUrl' must be an absolute URL");
		this.tokenCache = tokenCache;
		this.nitroOrigin = Origin.of(nitroBaseUrl);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.nitroOrigin.equals(Origin.of(request.url()))) {
			return next.exchange(request);
		}
		return this.tokenCache.accessToken().flatMap((token) -> next.exchange(withBearer(request, token)));
	}

	private static ClientRequest withBearer(ClientRequest request, OAuth2AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.getTokenValue())).build();
	}

	private record Origin(String scheme, String host, int port) {

		static Origin of(URI url) {
			String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
			String host = String.valueOf(url.getHost()).toLowerCase(Locale.ROOT);
			int port = (url.getPort() != -1) ? url.getPort() : ("https".equals(scheme) ? 443 : 80);
			return new Origin(scheme, host, port);
		}

	}

}
