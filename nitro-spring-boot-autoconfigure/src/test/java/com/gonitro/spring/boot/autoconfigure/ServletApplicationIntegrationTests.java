package com.gonitro.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.MethodMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application with Spring Security and an OAuth2 client registration of its own ({@code other}), plus
 * the starter: Nitro calls work inside requests and from plain threads with one token, and the application's own
 * {@code @RegisteredOAuth2AuthorizedClient("other")} keeps working.
 */
@SpringBootTest(classes = ServletApplicationIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletApplicationIntegrationTests {

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
	@Qualifier("nitroWebClient")
	WebClient nitroWebClient;

	@Autowired
	@Qualifier("nitroAuthorizedClientManager")
	OAuth2AuthorizedClientManager nitroManager;

	@Autowired
	OAuth2AuthorizedClientManager applicationsManager;

	@BeforeEach
	void stubServers() {
		nitro.resetAll();
		NitroWireMock.stubToken(nitro, "nitro-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[{\"ID\":\"envelope-1\"}]}")));
		NitroWireMock.stubOtherToken(otherAuthorizationServer);
	}

	@Test
	void controllerCallsNitroInsideAnHttpRequest() {
		String body = RestClient.create().get().uri("http://localhost:" + this.port + "/envelopes").retrieve().body(String.class);

		assertThat(body).contains("envelope-1");
		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer nitro-token")));
	}

	@Test
	void applicationsOwnRegisteredClientStillResolves() {
		String token = RestClient.create().get().uri("http://localhost:" + this.port + "/other-token").retrieve().body(String.class);

		assertThat(token).isEqualTo("other-token");
		otherAuthorizationServer.verify(postRequestedFor(urlEqualTo("/token"))
			.withRequestBody(containing("grant_type=client_credentials")));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).isEmpty();
	}

	@Test
	void applicationsManagerInjectedByTypeIsSpringSecuritysDefault() {
		assertThat(this.applicationsManager).isInstanceOf(DefaultOAuth2AuthorizedClientManager.class);
		assertThat(this.nitroManager).isNotSameAs(this.applicationsManager);
	}

	@Test
	void callFromAPlainThreadOutsideAnyRequest() throws InterruptedException {
		AtomicReference<String> body = new AtomicReference<>();
		Thread thread = new Thread(() -> body
			.set(this.nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block()));
		thread.start();
		thread.join(10_000);

		assertThat(body.get()).contains("envelope-1");
	}

	@Test
	@DirtiesContext(methodMode = MethodMode.BEFORE_METHOD)
	void callsInsideRequestsAndFromThreadsShareOneToken() throws InterruptedException {
		RestClient http = RestClient.create();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			http.get().uri("http://localhost:" + this.port + "/envelopes").retrieve().body(String.class);
			Thread thread = new Thread(() -> this.nitroWebClient.get()
				.uri("/sign/envelopes")
				.retrieve()
				.bodyToMono(String.class)
				.block());
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join(10_000);
		}

		nitro.verify(8, getRequestedFor(urlEqualTo("/sign/envelopes")));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
	}

	@Test
	void nitroManagerAuthorizesOutsideARequestWhateverThePrincipal() {
		OAuth2AuthorizedClient forAlice = this.nitroManager
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("nitro").principal("alice").build());
		OAuth2AuthorizedClient forBob = this.nitroManager
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("nitro").principal("bob").build());

		assertThat(forAlice.getAccessToken().getTokenValue()).isEqualTo("nitro-token");
		assertThat(forBob.getAccessToken()).isSameAs(forAlice.getAccessToken());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class App {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
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
		String envelopes() {
			return this.nitro.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
		}

		@GetMapping("/other-token")
		String otherToken(@RegisteredOAuth2AuthorizedClient("other") OAuth2AuthorizedClient client) {
			return client.getAccessToken().getTokenValue();
		}

	}

}
