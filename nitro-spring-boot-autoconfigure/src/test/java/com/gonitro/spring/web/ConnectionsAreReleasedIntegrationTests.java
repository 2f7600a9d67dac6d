package com.gonitro.spring.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path through the replay rules gives its connection back: through a pool of exactly one connection, which
 * token requests share, one call after another meets 429s, 5xx, 401s and lost connections, replayed or handed to the
 * caller. A connection kept by any path would make the next call wait for the pool and fail.
 */
class ConnectionsAreReleasedIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final ConnectionProvider oneConnection = ConnectionProvider.builder("one-connection")
		.maxConnections(1)
		.pendingAcquireTimeout(Duration.ofSeconds(2))
		.build();

	@AfterEach
	void disposePool() {
		this.oneConnection.dispose();
	}

	@Test
	void aPoolOfOneConnectionServesCallAfterCallWhateverNitroAnswers() {
		NitroWireMock.stubToken(nitro, "token", 86400);
		Map<String, Integer> expectedStatus = new LinkedHashMap<>();
		expectedStatus.put(failingOnceThenOk("/throttled", aResponse().withStatus(429).withHeader("Retry-After", "0")),
				200);
		expectedStatus.put(failingOnceThenOk("/flaky", aResponse().withStatus(503)), 200);
		expectedStatus.put(failingOnceThenOk("/rejected", aResponse().withStatus(401)), 200);
		expectedStatus.put(failingOnceThenOk("/reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)), 200);
		expectedStatus.put(always("/throttled-for-an-hour",
				aResponse().withStatus(429).withHeader("Retry-After", "3600")), 429);
		expectedStatus.put(always("/down", NitroWireMock.json(503, "{\"title\":\"Service Unavailable\"}")), 503);
		expectedStatus.put(always("/unauthorized", aResponse().withStatus(401)), 401);
		expectedStatus.put(always("/ok", okJson("{\"items\":[]}")), 200);
		HttpClient httpClient = HttpClient.create(this.oneConnection).responseTimeout(Duration.ofSeconds(5));
		NitroClient client = NitroWireMock.client(nitro)
			.retryPolicy(new NitroRetryPolicy(3, Duration.ofSeconds(5), Duration.ofMillis(10), 256 * 1024))
			.clientHttpConnector(new ReactorClientHttpConnector(httpClient))
			.clientHttpRequestFactory(new ReactorClientHttpRequestFactory(httpClient))
			.build();
		List<String> expected = new ArrayList<>();
		List<String> outcomes = new ArrayList<>();

		for (int round = 0; round < 5; round++) {
			for (Map.Entry<String, Integer> path : expectedStatus.entrySet()) {
				expected.add("webClient " + path.getKey() + " " + path.getValue());
				outcomes.add("webClient " + path.getKey() + " " + webClientStatus(client, path.getKey()));
				expected.add("restClient " + path.getKey() + " " + path.getValue());
				outcomes.add("restClient " + path.getKey() + " " + restClientStatus(client, path.getKey()));
			}
		}

		assertThat(outcomes).containsExactlyElementsOf(expected);
	}

	private static String webClientStatus(NitroClient client, String path) {
		try {
			return String.valueOf(client.webClient().get().uri(path).retrieve().toBodilessEntity().block()
				.getStatusCode().value());
		}
		catch (WebClientResponseException ex) {
			return String.valueOf(ex.getStatusCode().value());
		}
		catch (RuntimeException ex) {
			return ex.toString();
		}
	}

	private static String restClientStatus(NitroClient client, String path) {
		try {
			return String.valueOf(client.restClient().get().uri(path).retrieve().toBodilessEntity().getStatusCode()
				.value());
		}
		catch (RestClientResponseException ex) {
			return String.valueOf(ex.getStatusCode().value());
		}
		catch (RuntimeException ex) {
			return ex.toString();
		}
	}

	/** Nitro answers every other request to the path with the failure, the others with 200. */
	private static String failingOnceThenOk(String path, ResponseDefinitionBuilder failure) {
		nitro.stubFor(get(urlEqualTo(path)).inScenario(path)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("failed"));
		nitro.stubFor(get(urlEqualTo(path)).inScenario(path)
			.whenScenarioStateIs("failed")
			.willReturn(okJson("{\"items\":[]}"))
			.willSetStateTo(Scenario.STARTED));
		return path;
	}

	private static String always(String path, ResponseDefinitionBuilder reply) {
		nitro.stubFor(get(urlEqualTo(path)).willReturn(reply));
		return path;
	}

}
