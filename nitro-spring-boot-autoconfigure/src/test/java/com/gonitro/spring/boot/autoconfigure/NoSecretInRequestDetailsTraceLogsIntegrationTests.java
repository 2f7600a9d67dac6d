package com.gonitro.spring.boot.autoconfigure;

import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.NitroClients;
import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.test.NitroWireMock;
import com.gonitro.spring.test.SecretLeaks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With Spring's request details logged ({@code spring.http.codecs.log-request-details=true}) and
 * {@code org.springframework.web}, {@code org.springframework.http} and {@code com.gonitro} at TRACE, neither the
 * client secret nor any access token appears in a log line, whatever happens: token requests, calls through
 * {@code nitroWebClient} and {@code nitroRestClient}, a replay after 401, a replay after 429, a lost connection, a
 * token request refused with {@code invalid_client}, a token request whose connection is lost.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretInRequestDetailsTraceLogsIntegrationTests {

	private static final String FIRST_TOKEN = "eyJ-first-token-0d5b";

	private static final String SECOND_TOKEN = "eyJ-second-token-8a3f";

	private static final String BILLING_SECRET = "billing-client-secret-c7e2";

	private static final String WEB_ENVELOPE = "/sign/envelopes/8f6c1d2e-3b4a-4c5d-9e8f-0a1b2c3d4e5f";

	private static final String REST_ENVELOPE = "/sign/envelopes/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void neitherTheSecretNorATokenIsLoggedWhateverHappens(CapturedOutput output) {
		NitroWireMock.stubTokensInTurn(nitro, 86400, FIRST_TOKEN, SECOND_TOKEN);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).withHeader("Authorization", equalTo("Bearer " + FIRST_TOKEN))
			.willReturn(aResponse().withStatus(401)));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).withHeader("Authorization", equalTo("Bearer " + SECOND_TOKEN))
			.willReturn(okJson("{\"items\":[]}")));
		for (String envelope : new String[] { WEB_ENVELOPE, REST_ENVELOPE }) {
			onceThen(envelope + ":send-reminders", () -> post(urlEqualTo(envelope + ":send-reminders")),
					aResponse().withStatus(429).withHeader("Retry-After", "0"), aResponse().withStatus(202));
			onceThen(envelope, () -> get(urlEqualTo(envelope)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
					okJson("{\"ID\":\"" + envelope.substring(envelope.lastIndexOf('/') + 1) + "\"}"));
		}
		nitro.stubFor(post(urlEqualTo("/billing" + NitroWireMock.TOKEN_PATH))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		nitro.stubFor(get(urlEqualTo("/status")).willReturn(okJson("{}")));
		start();
		WebClient nitroWebClient = this.context.getBean("nitroWebClient", WebClient.class);
		RestClient nitroRestClient = this.context.getBean("nitroRestClient", RestClient.class);

		// the application's own WebClient, which logs its request headers
		this.context.getBean(WebClient.Builder.class).build().get().uri(nitro.baseUrl() + "/status")
			.header("X-Request-Detail", "shown").retrieve().toBodilessEntity().block();

		// two token requests and a replay after 401, then a call with the renewed token
		assertThat(nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block())
			.isEqualTo("{\"items\":[]}");
		assertThat(nitroRestClient.get().uri("/sign/envelopes").retrieve().body(String.class))
			.isEqualTo("{\"items\":[]}");
		// a replay after 429, with a JSON body
		assertThat(nitroWebClient.post().uri(WEB_ENVELOPE + ":send-reminders").bodyValue("{\"note\":\"soon\"}")
			.retrieve().toBodilessEntity().block().getStatusCode().value()).isEqualTo(202);
		assertThat(nitroRestClient.post().uri(REST_ENVELOPE + ":send-reminders").body("{\"note\":\"soon\"}")
			.retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(202);
		// a replay after a lost connection
		assertThat(nitroWebClient.get().uri(WEB_ENVELOPE).retrieve().bodyToMono(String.class).block())
			.contains("8f6c1d2e");
		assertThat(nitroRestClient.get().uri(REST_ENVELOPE).retrieve().body(String.class)).contains("1a2b3c4d");
		// a token request refused with invalid_client
		nitro.stubFor(NitroWireMock.tokenRequest().atPriority(1).willReturn(NitroWireMock.json(401,
				"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		NitroAccessTokenCache tokenCache = this.context.getBean(NitroAccessTokenCache.class);
		tokenCache.evict(tokenCache.accessToken().block());
		NitroTokenException refused = catchThrowableOfType(NitroTokenException.class,
				() -> nitroWebClient.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block());
		// a token request whose connection is lost
		NitroTokenException lost = catchThrowableOfType(NitroTokenException.class,
				() -> this.context.getBean(NitroClients.class).forApplication("billing").restClient().get()
					.uri("/sign/envelopes").retrieve().body(String.class));

		assertThat(refused).hasMessageContaining("invalid_client");
		assertThat(lost).hasMessageContaining("token_endpoint_unreachable");
		assertThat(output).as("the test logged requests and their details at TRACE")
			.contains("X-Request-Detail")
			.contains("HTTP GET " + nitro.baseUrl() + "/sign/envelopes")
			.contains("HTTP POST " + NitroWireMock.tokenUri(nitro))
			.contains("was rejected with 401: replaying it once with a new token")
			.contains("was throttled (429): replaying it in 0 ms")
			.contains("got no reply");
		String[] secrets = { NitroWireMock.CLIENT_SECRET, BILLING_SECRET, FIRST_TOKEN, SECOND_TOKEN };
		for (String secret : secrets) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
		SecretLeaks.assertHoldsNone(refused, secrets);
		SecretLeaks.assertHoldsNone(lost, secrets);
	}

	/** The first request answered with one reply, every later one with another. */
	private static void onceThen(String scenario, Supplier<MappingBuilder> request, ResponseDefinitionBuilder first,
			ResponseDefinitionBuilder then) {
		nitro.stubFor(request.get()
			.inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(first)
			.willSetStateTo("answered"));
		nitro.stubFor(request.get().inScenario(scenario).whenScenarioStateIs("answered").willReturn(then));
	}

	private void start() {
		this.context = new SpringApplicationBuilder(ApplicationYaml.App.class).web(WebApplicationType.NONE)
			.properties("nitro.client-id=" + NitroWireMock.CLIENT_ID,
					"nitro.client-secret=" + NitroWireMock.CLIENT_SECRET,
					"nitro.token-uri=" + NitroWireMock.tokenUri(nitro), "nitro.base-url=" + nitro.baseUrl(),
					"nitro.applications.billing.client-id=billing",
					"nitro.applications.billing.client-secret=" + BILLING_SECRET,
					"nitro.applications.billing.token-uri=" + nitro.baseUrl() + "/billing" + NitroWireMock.TOKEN_PATH,
					"nitro.retry.initial-backoff=10ms", "spring.http.codecs.log-request-details=true",
					"logging.level.org.springframework.web=TRACE", "logging.level.org.springframework.http=TRACE",
					"logging.level.com.gonitro=TRACE")
			.run();
	}

}
