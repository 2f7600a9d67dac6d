package com.gonitro.spring;

import java.util.function.Supplier;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.web.NitroClientHttpRequestInterceptor;
import com.gonitro.spring.web.NitroExchangeFilterFunction;

/**
 * What makes a {@code WebClient} or {@code RestClient} builder call Nitro as one application: Nitro's base URL, the
 * transport (which never follows redirects), and the token with the replay rules. The one place both the
 * {@link NitroClientBuilder} and {@link NitroClient#configure} apply it from, so that the clients the starter builds
 * and those an application builds (HTTP service groups) behave alike.
 */
record NitroClientSetup(NitroAccessTokenCache tokenCache, String baseUrl, ClientHttpConnector connector,
		Supplier<ClientHttpRequestFactory> requestFactory, NitroExchangeFilterFunction filter,
		NitroClientHttpRequestInterceptor interceptor, WebClient.Builder webClientBuilder,
		RestClient.Builder restClientBuilder) {

	/** A new {@code WebClient} from (a clone of) the builder the clients start from. */
	WebClient buildWebClient() {
		return apply(this.webClientBuilder.clone()).build();
	}

	/** A new {@code RestClient} from (a clone of) the builder the clients start from. */
	RestClient buildRestClient() {
		return apply(this.restClientBuilder.clone()).build();
	}

	WebClient.Builder apply(WebClient.Builder builder) {
		return builder.clientConnector(this.connector)
			.baseUrl(this.baseUrl)
			// The token is set on the native request, never in logged headers; still, log no header values.
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false))
			.filter(this.filter);
	}

	RestClient.Builder apply(RestClient.Builder builder) {
		// Added last, so that no interceptor of the application's sees the token.
		return builder.requestFactory(this.requestFactory.get()).baseUrl(this.baseUrl).requestInterceptor(this.interceptor);
	}

}
