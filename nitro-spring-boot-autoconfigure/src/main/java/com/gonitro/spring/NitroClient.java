package com.gonitro.spring;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.http.NitroHttpClients;
import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;

/**
 * Everything needed to call Nitro as one Nitro API application: a preauthorized {@link WebClient} and
 * {@link RestClient}, the typed Sign and PDF Services clients, all sharing the application's one
 * {@link NitroAccessTokenCache}. Works without Spring Boot:
 * <pre>{@code
 * NitroClient nitro = NitroClient.builder()
 *     .credentials(System.getenv("NITRO_CLIENT_ID"), System.getenv("NITRO_CLIENT_SECRET"))
 *     .build();
 * Envelope envelope = nitro.sign().createEnvelope(CreateEnvelope.parallel("NDA", "Please sign", "Our NDA"));
 * }</pre>
 * With Spring Boot, the starter builds one from {@code nitro.*} and exposes its parts as beans.
 *
 * @since 0.1.0
 * @see NitroClientBuilder
 */
public final class NitroClient {

	/**
	 * Nitro's token endpoint: {@value}.
	 */
	public static final String DEFAULT_TOKEN_URI = "https://api.gonitro.dev/oauth/token";

	/**
	 * The base URL of the Nitro API: {@value}.
	 */
	public static final String DEFAULT_BASE_URL = "https://api.gonitro.dev";

	/**
	 * The default longest wait for a connection, for token requests and API calls: 5 seconds.
	 */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = NitroHttpClients.DEFAULT_CONNECT_TIMEOUT;

	/**
	 * The default longest wait for a reply, between two reads, for token requests and API calls: 30 seconds.
	 */
	public static final Duration DEFAULT_READ_TIMEOUT = NitroHttpClients.DEFAULT_READ_TIMEOUT;

	/**
	 * The name of the top-level (default) Nitro application, as observations and metrics tag it.
	 */
	public static final String DEFAULT_APPLICATION = "default";

	private final String applicationName;

	private final NitroClientSetup setup;

	private final SingletonSupplier<WebClient> webClient;

	private final SingletonSupplier<RestClient> restClient;

	private final SingletonSupplier<ReactiveNitroSignClient> reactiveSign;

	private final SingletonSupplier<NitroSignClient> sign;

	private final SingletonSupplier<ReactiveNitroPdfClient> reactivePdf;

	private final SingletonSupplier<NitroPdfClient> pdf;

	/**
	 * Each client is built when first asked for, so that an application or tenant that uses only some of them
	 * (typically only one style) holds only those.
	 */
	NitroClient(String applicationName, NitroClientSetup setup, @Nullable WebClient webClient,
			@Nullable RestClient restClient, Duration documentUploadTimeout, Duration jobTimeout) {
		Assert.notNull(setup, "'setup' must not be null");
		this.applicationName = applicationName;
		this.setup = setup;
		this.webClient = new SingletonSupplier<>(webClient, setup::buildWebClient);
		this.restClient = new SingletonSupplier<>(restClient, setup::buildRestClient);
		this.reactiveSign = SingletonSupplier.of(() -> {
			ReactiveNitroSignClient client = new ReactiveNitroSignClient(this.webClient.obtain());
			client.setDocumentUploadTimeout(documentUploadTimeout);
			return client;
		});
		this.sign = SingletonSupplier.of(() -> new NitroSignClient(this.reactiveSign.obtain()));
		this.reactivePdf = SingletonSupplier.of(() -> {
			ReactiveNitroPdfClient client = new ReactiveNitroPdfClient(this.webClient.obtain());
			client.setJobTimeout(jobTimeout);
			return client;
		});
		this.pdf = SingletonSupplier.of(() -> new NitroPdfClient(this.reactivePdf.obtain()));
	}

	/**
	 * Returns a builder.
	 * @return a new builder
	 */
	public static NitroClientBuilder builder() {
		return new NitroClientBuilder();
	}

	/**
	 * Returns the name of the Nitro application these clients act as ({@value #DEFAULT_APPLICATION} for the
	 * top-level one).
	 * @return the application name
	 */
	public String applicationName() {
		return this.applicationName;
	}

	/**
	 * Returns the application's Spring Security registration ID, which is also the name of the HTTP service group
	 * that calls Nitro as this application: {@code nitro} for the top-level application, {@code nitro-<name>} for a
	 * named one.
	 * @return the registration ID
	 */
	public String registrationId() {
		return tokenCache().getRegistrationId();
	}

	/**
	 * Returns the application's token cache, shared by every client here.
	 * @return the token cache
	 */
	public NitroAccessTokenCache tokenCache() {
		return this.setup.tokenCache();
	}

	/**
	 * Makes a {@link WebClient.Builder} of the application's own (such as an HTTP service group's) call Nitro as
	 * this application: Nitro's base URL and connector, this application's token, and the same replay rules as
	 * {@link #webClient()}.
	 * @param builder the builder to configure
	 * @return the builder
	 */
	public WebClient.Builder configure(WebClient.Builder builder) {
		Assert.notNull(builder, "'builder' must not be null");
		return this.setup.apply(builder);
	}

	/**
	 * Makes a {@link RestClient.Builder} of the application's own (such as an HTTP service group's) call Nitro as
	 * this application: Nitro's base URL and request factory, this application's token, and the same replay rules as
	 * {@link #restClient()}.
	 * @param builder the builder to configure
	 * @return the builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder) {
		Assert.notNull(builder, "'builder' must not be null");
		return this.setup.apply(builder);
	}

	/**
	 * Returns a {@link WebClient} with Nitro's base URL whose requests to Nitro carry a valid token and are replayed
	 * as Nitro's guidance says.
	 * @return the preauthorized {@code WebClient}
	 */
	public WebClient webClient() {
		return this.webClient.obtain();
	}

	/**
	 * Returns a {@link RestClient} with Nitro's base URL whose requests to Nitro carry a valid token and are replayed
	 * by the same rules as the {@link #webClient()}'s.
	 * @return the preauthorized {@code RestClient}
	 */
	public RestClient restClient() {
		return this.restClient.obtain();
	}

	/**
	 * Returns the blocking Nitro Sign client.
	 * @return the Sign client
	 */
	public NitroSignClient sign() {
		return this.sign.obtain();
	}

	/**
	 * Returns the reactive Nitro Sign client.
	 * @return the reactive Sign client
	 */
	public ReactiveNitroSignClient reactiveSign() {
		return this.reactiveSign.obtain();
	}

	/**
	 * Returns the blocking PDF Services client.
	 * @return the PDF Services client
	 */
	public NitroPdfClient pdf() {
		return this.pdf.obtain();
	}

	/**
	 * Returns the reactive PDF Services client.
	 * @return the reactive PDF Services client
	 */
	public ReactiveNitroPdfClient reactivePdf() {
		return this.reactivePdf.obtain();
	}

	@Override
	public String toString() {
		return "NitroClient[application=" + this.applicationName + "]";
	}

}
