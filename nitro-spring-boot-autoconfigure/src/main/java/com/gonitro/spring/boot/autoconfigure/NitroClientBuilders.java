package com.gonitro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.observation.ObservationWebClientCustomizer;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.NitroClientBuilder;
import com.gonitro.spring.boot.autoconfigure.InvalidNitroPropertiesException.Problem;
import com.gonitro.spring.oauth.NitroCredentials;
import com.gonitro.spring.oauth.NitroReactiveTokenResponseClient;
import com.gonitro.spring.web.NitroReplayListener;
import com.gonitro.spring.web.NitroRetryPolicy;

/**
 * Maps {@link NitroProperties} onto {@link NitroClientBuilder}s: the top-level application, each named one (which
 * inherits what it does not set), and tenants (which inherit the top-level settings). Every application's requests
 * go through Nitro's connector and Spring Boot's {@code WebClient} and {@code RestClient} builders; token requests go
 * through a {@code WebClient} of their own that only Boot's observation customizer shapes, since they carry the
 * client secret.
 */
final class NitroClientBuilders {

	private static final Log logger = LogFactory.getLog(NitroClientBuilders.class);

	private final NitroProperties properties;

	private final ConfigurableEnvironment environment;

	private final ClientHttpConnector connector;

	private final ClientHttpRequestFactory requestFactory;

	private final WebClient.@Nullable Builder webClientBuilder;

	private final RestClient.@Nullable Builder restClientBuilder;

	private final List<WebClientCustomizer> observationCustomizers;

	private final ObservationRegistry observationRegistry;

	private final NitroReplayListener replayListener;

	private final NitroReactiveTokenResponseClient tokenResponseClient;

	NitroClientBuilders(NitroProperties properties, ConfigurableEnvironment environment, ClientHttpConnector connector,
			ClientHttpRequestFactory requestFactory, WebClient.@Nullable Builder webClientBuilder,
			RestClient.@Nullable Builder restClientBuilder, List<WebClientCustomizer> webClientCustomizers,
			ObservationRegistry observationRegistry, NitroReplayListener replayListener) {
		this.properties = properties;
		this.environment = environment;
		this.connector = connector;
		this.requestFactory = requestFactory;
		this.webClientBuilder = webClientBuilder;
		this.restClientBuilder = restClientBuilder;
		this.observationCustomizers = webClientCustomizers.stream()
			.filter(ObservationWebClientCustomizer.class::isInstance)
			.toList();
		this.observationRegistry = observationRegistry;
		this.replayListener = replayListener;
		this.tokenResponseClient = tokenResponseClient();
		warnIfInsecure();
	}

	/**
	 * A builder for the top-level application, whose credentials are read from the environment at each token
	 * request.
	 */
	NitroClientBuilder forDefaultApplication() {
		NitroProperties properties = this.properties;
		if (!properties.hasDefaultApplication()) {
			// Only ahead-of-time processing gets here: it kept the top-level beans, decided with credentials set.
			throw new InvalidNitroPropertiesException(List.of(Problem.processedWithCredentials()));
		}
		return common(NitroClient.DEFAULT_APPLICATION, properties.getTokenUri(), properties.getBaseUrl(),
				properties.getConnectTimeout(), properties.getReadTimeout(), retryPolicy(properties.getRetry(), null))
			.credentials(new EnvironmentNitroCredentials(this.environment, "nitro",
					Objects.requireNonNull(properties.getClientId()),
					Objects.requireNonNull(properties.getClientSecret())));
	}

	/**
	 * A builder for the application configured under {@code nitro.applications.<name>}.
	 */
	NitroClientBuilder forApplication(String name) {
		NitroProperties.Application application = this.properties.getApplications().get(name);
		Objects.requireNonNull(application, () -> "No application " + name);
		return common(name, orElse(application.getTokenUri(), this.properties.getTokenUri()),
				orElse(application.getBaseUrl(), this.properties.getBaseUrl()),
				orElse(application.getConnectTimeout(), this.properties.getConnectTimeout()),
				orElse(application.getReadTimeout(), this.properties.getReadTimeout()),
				retryPolicy(this.properties.getRetry(), application.getRetry()))
			.credentials(new EnvironmentNitroCredentials(this.environment, "nitro.applications." + name,
					Objects.requireNonNull(application.getClientId()),
					Objects.requireNonNull(application.getClientSecret())));
	}

	/**
	 * A builder for a tenant's application, with the top-level settings. A token URI of the tenant's own follows the
	 * rule of the configured ones: plain http only for this machine, unless {@code nitro.allow-insecure-http}.
	 * @throws IllegalArgumentException if the tenant's token URI would send its secret unencrypted to another host
	 */
	NitroClientBuilder forTenant(Supplier<NitroCredentials> credentials) {
		NitroProperties properties = this.properties;
		String tokenUri = credentials.get().tokenUri();
		if (!properties.isAllowInsecureHttp() && NitroPropertiesValidator.isInsecureHttp(tokenUri)) {
			throw new IllegalArgumentException("The tenant's token URI uses plain http for a host other than this "
					+ "machine: its client secret would cross the network unencrypted. Use https, or, if something on "
					+ "the way adds TLS, set nitro.allow-insecure-http=true.");
		}
		return common("tenant", properties.getTokenUri(), properties.getBaseUrl(), properties.getConnectTimeout(),
				properties.getReadTimeout(), retryPolicy(properties.getRetry(), null))
			.credentials(credentials);
	}

	private NitroClientBuilder common(String applicationName, String tokenUri, String baseUrl,
			Duration connectTimeout, Duration readTimeout, NitroRetryPolicy retryPolicy) {
		NitroClientBuilder builder = NitroClient.builder()
			.applicationName(applicationName)
			.tokenUri(tokenUri)
			.baseUrl(baseUrl)
			.connectTimeout(connectTimeout)
			.readTimeout(readTimeout)
			.tokenRefreshSkew(this.properties.getTokenRefreshSkew())
			.retryPolicy(retryPolicy)
			.documentUploadTimeout(this.properties.getSign().getDocumentUploadTimeout())
			.jobTimeout(this.properties.getPdf().getJobTimeout())
			.observationRegistry(this.observationRegistry)
			.replayListener(this.replayListener)
			.tokenResponseClient(this.tokenResponseClient)
			.clientHttpConnector(this.connector)
			.clientHttpRequestFactory(this.requestFactory);
		if (this.webClientBuilder != null) {
			builder.webClientBuilder(this.webClientBuilder);
		}
		if (this.restClientBuilder != null) {
			builder.restClientBuilder(this.restClientBuilder);
		}
		return builder;
	}

	/**
	 * The token client: its own {@code WebClient}, since the request carries the secret. Of Spring Boot's
	 * customizers, only the observation one applies, so that token requests are traced like any other call; no
	 * filter, default header or codec setting of the application's ever sees the request.
	 */
	private NitroReactiveTokenResponseClient tokenResponseClient() {
		WebClient.Builder builder = WebClient.builder().clientConnector(this.connector);
		this.observationCustomizers.forEach((customizer) -> customizer.customize(builder));
		NitroReactiveTokenResponseClient client = new NitroReactiveTokenResponseClient(builder.build());
		client.setDefaultExpiresIn(this.properties.getTokenDefaultLifetime());
		return client;
	}

	private static NitroRetryPolicy retryPolicy(NitroProperties.Retry retry,
			NitroProperties.@Nullable ApplicationRetry overrides) {
		if (overrides == null) {
			return new NitroRetryPolicy(retry.getMaxAttempts(), retry.getMaxTotalWait(), retry.getInitialBackoff(),
					Math.toIntExact(retry.getMaxReplayableBodySize().toBytes()));
		}
		return new NitroRetryPolicy(orElse(overrides.getMaxAttempts(), retry.getMaxAttempts()),
				orElse(overrides.getMaxTotalWait(), retry.getMaxTotalWait()),
				orElse(overrides.getInitialBackoff(), retry.getInitialBackoff()),
				Math.toIntExact(orElse(overrides.getMaxReplayableBodySize(), retry.getMaxReplayableBodySize())
					.toBytes()));
	}

	private void warnIfInsecure() {
		if (!this.properties.isAllowInsecureHttp()) {
			return;
		}
		boolean insecure = NitroPropertiesValidator.isInsecureHttp(this.properties.getTokenUri())
				|| NitroPropertiesValidator.isInsecureHttp(this.properties.getBaseUrl())
				|| this.properties.getApplications()
					.values()
					.stream()
					.anyMatch((application) -> NitroPropertiesValidator.isInsecureHttp(application.getTokenUri())
							|| NitroPropertiesValidator.isInsecureHttp(application.getBaseUrl()));
		if (insecure) {
			logger.warn("nitro.allow-insecure-http is true and a Nitro token URI or base URL uses plain http to "
					+ "another host: the client secret and access tokens leave this machine unencrypted unless "
					+ "something on the way adds TLS");
		}
	}

	private static <T> T orElse(@Nullable T value, T inherited) {
		return (value != null) ? value : inherited;
	}

}
