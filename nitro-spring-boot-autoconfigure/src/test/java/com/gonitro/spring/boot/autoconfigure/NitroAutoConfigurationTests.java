package com.gonitro.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroAuthorizedClientManager;
import com.gonitro.spring.oauth.NitroReactiveAuthorizedClientManager;
import com.gonitro.spring.pdf.NitroPdfClient;
import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.NitroClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every condition and back-off of {@link NitroAutoConfiguration}.
 */
class NitroAutoConfigurationTests {

	private static final String[] CREDENTIALS = { "nitro.client-id=id", "nitro.client-secret=secret" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(NitroAutoConfiguration.class, WebClientAutoConfiguration.class));

	@Test
	void backsOffSilentlyWithoutCredentials() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(NitroAccessTokenCache.class);
			assertThat(context).doesNotHaveBean("nitroWebClient");
			assertThat(context).doesNotHaveBean("nitroAuthorizedClientManager");
			assertThat(context).doesNotHaveBean(NitroProperties.class);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues(CREDENTIALS).withPropertyValues("nitro.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(NitroAccessTokenCache.class);
		});
	}

	@Test
	void configuresNitroWhenBothCredentialsAreSet() {
		this.contextRunner.withPropertyValues(CREDENTIALS).run((context) -> {
			assertThat(context).hasSingleBean(NitroAccessTokenCache.class);
			assertThat(context).getBean("nitroAuthorizedClientManager").isInstanceOf(NitroAuthorizedClientManager.class);
			assertThat(context).getBean("nitroWebClient").isInstanceOf(WebClient.class);
			assertThat(context).doesNotHaveBean("nitroReactiveAuthorizedClientManager");
		});
	}

	@Test
	void credentialsFromEnvironmentVariablesActivateIt() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
						Map.of("NITRO_CLIENT_ID", "id", "NITRO_CLIENT_SECRET", "secret"))))
			.run((context) -> {
				assertThat(context).hasSingleBean(NitroAccessTokenCache.class);
				assertThat(context.getBean(NitroProperties.class).getClientSecret()).isEqualTo("secret");
			});
	}

	@Test
	void reactiveWebApplicationAlsoGetsAReactiveManager() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(NitroAutoConfiguration.class))
			.withPropertyValues(CREDENTIALS)
			.run((context) -> {
				assertThat(context).getBean("nitroReactiveAuthorizedClientManager")
					.isInstanceOf(NitroReactiveAuthorizedClientManager.class);
				assertThat(context).getBean("nitroAuthorizedClientManager")
					.isInstanceOf(NitroAuthorizedClientManager.class);
			});
	}

	@Test
	void servletWebApplicationGetsNoReactiveManager() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(NitroAutoConfiguration.class))
			.withPropertyValues(CREDENTIALS)
			.run((context) -> {
				assertThat(context).hasBean("nitroAuthorizedClientManager");
				assertThat(context).doesNotHaveBean(ReactiveOAuth2AuthorizedClientManager.class);
			});
	}

	@Test
	void usersOwnWebClientStaysTheOneInjectedByType() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(UserWebClientConfiguration.class, WebClientConsumer.class)
			.run((context) -> {
				WebClient users = context.getBean("usersWebClient", WebClient.class);
				assertThat(context.getBean(WebClientConsumer.class).byType).isSameAs(users);
				assertThat(context.getBean(WebClientConsumer.class).nitro).isSameAs(context.getBean("nitroWebClient"));
				assertThat(context.getBean(WebClient.class)).isSameAs(users);
			});
	}

	@Test
	void nitroBeansNeverStandInForTheApplicationsOwnByType() {
		this.contextRunner.withPropertyValues(CREDENTIALS).withUserConfiguration(ByTypeConsumer.class).run((context) -> {
			ByTypeConsumer consumer = context.getBean(ByTypeConsumer.class);
			assertThat(consumer.webClient.getIfAvailable()).isNull();
			assertThat(consumer.manager.getIfAvailable()).isNull();
		});
	}

	@Test
	void backsOffForAUserBeanNamedNitroWebClient() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(UserNamedNitroWebClient.class)
			.run((context) -> assertThat(context.getBean("nitroWebClient"))
				.isSameAs(context.getBean(UserNamedNitroWebClient.class).webClient));
	}

	@Test
	void backsOffForAUserBeanQualifiedNitroWebClient() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(UserQualifiedNitroWebClient.class, WebClientConsumer.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("nitroWebClient");
				assertThat(context.getBean(WebClientConsumer.class).nitro).isSameAs(context.getBean("custom"));
			});
	}

	@Test
	void backsOffForAUserManagerQualifiedLikeNitros() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withUserConfiguration(UserQualifiedNitroManager.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("nitroAuthorizedClientManager");
				assertThat(context).hasBean("customManager");
			});
	}

	@Test
	void backsOffForAUserTokenCache() {
		this.contextRunner.withPropertyValues(CREDENTIALS).withUserConfiguration(UserTokenCache.class).run((context) -> {
			assertThat(context).hasSingleBean(NitroAccessTokenCache.class);
			assertThat(context).hasBean("myTokenCache");
			assertThat(context.getBean("nitroAuthorizedClientManager")).isNotNull();
		});
	}

	@Test
	void typedClientsAreInjectedByTypeWithoutQualifier() {
		this.contextRunner.withPropertyValues(CREDENTIALS).withUserConfiguration(TypedClientConsumer.class).run((context) -> {
			TypedClientConsumer consumer = context.getBean(TypedClientConsumer.class);
			assertThat(consumer.sign).isSameAs(context.getBean(NitroSignClient.class));
			assertThat(consumer.reactiveSign).isSameAs(consumer.sign.reactive());
			assertThat(consumer.pdf).isSameAs(context.getBean(NitroPdfClient.class));
			assertThat(consumer.reactivePdf).isSameAs(consumer.pdf.reactive());
		});
	}

	@Test
	void typedClientsBackOffForTheApplicationsOwn() {
		this.contextRunner.withPropertyValues(CREDENTIALS).withUserConfiguration(UserSignClient.class).run((context) -> {
			assertThat(context).hasSingleBean(ReactiveNitroSignClient.class);
			assertThat(context.getBean(ReactiveNitroSignClient.class))
				.isSameAs(context.getBean(UserSignClient.class).client);
			assertThat(context.getBean(NitroSignClient.class).reactive()).isSameAs(context.getBean(UserSignClient.class).client);
		});
	}

	@Test
	void noTypedClientsWithoutCredentials() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(NitroSignClient.class);
			assertThat(context).doesNotHaveBean(NitroPdfClient.class);
		});
	}

	@Test
	void startsWhileNitroIsUnreachableBecauseTokensAreFetchedLazily() {
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("nitro.token-uri=http://127.0.0.1:1/oauth/token", "nitro.base-url=http://127.0.0.1:1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("nitroWebClient");
			});
	}

	static class TypedClientConsumer {

		final NitroSignClient sign;

		final ReactiveNitroSignClient reactiveSign;

		final NitroPdfClient pdf;

		final ReactiveNitroPdfClient reactivePdf;

		TypedClientConsumer(NitroSignClient sign, ReactiveNitroSignClient reactiveSign, NitroPdfClient pdf,
				ReactiveNitroPdfClient reactivePdf) {
			this.sign = sign;
			this.reactiveSign = reactiveSign;
			this.pdf = pdf;
			this.reactivePdf = reactivePdf;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSignClient {

		final ReactiveNitroSignClient client = new ReactiveNitroSignClient(WebClient.create("https://proxy.example.org"));

		@Bean
		ReactiveNitroSignClient mySignClient() {
			return this.client;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWebClientConfiguration {

		@Bean
		WebClient usersWebClient() {
			return WebClient.create("https://example.org");
		}

	}

	static class WebClientConsumer {

		final WebClient byType;

		final WebClient nitro;

		WebClientConsumer(ObjectProvider<WebClient> byType, @Qualifier("nitroWebClient") WebClient nitro) {
			this.byType = byType.getIfAvailable();
			this.nitro = nitro;
		}

	}

	static class ByTypeConsumer {

		final ObjectProvider<WebClient> webClient;

		final ObjectProvider<OAuth2AuthorizedClientManager> manager;

		ByTypeConsumer(ObjectProvider<WebClient> webClient, ObjectProvider<OAuth2AuthorizedClientManager> manager) {
			this.webClient = webClient;
			this.manager = manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserNamedNitroWebClient {

		final WebClient webClient = WebClient.create("https://proxy.example.org");

		@Bean
		WebClient nitroWebClient() {
			return this.webClient;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserQualifiedNitroWebClient {

		@Bean
		@Qualifier("nitroWebClient")
		WebClient custom() {
			return WebClient.create("https://proxy.example.org");
		}

	}

	@Test
	void buildsItsConnectorWithSpringBootsHttpClientSettingsAndNitrosTimeouts() {
		AtomicReference<HttpClientSettings> built = new AtomicReference<>();
		SslBundle bundle = SslBundle.of(SslStoreBundle.NONE);
		this.contextRunner.withPropertyValues(CREDENTIALS)
			.withPropertyValues("nitro.read-timeout=7s")
			.withBean(HttpClientSettings.class,
					() -> HttpClientSettings.ofSslBundle(bundle).withRedirects(HttpRedirects.DONT_FOLLOW))
			.withBean(ClientHttpConnectorBuilder.class, () -> (ClientHttpConnectorBuilder<ClientHttpConnector>) (settings) -> {
				built.set(settings);
				return new ReactorClientHttpConnector();
			})
			.run((context) -> {
				context.getBean(NitroAutoConfiguration.CLIENT_HTTP_CONNECTOR);
				assertThat(built.get().sslBundle()).isSameAs(bundle);
				assertThat(built.get().redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
				assertThat(built.get().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(built.get().readTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserQualifiedNitroManager {

		@Bean
		@Qualifier("nitroAuthorizedClientManager")
		OAuth2AuthorizedClientManager customManager() {
			return (request) -> null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTokenCache {

		@Bean
		NitroAccessTokenCache myTokenCache() {
			return NitroClient.builder()
				.credentials("id", "secret")
				.tokenUri("https://nitro.example.org/oauth/token")
				.buildTokenCache();
		}

	}

}
