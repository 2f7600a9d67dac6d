package com.gonitro.spring;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.http.NitroHttpClients;
import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroClientRegistration;
import com.gonitro.spring.oauth.NitroCredentials;
import com.gonitro.spring.oauth.NitroReactiveTokenResponseClient;
import com.gonitro.spring.web.NitroClientHttpRequestInterceptor;
import com.gonitro.spring.web.NitroExchangeFilterFunction;
import com.gonitro.spring.web.NitroReplayListener;
import com.gonitro.spring.web.NitroRetryPolicy;

/**
 * Builds a {@link NitroClient}: the one place where a token cache, the request rules and the clients are assembled
 * for one Nitro application, with or without Spring Boot. Only the credentials are required; everything else has
 * Nitro's defaults.
 * <p>
 * Besides {@link #build()}, frameworks that expose the parts on their own (the Spring Boot auto-configuration does)
 * build them one by one with {@link #buildTokenCache()}, {@link #buildWebClient()} and {@link #buildRestClient()},
 * handing the parts they built back with {@link #tokenCache(NitroAccessTokenCache)},
 * {@link #webClient(WebClient)} and {@link #restClient(RestClient)} so that all share one token cache.
 *
 * @since 0.1.0
 */
public final class NitroClientBuilder {

	private @Nullable Supplier<NitroCredentials> credentials;

	private String tokenUri = NitroClient.DEFAULT_TOKEN_URI;

	private String baseUrl = NitroClient.DEFAULT_BASE_URL;

	private String applicationName = NitroClient.DEFAULT_APPLICATION;

	private Duration connectTimeout = NitroClient.DEFAULT_CONNECT_TIMEOUT;

	private Duration readTimeout = NitroClient.DEFAULT_READ_TIMEOUT;

	private Duration tokenRefreshSkew = Duration.ofSeconds(60);

	private Duration tokenDefaultLifetime = Duration.ofHours(1);

	private NitroRetryPolicy retryPolicy = NitroRetryPolicy.defaults();

	private Duration documentUploadTimeout = Duration.ofMinutes(2);

	private Duration jobTimeout = Duration.ofMinutes(10);

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private NitroReplayListener replayListener = NitroReplayListener.NONE;

	private @Nullable ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient;

	private @Nullable ClientHttpConnector clientHttpConnector;

	private @Nullable ClientHttpRequestFactory clientHttpRequestFactory;

	private WebClient.@Nullable Builder webClientBuilder;

	private RestClient.@Nullable Builder restClientBuilder;

	private @Nullable NitroAccessTokenCache tokenCache;

	private @Nullable WebClient webClient;

	private @Nullable RestClient restClient;

	NitroClientBuilder() {
	}

	/**
	 * Sets the application's credentials, with a fixed secret.
	 * @param clientId the client ID, as the Nitro Admin Portal shows it (Settings → API)
	 * @param clientSecret the client secret
	 * @return this builder
	 */
	public NitroClientBuilder credentials(String clientId, String clientSecret) {
		return credentials(NitroCredentials.of(clientId, clientSecret));
	}

	/**
	 * Sets the application's credentials. A token URI they name takes precedence over {@link #tokenUri(String)}.
	 * @param credentials the credentials
	 * @return this builder
	 */
	public NitroClientBuilder credentials(NitroCredentials credentials) {
		Assert.notNull(credentials, "'credentials' must not be null");
		return credentials(() -> credentials);
	}

	/**
	 * Sets where the application's credentials are read, once per token request, so that rotated credentials are
	 * used without a restart. Called on a thread that may block.
	 * @param credentials supplies the credentials as they are now
	 * @return this builder
	 */
	public NitroClientBuilder credentials(Supplier<NitroCredentials> credentials) {
		Assert.notNull(credentials, "'credentials' must not be null");
		this.credentials = credentials;
		return this;
	}

	/**
	 * Sets the token endpoint, for credentials that name none. Defaults to {@value NitroClient#DEFAULT_TOKEN_URI}.
	 * @param tokenUri the token endpoint, as the Nitro Admin Portal shows it
	 * @return this builder
	 */
	public NitroClientBuilder tokenUri(String tokenUri) {
		Assert.isTrue(isAbsolute(tokenUri), "'tokenUri' must be an absolute URI");
		this.tokenUri = tokenUri;
		return this;
	}

	/**
	 * Sets the base URL of the Nitro API; only requests to its origin carry the token. Defaults to
	 * {@value NitroClient#DEFAULT_BASE_URL}.
	 * @param baseUrl the base URL
	 * @return this builder
	 */
	public NitroClientBuilder baseUrl(String baseUrl) {
		Assert.isTrue(isAbsolute(baseUrl), "'baseUrl' must be an absolute URL");
		this.baseUrl = baseUrl;
		return this;
	}

	/**
	 * Sets the name of the application, as observations and metrics tag it; an application other than
	 * {@value NitroClient#DEFAULT_APPLICATION} is Spring Security registration {@code nitro-<name>}.
	 * @param applicationName the name
	 * @return this builder
	 */
	public NitroClientBuilder applicationName(String applicationName) {
		Assert.hasText(applicationName, "'applicationName' must not be empty");
		this.applicationName = applicationName;
		return this;
	}

	/**
	 * Sets the longest wait for a connection, for token requests and API calls, when this builder makes the
	 * HTTP clients. Defaults to 5 seconds.
	 * @param connectTimeout the timeout
	 * @return this builder
	 */
	public NitroClientBuilder connectTimeout(Duration connectTimeout) {
		Assert.isTrue(connectTimeout != null && connectTimeout.compareTo(Duration.ZERO) > 0,
				"'connectTimeout' must be positive");
		this.connectTimeout = connectTimeout;
		return this;
	}

	/**
	 * Sets the longest wait between two reads of a reply, for token requests and API calls, when this builder
	 * makes the HTTP clients. Defaults to 30 seconds. A token request as a whole is bounded by the connect and read
	 * timeouts together.
	 * @param readTimeout the timeout
	 * @return this builder
	 */
	public NitroClientBuilder readTimeout(Duration readTimeout) {
		Assert.isTrue(readTimeout != null && readTimeout.compareTo(Duration.ZERO) > 0,
				"'readTimeout' must be positive");
		this.readTimeout = readTimeout;
		return this;
	}

	/**
	 * Sets how long before its expiry a token is renewed, at most. Defaults to 60 seconds.
	 * @param tokenRefreshSkew the renewal margin
	 * @return this builder
	 */
	public NitroClientBuilder tokenRefreshSkew(Duration tokenRefreshSkew) {
		this.tokenRefreshSkew = tokenRefreshSkew;
		return this;
	}

	/**
	 * Sets the lifetime assumed for a token whose reply states no usable {@code expiresIn}. Defaults to one hour.
	 * @param tokenDefaultLifetime the assumed lifetime
	 * @return this builder
	 */
	public NitroClientBuilder tokenDefaultLifetime(Duration tokenDefaultLifetime) {
		this.tokenDefaultLifetime = tokenDefaultLifetime;
		return this;
	}

	/**
	 * Sets how throttled and failed requests are replayed. Defaults to {@link NitroRetryPolicy#defaults()}.
	 * @param retryPolicy the policy
	 * @return this builder
	 */
	public NitroClientBuilder retryPolicy(NitroRetryPolicy retryPolicy) {
		Assert.notNull(retryPolicy, "'retryPolicy' must not be null");
		this.retryPolicy = retryPolicy;
		return this;
	}

	/**
	 * Sets how long {@code uploadDocumentAndAwait} waits for Nitro to process a document. Defaults to two minutes.
	 * @param documentUploadTimeout the longest wait
	 * @return this builder
	 */
	public NitroClientBuilder documentUploadTimeout(Duration documentUploadTimeout) {
		this.documentUploadTimeout = documentUploadTimeout;
		return this;
	}

	/**
	 * Sets how long an asynchronous PDF Services job is awaited. Defaults to ten minutes.
	 * @param jobTimeout the longest wait
	 * @return this builder
	 */
	public NitroClientBuilder jobTimeout(Duration jobTimeout) {
		this.jobTimeout = jobTimeout;
		return this;
	}

	/**
	 * Sets the registry token requests are observed with ({@code nitro.token.requests}), and API calls too when
	 * this builder makes the {@code WebClient} and {@code RestClient} builders.
	 * @param observationRegistry the registry
	 * @return this builder
	 */
	public NitroClientBuilder observationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
		return this;
	}

	/**
	 * Sets the listener told about replays, for metrics.
	 * @param replayListener the listener
	 * @return this builder
	 */
	public NitroClientBuilder replayListener(NitroReplayListener replayListener) {
		Assert.notNull(replayListener, "'replayListener' must not be null");
		this.replayListener = replayListener;
		return this;
	}

	/**
	 * Sets the client that requests tokens, in place of a {@link NitroReactiveTokenResponseClient} with this
	 * builder's connector. It must never follow a redirect.
	 * @param tokenResponseClient the token response client
	 * @return this builder
	 */
	public NitroClientBuilder tokenResponseClient(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
		Assert.notNull(tokenResponseClient, "'tokenResponseClient' must not be null");
		this.tokenResponseClient = tokenResponseClient;
		return this;
	}

	/**
	 * Sets the connector token requests and {@code WebClient} calls go through, in place of one with this builder's
	 * timeouts. It must never follow a redirect.
	 * @param clientHttpConnector the connector
	 * @return this builder
	 */
	public NitroClientBuilder clientHttpConnector(ClientHttpConnector clientHttpConnector) {
		Assert.notNull(clientHttpConnector, "'clientHttpConnector' must not be null");
		this.clientHttpConnector = clientHttpConnector;
		return this;
	}

	/**
	 * Sets the request factory {@code RestClient} calls go through, in place of one with this builder's timeouts.
	 * It must never follow a redirect.
	 * @param clientHttpRequestFactory the request factory
	 * @return this builder
	 */
	public NitroClientBuilder clientHttpRequestFactory(ClientHttpRequestFactory clientHttpRequestFactory) {
		Assert.notNull(clientHttpRequestFactory, "'clientHttpRequestFactory' must not be null");
		this.clientHttpRequestFactory = clientHttpRequestFactory;
		return this;
	}

	/**
	 * Sets the builder the {@code WebClient} for API calls starts from (such as Spring Boot's, with its codecs and
	 * observations); it is cloned, never changed. Token requests never go through it.
	 * @param webClientBuilder the builder
	 * @return this builder
	 */
	public NitroClientBuilder webClientBuilder(WebClient.Builder webClientBuilder) {
		Assert.notNull(webClientBuilder, "'webClientBuilder' must not be null");
		this.webClientBuilder = webClientBuilder;
		return this;
	}

	/**
	 * Sets the builder the {@code RestClient} starts from (such as Spring Boot's); it is cloned, never changed.
	 * @param restClientBuilder the builder
	 * @return this builder
	 */
	public NitroClientBuilder restClientBuilder(RestClient.Builder restClientBuilder) {
		Assert.notNull(restClientBuilder, "'restClientBuilder' must not be null");
		this.restClientBuilder = restClientBuilder;
		return this;
	}

	/**
	 * Uses the given token cache instead of building one: credentials and token settings are then ignored.
	 * @param tokenCache the application's token cache
	 * @return this builder
	 */
	public NitroClientBuilder tokenCache(NitroAccessTokenCache tokenCache) {
		Assert.notNull(tokenCache, "'tokenCache' must not be null");
		this.tokenCache = tokenCache;
		return this;
	}

	/**
	 * Uses the given preauthorized {@code WebClient} (for example one built earlier with {@link #buildWebClient()})
	 * for the typed clients, instead of building one.
	 * @param webClient the preauthorized {@code WebClient}
	 * @return this builder
	 */
	public NitroClientBuilder webClient(WebClient webClient) {
		Assert.notNull(webClient, "'webClient' must not be null");
		this.webClient = webClient;
		return this;
	}

	/**
	 * Uses the given preauthorized {@code RestClient} instead of building one.
	 * @param restClient the preauthorized {@code RestClient}
	 * @return this builder
	 */
	public NitroClientBuilder restClient(RestClient restClient) {
		Assert.notNull(restClient, "'restClient' must not be null");
		this.restClient = restClient;
		return this;
	}

	/**
	 * Builds the clients.
	 * @return the clients of the Nitro application
	 */
	public NitroClient build() {
		return new NitroClient(this.applicationName, setup(tokenCacheToUse()), this.webClient, this.restClient,
				this.documentUploadTimeout, this.jobTimeout);
	}

	/**
	 * Builds the application's token cache alone (or returns the one {@linkplain #tokenCache(NitroAccessTokenCache)
	 * given}).
	 * @return the token cache
	 */
	public NitroAccessTokenCache buildTokenCache() {
		return tokenCacheToUse();
	}

	/**
	 * Builds the preauthorized {@code WebClient} alone, on the {@linkplain #tokenCache(NitroAccessTokenCache) given}
	 * token cache or a new one.
	 * @return the preauthorized {@code WebClient}
	 */
	public WebClient buildWebClient() {
		return setup(tokenCacheToUse()).buildWebClient();
	}

	/**
	 * Builds the preauthorized {@code RestClient} alone, on the {@linkplain #tokenCache(NitroAccessTokenCache)
	 * given} token cache or a new one.
	 * @return the preauthorized {@code RestClient}
	 */
	public RestClient buildRestClient() {
		return setup(tokenCacheToUse()).buildRestClient();
	}

	private NitroAccessTokenCache tokenCacheToUse() {
		if (this.tokenCache != null) {
			return this.tokenCache;
		}
		Supplier<NitroCredentials> credentials = this.credentials;
		Assert.state(credentials != null, "No Nitro credentials: call credentials(...) before building");
		String tokenUri = this.tokenUri;
		NitroAccessTokenCache tokenCache = new NitroAccessTokenCache(registrationId(), () -> {
			NitroCredentials current = credentials.get();
			return (current.tokenUri() != null) ? current : current.withTokenUri(tokenUri);
		}, tokenResponseClient());
		tokenCache.setRefreshSkew(this.tokenRefreshSkew);
		tokenCache.setTokenRequestTimeout(this.connectTimeout.plus(this.readTimeout));
		tokenCache.setObservationRegistry(this.observationRegistry);
		tokenCache.setApplicationName(this.applicationName);
		return tokenCache;
	}

	private ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient() {
		if (this.tokenResponseClient != null) {
			return this.tokenResponseClient;
		}
		// A WebClient of its own: the request carries the secret, so no filter or default of the application's may
		// shape it.
		NitroReactiveTokenResponseClient client = new NitroReactiveTokenResponseClient(
				WebClient.builder().clientConnector(connector()).observationRegistry(this.observationRegistry).build());
		client.setDefaultExpiresIn(this.tokenDefaultLifetime);
		return client;
	}

	private NitroClientSetup setup(NitroAccessTokenCache tokenCache) {
		URI nitroOrigin = URI.create(this.baseUrl);
		ClientHttpRequestFactory given = this.clientHttpRequestFactory;
		Duration connectTimeout = this.connectTimeout;
		Duration readTimeout = this.readTimeout;
		// Built only with a RestClient: an application that uses only WebClient never opens a second transport.
		Supplier<ClientHttpRequestFactory> requestFactory = (given != null) ? () -> given
				: SingletonSupplier.of(() -> NitroHttpClients.requestFactory(connectTimeout, readTimeout));
		WebClient.Builder webClientBuilder = (this.webClientBuilder != null) ? this.webClientBuilder.clone()
				: WebClient.builder().observationRegistry(this.observationRegistry);
		RestClient.Builder restClientBuilder = (this.restClientBuilder != null) ? this.restClientBuilder.clone()
				: RestClient.builder().observationRegistry(this.observationRegistry);
		return new NitroClientSetup(tokenCache, this.baseUrl, connector(), requestFactory,
				new NitroExchangeFilterFunction(tokenCache, nitroOrigin, this.retryPolicy, this.replayListener),
				new NitroClientHttpRequestInterceptor(tokenCache, nitroOrigin, this.retryPolicy, this.replayListener),
				webClientBuilder, restClientBuilder);
	}

	private ClientHttpConnector connector() {
		if (this.clientHttpConnector == null) {
			this.clientHttpConnector = NitroHttpClients.connector(this.connectTimeout, this.readTimeout);
		}
		return this.clientHttpConnector;
	}

	private String registrationId() {
		return NitroClient.DEFAULT_APPLICATION.equals(this.applicationName) ? NitroClientRegistration.REGISTRATION_ID
				: NitroClientRegistration.REGISTRATION_ID + "-" + this.applicationName;
	}

	private static boolean isAbsolute(@Nullable String uri) {
		if (uri == null) {
			return false;
		}
		try {
			URI parsed = new URI(uri);
			return parsed.getScheme() != null && parsed.getHost() != null;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
