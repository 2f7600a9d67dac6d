package com.gonitro.spring.boot.autoconfigure;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroAuthorizedClientManager;
import com.gonitro.spring.oauth.NitroClientRegistration;
import com.gonitro.spring.oauth.NitroReactiveAuthorizedClientManager;
import com.gonitro.spring.oauth.NitroReactiveTokenResponseClient;
import com.gonitro.spring.web.NitroExchangeFilterFunction;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for calling Nitro:
 * the application's {@link NitroAccessTokenCache}, the {@code nitroAuthorizedClientManager} (and, in a reactive
 * web application, the {@code nitroReactiveAuthorizedClientManager}) and the preauthorized
 * {@code nitroWebClient}.
 * <p>
 * Active when {@code nitro.client-id} or {@code nitro.client-secret} is set. The Spring-typed beans are not
 * default candidates: they are injected only by name or {@code @Qualifier}, so they never stand in for the
 * application's own {@code WebClient} or authorized-client manager, and never make Spring Boot's OAuth2 client
 * auto-configuration back off. Each backs off when the application defines a bean of the same name or qualifier.
 */
@AutoConfiguration
@ConditionalOnClass({ WebClient.class, ClientRegistration.class, JsonMapper.class })
@ConditionalOnNitroCredentials
@EnableConfigurationProperties(NitroProperties.class)
public final class NitroAutoConfiguration {

	static final String AUTHORIZED_CLIENT_MANAGER = "nitroAuthorizedClientManager";

	static final String REACTIVE_AUTHORIZED_CLIENT_MANAGER = "nitroReactiveAuthorizedClientManager";

	static final String WEB_CLIENT = "nitroWebClient";

	@Bean
	@ConditionalOnMissingBean
	NitroAccessTokenCache nitroAccessTokenCache(NitroProperties properties,
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		ClientRegistration registration = NitroClientRegistration.create(
				Objects.requireNonNull(properties.getClientId()), Objects.requireNonNull(properties.getClientSecret()),
				properties.getTokenUri());
		NitroReactiveTokenResponseClient tokenResponseClient = new NitroReactiveTokenResponseClient(
				webClientBuilder(webClientBuilder).build());
		return new NitroAccessTokenCache(() -> registration, tokenResponseClient);
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
			ObjectProvider<WebClient.Builder> webClientBuilder) {
		return webClientBuilder(webClientBuilder).baseUrl(properties.getBaseUrl())
			.filter(new NitroExchangeFilterFunction(tokenCache, URI.create(properties.getBaseUrl())))
			.build();
	}

	@Bean
	static SecurityDefaultManagerPostProcessor nitroSecurityDefaultManagerPostProcessor() {
		return new SecurityDefaultManagerPostProcessor(
				Set.of(AUTHORIZED_CLIENT_MANAGER, REACTIVE_AUTHORIZED_CLIENT_MANAGER));
	}

	/**
	 * Spring Boot's builder, so that its codecs, HTTP connector and observations apply; cloned because an
	 * application may define a shared builder of its own.
	 */
	private static WebClient.Builder webClientBuilder(ObjectProvider<WebClient.Builder> webClientBuilder) {
		return webClientBuilder.getIfUnique(WebClient::builder).clone();
	}

}
