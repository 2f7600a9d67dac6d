package com.gonitro.spring.boot.autoconfigure;

import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With Spring and the starter logging at TRACE, neither the client secret (the top-level application's or a named
 * application's) nor any access token appears in a log line, an exception message, a {@code toString()}, or
 * Actuator's {@code configprops} and {@code env} endpoints showing values.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SecretsStayOutOfLogsIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "logging.level.org.springframework=TRACE",
				"logging.level.com.gonitro=TRACE", "management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always" })
class SecretsStayOutOfLogsIntegrationTests {

	private static final String FIRST_TOKEN = "eyJ-first-token-7c1d";

	private static final String SECOND_TOKEN = "eyJ-second-token-2b9e";

	private static final String BILLING_SECRET = "billing-secret-5e1f";

	@RegisterExtension
	static WireMockExtension nitro = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().notifier(new Slf4jNotifier(false)))
		.build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		NitroWireMock.registerNitroProperties(registry, nitro);
		registry.add("nitro.applications.billing.client-id", () -> "billing-id");
		registry.add("nitro.applications.billing.client-secret", () -> BILLING_SECRET);
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
	NitroAccessTokenCache tokenCache;

	@Autowired
	NitroProperties properties;

	@Test
	void secretAndTokensNeverLeave(CapturedOutput output) {
		NitroWireMock.stubTokensInTurn(nitro, 86400, FIRST_TOKEN, SECOND_TOKEN);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
			.willReturn(aResponse().withStatus(401)));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN))
			.willReturn(okJson("{\"items\":[]}")));

		// a token request, a 401 and a replay with a renewed token
		this.nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
		OAuth2AuthorizedClient client = this.nitroManager
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("nitro").principal("someone").build());
		String toStrings = client.getClientRegistration() + " " + client + " " + client.getAccessToken() + " "
				+ this.tokenCache + " " + this.properties;

		// a rejected token request
		nitro.resetAll();
		nitro.stubFor(NitroWireMock.tokenRequest().willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		this.tokenCache.evict(client.getAccessToken());
		NitroTokenException rejected = org.assertj.core.api.Assertions.catchThrowableOfType(NitroTokenException.class,
				() -> this.nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block());

		// Actuator, asked to show values
		RestClient actuator = RestClient.create("http://localhost:" + this.port + "/actuator");
		String configprops = actuator.get().uri("/configprops").retrieve().body(String.class);
		String env = actuator.get().uri("/env").retrieve().body(String.class);

		assertThat(output).as("the test exercised TRACE logging")
			.contains("Requesting a Nitro access token")
			.contains("was rejected with 401: replaying it once with a new token")
			.contains("HTTP POST " + NitroWireMock.tokenUri(nitro));
		assertThat(client.getAccessToken().getTokenValue()).isEqualTo(SECOND_TOKEN);
		assertThat(rejected).hasMessageContaining("invalid_client");
		assertThat(configprops).contains("\"clientId\":\"" + NitroWireMock.CLIENT_ID + "\"")
			.contains("\"clientSecret\":\"******\"");
		assertThat(env).contains("nitro.client-id").contains("******");
		assertThat(configprops).contains("\"clientId\":\"billing-id\"");
		assertThat(env).contains("nitro.applications.billing.client-id");
		for (String secret : new String[] { NitroWireMock.CLIENT_SECRET, FIRST_TOKEN, SECOND_TOKEN, BILLING_SECRET }) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(toStrings).doesNotContain(secret);
			assertThat(configprops).doesNotContain(secret);
			assertThat(env).doesNotContain(secret);
			for (Throwable ex = rejected; ex != null; ex = ex.getCause()) {
				assertThat(String.valueOf(ex.getMessage())).doesNotContain(secret);
				assertThat(ex.toString()).doesNotContain(secret);
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

}
