package com.gonitro.spring.starter;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the one starter dependency brings, on a classpath that holds nothing else: enough to call Nitro from a
 * batch job, and nothing that changes the application (no web server, no security auto-configuration).
 */
class StarterDependenciesIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void aBatchJobStaysANonWebApplication() {
		assertThat(WebApplicationType.deduce()).isEqualTo(WebApplicationType.NONE);
		assertThat(ClassUtils.isPresent("org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration", null))
			.as("Spring Boot's WebFlux server support").isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory", null))
			.as("Spring Boot's Netty web server").isFalse();
	}

	@Test
	void springBootsSecurityAutoConfigurationIsNotBroughtIn() {
		assertThat(ClassUtils.isPresent("org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration", null))
			.as("spring-boot-security").isFalse();
		assertThat(ClassUtils.isPresent(
				"org.springframework.security.config.annotation.web.configuration.EnableWebSecurity", null))
			.as("spring-security-config").isFalse();
		assertThat(ClassUtils.isPresent(
				"org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager", null))
			.as("Spring Security's OAuth2 client library").isTrue();
	}

	@Test
	void aBatchJobWithOnlyTheStarterCallsNitro() {
		nitro.stubFor(post(urlEqualTo("/oauth/token"))
			.willReturn(okJson("{\"accessToken\":\"starter-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));

		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchJob.class)
			.properties("nitro.client-id=id", "nitro.client-secret=secret",
					"nitro.token-uri=" + nitro.baseUrl() + "/oauth/token", "nitro.base-url=" + nitro.baseUrl())
			.run()) {
			WebClient nitroWebClient = context.getBean("nitroWebClient", WebClient.class);

			String body = nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();

			assertThat(body).isEqualTo("{\"items\":[]}");
			nitro.verify(postRequestedFor(urlEqualTo("/oauth/token"))
				.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson("{\"clientID\":\"id\",\"clientSecret\":\"secret\"}")));
			nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
					equalTo("Bearer starter-token")));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BatchJob {

	}

}
