package com.gonitro.spring.boot.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.MethodMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application with Spring Security and an OAuth2 client registration of its own, plus the starter.
 */
@SpringBootTest(classes = ReactiveApplicationIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveApplicationIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension otherAuthorizationServer = NitroWireMock.extension();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		NitroWireMock.registerNitroProperties(registry, nitro);
		NitroWireMock.registerOtherRegistration(registry, otherAuthorizationServer);
	}

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("nitroReactiveAuthorizedClientManager")
	ReactiveOAuth2AuthorizedClientManager nitroManager;

	@Autowired
	ReactiveOAuth2AuthorizedClientManager applicationsManager;

	@BeforeEach
	void stubServers() {
		NitroWireMock.stubToken(nitro, "nitro-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[{\"ID\":\"envelope-1\"}]}")));
		NitroWireMock.stubOtherToken(otherAuthorizationServer);
	}

	@Test
	@DirtiesContext(methodMode = MethodMode.BEFORE_METHOD)
	void handlerCallsNitroWithoutBlocking() {
		WebClient http = WebClient.create("http://localhost:" + this.port);

		String body = Flux.range(0, 10)
			.flatMap((i) -> http.get().uri("/envelopes").retrieve().bodyToMono(String.class))
			.last()
			.block();

		assertThat(body).contains("envelope-1");
		nitro.verify(10, getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer nitro-token")));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
	}

	@Test
	void applicationsOwnRegisteredClientStillResolves() {
		String token = WebClient.create("http://localhost:" + this.port)
			.get()
			.uri("/other-token")
			.retrieve()
			.bodyToMono(String.class)
			.block();

		assertThat(token).isEqualTo("other-token");
		assertThat(this.applicationsManager).isInstanceOf(DefaultReactiveOAuth2AuthorizedClientManager.class);
	}

	@Test
	void reactiveNitroManagerAuthorizesWhateverThePrincipal() {
		OAuth2AuthorizedClient client = this.nitroManager
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("nitro").principal("carol").build())
			.block();

		assertThat(client.getAccessToken().getTokenValue()).isEqualTo("nitro-token");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class App {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll());
			http.oauth2Client(Customizer.withDefaults());
			return http.build();
		}

	}

	@RestController
	static class Endpoints {

		private final WebClient nitro;

		Endpoints(@Qualifier("nitroWebClient") WebClient nitro) {
			this.nitro = nitro;
		}

		@GetMapping("/envelopes")
		Mono<String> envelopes() {
			return this.nitro.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class);
		}

		@GetMapping("/other-token")
		String otherToken(@RegisteredOAuth2AuthorizedClient("other") OAuth2AuthorizedClient client) {
			return client.getAccessToken().getTokenValue();
		}

	}

}
