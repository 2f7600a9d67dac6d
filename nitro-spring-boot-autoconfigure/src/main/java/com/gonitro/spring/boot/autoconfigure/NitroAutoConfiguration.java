package com.gonitro.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.NitroClients;
import com.gonitro.spring.NitroRestClientHttpServiceGroupConfigurer;
import com.gonitro.spring.NitroWebClientHttpServiceGroupConfigurer;
import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroAuthorizedClientManager;
import com.gonitro.spring.oauth.NitroReactiveAuthorizedClientManager;
import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.web.NitroReplayListener;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for calling Nitro. It maps
 * {@code nitro.*} onto {@link NitroClient#builder()} for each Nitro application and exposes:
 * <ul>
 * <li>{@link NitroClients} ({@code nitroClients}): the clients of every application, named ones and tenants';</li>
 * <li>for the top-level application: its {@link NitroAccessTokenCache}, the preauthorized {@code nitroWebClient} and
 * {@code nitroRestClient}, and the typed clients {@link NitroSignClient}, {@link ReactiveNitroSignClient},
 * {@link NitroPdfClient} and {@link ReactiveNitroPdfClient}, injected by type;</li>
 * <li>the {@code nitroAuthorizedClientManager} (and, in a reactive web application, the
 * {@code nitroReactiveAuthorizedClientManager}) holding every application's registration ({@code nitro},
 * {@code nitro-<name>});</li>
 * <li>the {@code nitroClientHttpConnector} and {@code nitroClientHttpRequestFactory} with Nitro's timeouts, which
 * never follow redirects, that token requests and API calls go through.</li>
 * </ul>
 * Active when Nitro credentials are configured. The Spring-typed beans are not default candidates: they are injected
 * only by name or {@code @Qualifier}, so they never stand in for the application's own {@code WebClient},
 * {@code RestClient}, connector or authorized-client manager, and never make Spring Boot's own auto-configuration
 * back off. Each backs off when the application defines a bean of the same name or qualifier.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass({ WebClient.class, ClientRegistration.class, JsonMapper.class, ClientHttpConnectorBuilder.class,
		WebClientCustomizer.class })
@ConditionalOnNitroCredentials
@EnableConfigurationProperties(NitroProperties.class)
public final class NitroAutoConfiguration {

	static final String AUTHORIZED_CLIENT_MANAGER = "nitroAuthorizedClientManager";

	static final String REACTIVE_AUTHORIZED_CLIENT_MANAGER = "nitroReactiveAuthorizedClientManager";

	static final String WEB_CLIENT = "nitroWebClient";

	static final String REST_CLIENT = "nitroRestClient";

	static final String CLIENT_HTTP_CONNECTOR = "nitroClientHttpConnector";

	static final String CLIENT_HTTP_REQUEST_FACTORY = "nitroClientHttpRequestFactory";

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingNitroBean(CLIENT_HTTP_CONNECTOR)
	ClientHttpConnector nitroClientHttpConnector(NitroProperties properties,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect)
			.build(settings(properties, httpClientSettings));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingNitroBean(CLIENT_HTTP_REQUEST_FACTORY)
	ClientHttpRequestFactory nitroClientHttpRequestFactory(NitroProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return requestFactoryBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect)
			.build(settings(properties, httpClientSettings));
	}

	@Bean(defaultCandidate = false)
	NitroClientBuilders nitroClientBuilders(NitroProperties properties, ConfigurableEnvironment environment,
			@Qualifier(CLIENT_HTTP_CONNECTOR) ClientHttpConnector connector,
			@Qualifier(CLIENT_HTTP_REQUEST_FACTORY) ClientHttpRequestFactory requestFactory,
			ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<WebClientCustomizer> webClientCustomizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<NitroReplayListener> replayListener) {
		return new NitroClientBuilders(properties, environment, connector, requestFactory,
				webClientBuilder.getIfUnique(), restClientBuilder.getIfUnique(),
				webClientCustomizers.orderedStream().toList(),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				replayListener.getIfUnique(() -> NitroReplayListener.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	NitroClients nitroClients(NitroProperties properties,
			@Qualifier("nitroClientBuilders") NitroClientBuilders builders,
			ObjectProvider<NitroAccessTokenCache> tokenCache,
			@Qualifier(WEB_CLIENT) ObjectProvider<WebClient> webClient,
			@Qualifier(REST_CLIENT) ObjectProvider<RestClient> restClient) {
		NitroClient defaultApplication = null;
		if (properties.hasDefaultApplication()) {
			defaultApplication = builders.forDefaultApplication()
				.tokenCache(tokenCache.getObject())
				.webClient(webClient.getObject())
				.restClient(restClient.getObject())
				.build();
		}
		Map<String, NitroClient> applications = new LinkedHashMap<>();
		properties.getApplications().keySet().forEach((name) -> applications.put(name,
				builders.forApplication(name).build()));
		NitroClients clients = new NitroClients(defaultApplication, applications,
				(credentials) -> builders.forTenant(credentials).build());
		clients.setMaxTenants(properties.getTenants().getMaxSize());
		clients.setTenantIdleExpiry(properties.getTenants().getIdleExpiry());
		return clients;
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingNitroBean(AUTHORIZED_CLIENT_MANAGER)
	NitroAuthorizedClientManager nitroAuthorizedClientManager(NitroClients clients) {
		return new NitroAuthorizedClientManager(tokenCaches(clients));
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnMissingNitroBean(REACTIVE_AUTHORIZED_CLIENT_MANAGER)
	NitroReactiveAuthorizedClientManager nitroReactiveAuthorizedClientManager(NitroClients clients) {
		return new NitroReactiveAuthorizedClientManager(tokenCaches(clients));
	}

	@Bean
	static SecurityDefaultManagerPostProcessor nitroSecurityDefaultManagerPostProcessor() {
		return new SecurityDefaultManagerPostProcessor(
				Set.of(AUTHORIZED_CLIENT_MANAGER, REACTIVE_AUTHORIZED_CLIENT_MANAGER));
	}

	static List<NitroAccessTokenCache> tokenCaches(NitroClients clients) {
		return clients.applications().stream().map(NitroClient::tokenCache).toList();
	}

	/**
	 * Spring Boot's HTTP client settings (SSL bundle and the like) with Nitro's timeouts, never following a
	 * redirect: neither the client secret nor a token may follow one to another origin.
	 */
	private static HttpClientSettings settings(NitroProperties properties,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		return httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
	}

	/**
	 * The top-level application's parts ({@code nitro.client-id}), each replaceable on its own.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnNitroCredentials(topLevel = true)
	static class DefaultApplicationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NitroAccessTokenCache nitroAccessTokenCache(@Qualifier("nitroClientBuilders") NitroClientBuilders builders) {
			return builders.forDefaultApplication().buildTokenCache();
		}

		@Bean(defaultCandidate = false)
		@ConditionalOnMissingNitroBean(WEB_CLIENT)
		WebClient nitroWebClient(@Qualifier("nitroClientBuilders") NitroClientBuilders builders,
				NitroAccessTokenCache tokenCache) {
			return builders.forDefaultApplication().tokenCache(tokenCache).buildWebClient();
		}

		@Bean(defaultCandidate = false)
		@ConditionalOnMissingNitroBean(REST_CLIENT)
		RestClient nitroRestClient(@Qualifier("nitroClientBuilders") NitroClientBuilders builders,
				NitroAccessTokenCache tokenCache) {
			return builders.forDefaultApplication().tokenCache(tokenCache).buildRestClient();
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveNitroSignClient reactiveNitroSignClient(NitroClients clients) {
			return clients.defaultApplication().reactiveSign();
		}

		@Bean
		@ConditionalOnMissingBean
		NitroSignClient nitroSignClient(ReactiveNitroSignClient reactiveNitroSignClient, NitroClients clients) {
			NitroClient defaultApplication = clients.defaultApplication();
			return (reactiveNitroSignClient == defaultApplication.reactiveSign()) ? defaultApplication.sign()
					: new NitroSignClient(reactiveNitroSignClient);
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveNitroPdfClient reactiveNitroPdfClient(NitroClients clients) {
			return clients.defaultApplication().reactivePdf();
		}

		@Bean
		@ConditionalOnMissingBean
		NitroPdfClient nitroPdfClient(ReactiveNitroPdfClient reactiveNitroPdfClient, NitroClients clients) {
			NitroClient defaultApplication = clients.defaultApplication();
			return (reactiveNitroPdfClient == defaultApplication.reactivePdf()) ? defaultApplication.pdf()
					: new NitroPdfClient(reactiveNitroPdfClient);
		}

	}

	/**
	 * Makes the HTTP service groups named {@code nitro} and {@code nitro-<name>} call Nitro, with a
	 * {@code RestClient} or a {@code WebClient}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class HttpServiceGroupConfiguration {

		@Bean
		@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
		@ConditionalOnMissingBean
		NitroRestClientHttpServiceGroupConfigurer nitroRestClientHttpServiceGroupConfigurer(NitroClients clients) {
			return new NitroRestClientHttpServiceGroupConfigurer(clients);
		}

		@Bean
		@ConditionalOnMissingBean
		NitroWebClientHttpServiceGroupConfigurer nitroWebClientHttpServiceGroupConfigurer(NitroClients clients) {
			return new NitroWebClientHttpServiceGroupConfigurer(clients);
		}

	}

	/**
	 * Masks {@code nitro.client-secret} and {@code nitro.applications.*.client-secret} in Actuator's
	 * {@code configprops} and {@code env} endpoints, also when {@code management.endpoint.*.show-values=always}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "nitroClientSecretSanitizingFunction")
		SanitizingFunction nitroClientSecretSanitizingFunction() {
			return SanitizingFunction.sanitizeValue().ifKeyMatches(ActuatorConfiguration::isNitroClientSecret);
		}

		private static boolean isNitroClientSecret(String key) {
			String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
			return normalized.startsWith("nitro") && normalized.endsWith("clientsecret");
		}

	}

}
