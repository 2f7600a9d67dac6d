package com.gonitro.spring.boot.autoconfigure;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroAuthorizedClientManager;
import com.gonitro.spring.oauth.NitroReactiveAuthorizedClientManager;
import com.gonitro.spring.oauth.NitroReactiveTokenResponseClient;
import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.web.NitroExchangeFilterFunction;
import com.gonitro.spring.web.NitroRetryPolicy;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for calling Nitro:
 * the application's {@link NitroAccessTokenCache}, the {@code nitroAuthorizedClientManager} (and, in a reactive
 * web application, the {@code nitroReactiveAuthorizedClientManager}), the preauthorized {@code nitroWebClient}, and
 * the {@code nitroClientHttpConnector} with Nitro's timeouts that both token requests and API calls go through,
 * and the typed clients built on {@code nitroWebClient}: {@link NitroSignClient}, {@link ReactiveNitroSignClient},
 * {@link NitroPdfClient} and {@link ReactiveNitroPdfClient}, injected by type.
 * <p>
 * Active when {@code nitro.client-id} or {@code nitro.client-secret} is set. The Spring-typed beans are not
 * default candidates: they are injected only by name or {@code @Qualifier}, so they never stand in for the
 * application's own {@code WebClient}, connector or authorized-client manager, and never make Spring Boot's own
 * auto-configuration back off. Each backs off when the application defines a bean of the same name or qualifier.
 */
@AutoConfiguration
@ConditionalOnClass({ WebClient.class, ClientRegistration.class, JsonMapper.class, ClientHttpConnectorBuilder.class })
@ConditionalOnNitroCredentials
@EnableConfigurationProperties(NitroProperties.class)
public final class NitroAutoConfiguration {

	static final String AUTHORIZED_CLIENT_MANAGER = "nitroAuthorizedClientManager";

	static final String REACTIVE_AUTHORIZED_CLIENT_MANAGER = "nitroReactiveAuthorizedClientManager";

	static final String WEB_CLIENT = "nitroWebClient";

	static final String CLIENT_HTTP_CONNECTOR = "nitroClientHttpConnector";

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingNitroBean(CLIENT_HTTP_CONNECTOR)
	ClientHttpConnector nitroClientHttpConnector(NitroProperties properties,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings) {
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout());
		return connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect).build(settings);
	}

	@Bean
	@ConditionalOnMissingBean
	NitroAccessTokenCache nitroAccessTokenCache(NitroProperties properties, Environment environment,
			@Qualifier(CLIENT_HTTP_CONNECTOR) ClientHttpConnector connector,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		NitroReactiveTokenResponseClient tokenResponseClient = new NitroReactiveTokenResponseClient(
				webClientBuilder(webClientBuilder, connector).build());
		tokenResponseClient.setDefaultExpiresIn(properties.getTokenDefaultLifetime());
		NitroAccessTokenCache tokenCache = new NitroAccessTokenCache(
				new EnvironmentNitroRegistration(environment, properties), tokenResponseClient);
		tokenCache.setRefreshSkew(properties.getTokenRefreshSkew());
		return tokenCache;
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingNitroBean(AUTHORIZED_CLIENT_MANAGER)
	NitroAuthorizedClientManager nitroAuthorizedClientManager(NitroAccessTokenCache tokenCache) {
		return new NitroAuthorizedClientManager(tokenCache);
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnMissingNitroBean(REACTIVE_AUTHORIZED_CLIENT_MANAGER)
	NitroReactiveAuthorizedClientManager nitroReactiveAuthorizedClientManager(NitroAccessTokenCache tokenCache) {
		return new NitroReactiveAuthorizedClientManager(tokenCache);
	}

	@Bean(defaultCandidate = false)
	@ConditionalOnMissingNitroBean(WEB_CLIENT)
	WebClient nitroWebClient(NitroProperties properties, NitroAccessTokenCache tokenCache,
			@Qualifier(CLIENT_HTTP_CONNECTOR) ClientHttpConnector connector,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		NitroProperties.Retry retry = properties.getRetry();
		NitroRetryPolicy retryPolicy = new NitroRetryPolicy(retry.getMaxAttempts(), retry.getMaxTotalWait(),
				retry.getInitialBackoff(), Math.toIntExact(retry.getMaxReplayableBodySize().toBytes()));
		return webClientBuilder(webClientBuilder, connector).baseUrl(properties.getBaseUrl())
			.filter(new NitroExchangeFilterFunction(tokenCache, URI.create(properties.getBaseUrl()), retryPolicy))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveNitroSignClient reactiveNitroSignClient(NitroProperties properties,
			@Qualifier(WEB_CLIENT) WebClient nitroWebClient) {
		ReactiveNitroSignClient client = new ReactiveNitroSignClient(nitroWebClient);
		client.setDocumentUploadTimeout(properties.getSign().getDocumentUploadTimeout());
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	NitroSignClient nitroSignClient(ReactiveNitroSignClient reactiveNitroSignClient) {
		return new NitroSignClient(reactiveNitroSignClient);
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveNitroPdfClient reactiveNitroPdfClient(NitroProperties properties,
			@Qualifier(WEB_CLIENT) WebClient nitroWebClient) {
		ReactiveNitroPdfClient client = new ReactiveNitroPdfClient(nitroWebClient);
		client.setJobTimeout(properties.getPdf().getJobTimeout());
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	NitroPdfClient nitroPdfClient(ReactiveNitroPdfClient reactiveNitroPdfClient) {
		return new NitroPdfClient(reactiveNitroPdfClient);
	}

	@Bean
	static SecurityDefaultManagerPostProcessor nitroSecurityDefaultManagerPostProcessor() {
		return new SecurityDefaultManagerPostProcessor(
				Set.of(AUTHORIZED_CLIENT_MANAGER, REACTIVE_AUTHORIZED_CLIENT_MANAGER));
	}

	/**
	 * Spring Boot's builder, so that its codecs and observations apply, with Nitro's connector; cloned because an
	 * application may define a shared builder of its own.
	 */
	private static WebClient.Builder webClientBuilder(ObjectProvider<WebClient.Builder> webClientBuilder,
			ClientHttpConnector connector) {
		return webClientBuilder.getIfUnique(WebClient::builder).clone().clientConnector(connector);
	}

	/**
	 * Masks {@code nitro.client-secret} in Actuator's {@code configprops} and {@code env} endpoints, also when
	 * {@code management.endpoint.*.show-values=always}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "nitroClientSecretSanitizingFunction")
		SanitizingFunction nitroClientSecretSanitizingFunction() {
			return SanitizingFunction.sanitizeValue()
				.ifKeyMatches((key) -> key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "").equals("nitroclientsecret"));
		}

	}

}
