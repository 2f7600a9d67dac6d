package com.gonitro.spring.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link NitroClientHttpRequestInterceptor} does for the {@code RestClient} of a {@code NitroClient}: the same
 * rules as the {@code WebClient} filter, over real HTTP with injected faults.
 */
class NitroClientHttpRequestInterceptorIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension elsewhere = NitroWireMock.extension();

	@BeforeEach
	void issueTokensInTurn() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "t1", "t2", "t3");
	}

	@Test
	void requestsForNitroCarryTheTokenAndShareIt() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
		RestClient restClient = restClient(NitroRetryPolicy.defaults());

		for (int i = 0; i < 3; i++) {
			assertThat(restClient.get().uri(ENVELOPES).retrieve().body(String.class)).isEqualTo("{\"items\":[]}");
		}

		nitro.verify(3, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer t1")));
		nitro.verify(1, NitroWireMock.tokenRequests());
	}

	@Test
	void requestForAnotherOriginLeavesWithoutTheToken() {
		elsewhere.stubFor(get(urlEqualTo("/presigned/result.pdf")).willReturn(aResponse().withBody("%PDF-1.7")));

		restClient(NitroRetryPolicy.defaults()).get()
			.uri(elsewhere.baseUrl() + "/presigned/result.pdf")
			.retrieve()
			.toBodilessEntity();

		elsewhere.verify(getRequestedFor(urlEqualTo("/presigned/result.pdf")).withHeader("Authorization", absent()));
		nitro.verify(0, NitroWireMock.tokenRequests());
	}

	@Test
	void after401TheTokenIsRenewedAndTheRequestReplayedOnceWithTheSameBody() {
		stubInTurn(() -> post(urlEqualTo(ENVELOPES)), aResponse().withStatus(401), okJson("{\"ID\":\"e1\"}"));

		String created = restClient(NitroRetryPolicy.defaults()).post()
			.uri(ENVELOPES)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "NDA", "mode", "parallel"))
			.retrieve()
			.body(String.class);

		assertThat(created).isEqualTo("{\"ID\":\"e1\"}");
		List<LoggedRequest> requests = nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPES)));
		assertThat(requests).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t1", "Bearer t2");
		assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString()).contains("NDA");
	}

	@Test
	void second401GoesToTheCallerAfterExactlyTwoRequests() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(401)));

		assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
			.isThrownBy(() -> restClient(NitroRetryPolicy.defaults()).get().uri(ENVELOPES).retrieve().body(String.class));

		nitro.verify(2, getRequestedFor(urlEqualTo(ENVELOPES)));
		nitro.verify(2, NitroWireMock.tokenRequests());
	}

	@Test
	void after429TheRequestWaitsForRetryAfterSecondsAndIsReplayed() {
		stubInTurn(() -> post(urlEqualTo(ENVELOPES)), aResponse().withStatus(429).withHeader("Retry-After", "1"),
				okJson("{\"ID\":\"e1\"}"));

		String created = restClient(NitroRetryPolicy.defaults()).post()
			.uri(ENVELOPES)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "NDA"))
			.retrieve()
			.body(String.class);

		assertThat(created).isEqualTo("{\"ID\":\"e1\"}");
		List<LoggedRequest> requests = nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPES)));
		assertThat(requests).hasSize(2);
		assertThat(Duration.between(requests.get(0).getLoggedDate().toInstant(),
				requests.get(1).getLoggedDate().toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void retryAfterBeyondTheWaitBudgetReturnsThe429AtOnce() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

		assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
			.isThrownBy(() -> restClient(new NitroRetryPolicy(4, Duration.ofSeconds(5), Duration.ZERO, 1024)).get()
				.uri(ENVELOPES)
				.retrieve()
				.body(String.class));

		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)));
	}

	@Test
	void serverErrorIsReplayedForAGetButNotForAPost() {
		stubInTurn(() -> get(urlEqualTo(ENVELOPES)), aResponse().withStatus(503), okJson("{\"items\":[]}"));
		nitro.stubFor(post(urlEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(503)));
		RestClient restClient = restClient(fastRetries());

		String envelopes = restClient.get().uri(ENVELOPES).retrieve().body(String.class);
		assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class).isThrownBy(() -> restClient.post()
			.uri(ENVELOPES)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "NDA"))
			.retrieve()
			.toBodilessEntity());

		assertThat(envelopes).isEqualTo("{\"items\":[]}");
		nitro.verify(2, getRequestedFor(urlEqualTo(ENVELOPES)));
		nitro.verify(1, postRequestedFor(urlEqualTo(ENVELOPES)));
	}

	@Test
	void lostConnectionIsReplayedForAGetButNotForAPost() {
		stubInTurn(() -> get(urlEqualTo(ENVELOPES)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				okJson("{\"items\":[]}"));
		nitro.stubFor(post(urlEqualTo(ENVELOPES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		RestClient restClient = restClient(fastRetries());

		String envelopes = restClient.get().uri(ENVELOPES).retrieve().body(String.class);
		assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(() -> restClient.post()
			.uri(ENVELOPES)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "NDA"))
			.retrieve()
			.toBodilessEntity());

		assertThat(envelopes).isEqualTo("{\"items\":[]}");
		nitro.verify(2, getRequestedFor(urlEqualTo(ENVELOPES)));
		nitro.verify(1, postRequestedFor(urlEqualTo(ENVELOPES)));
	}

	private static RestClient restClient(NitroRetryPolicy retryPolicy) {
		return NitroWireMock.client(nitro).retryPolicy(retryPolicy).build().restClient();
	}

	private static NitroRetryPolicy fastRetries() {
		return new NitroRetryPolicy(3, Duration.ofSeconds(5), Duration.ofMillis(20), 256 * 1024);
	}

	private static void stubInTurn(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
		String state = Scenario.STARTED;
		for (int i = 0; i < responses.length; i++) {
			String next = "reply-" + (i + 1);
			nitro.stubFor(request.get().inScenario("replies").whenScenarioStateIs(state).willReturn(responses[i])
				.willSetStateTo(next));
			state = next;
		}
	}

}
