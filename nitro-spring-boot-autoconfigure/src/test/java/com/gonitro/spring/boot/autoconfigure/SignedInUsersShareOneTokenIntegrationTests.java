package com.gonitro.spring.boot.autoconfigure;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several users signed in to a servlet application, and background threads, all call Nitro with the application's
 * one token: one token request in total.
 */
@SpringBootTest(classes = SignedInUsersShareOneTokenIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class SignedInUsersShareOneTokenIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		NitroWireMock.registerNitroProperties(registry, nitro);
	}

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("nitroWebClient")
	WebClient nitroWebClient;

	@Test
	void usersAndBackgroundThreadsShareOneToken() throws InterruptedException {
		NitroWireMock.stubToken(nitro, "application-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
		List<String> signedIn = new ArrayList<>();
		List<Thread> background = new ArrayList<>();

		for (String user : List.of("alice", "bob", "carol")) {
			signedIn.add(RestClient.create("http://localhost:" + this.port)
				.get()
				.uri("/my/envelopes")
				.headers((headers) -> headers.setBasicAuth(user, "password"))
				.retrieve()
				.body(String.class));
			Thread thread = new Thread(() -> this.nitroWebClient.get()
				.uri("/sign/envelopes")
				.retrieve()
				.bodyToMono(String.class)
				.block());
			thread.start();
			background.add(thread);
		}
		for (Thread thread : background) {
			thread.join(10_000);
		}

		assertThat(signedIn).containsExactly("alice: {\"items\":[]}", "bob: {\"items\":[]}", "carol: {\"items\":[]}");
		nitro.verify(6, getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer application-token")));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class App {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.httpBasic(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("alice").password("{noop}password").roles("USER").build(),
					User.withUsername("bob").password("{noop}password").roles("USER").build(),
					User.withUsername("carol").password("{noop}password").roles("USER").build());
		}

	}

	@RestController
	static class Endpoints {

		private final WebClient nitro;

		Endpoints(@Qualifier("nitroWebClient") WebClient nitro) {
			this.nitro = nitro;
		}

		@GetMapping("/my/envelopes")
		String envelopes(Principal user) {
			return user.getName() + ": "
					+ this.nitro.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
		}

	}

}
