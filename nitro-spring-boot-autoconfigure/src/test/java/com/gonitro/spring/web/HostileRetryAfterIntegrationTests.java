package com.gonitro.spring.web;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 429 with any {@code Retry-After} a server may send, read through the {@code WebClient} and the
 * {@code RestClient} of a {@code NitroClient}: the request is either replayed within the wait budget, or the 429
 * goes to the caller at once. No value ends in an arithmetic or parsing failure.
 */
class HostileRetryAfterIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	/** Waits of at most 2 seconds in all; without a usable Retry-After, 10 ms. */
	private static final NitroRetryPolicy POLICY = new NitroRetryPolicy(3, Duration.ofSeconds(2),
			Duration.ofMillis(10), 256 * 1024);

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@ParameterizedTest
	@CsvSource({ "99999999999999999999, false", "9223372036854775808, false", "86400, false",
			"'Fri, 31 Dec 9999 23:59:59 GMT', false", "-5, true", "-99999999999999999999, true", "garbage, true",
			"1e3, true", "'', true", "'Sun, 06 Nov 1994 08:49:37 GMT', true", "0, true" })
	void anyRetryAfterReplaysWithinTheBudgetOrHandsThe429ToTheCallerAtOnce(String retryAfter, boolean replayed) {
		NitroWireMock.stubToken(nitro, "token", 86400);
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter))
			.willSetStateTo("replayed"));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("throttled")
			.whenScenarioStateIs("replayed")
			.willReturn(okJson("{\"items\":[]}")));
		NitroClient client = NitroWireMock.client(nitro).retryPolicy(POLICY).build();

		for (String path : List.of("webClient", "restClient")) {
			nitro.resetRequests();
			nitro.resetScenarios();

			Object outcome = call(client, path);

			if (replayed) {
				assertThat(outcome).as(path).isEqualTo("{\"items\":[]}");
				nitro.verify(2, getRequestedFor(urlEqualTo(ENVELOPES)));
			}
			else {
				assertThat(outcome).as(path)
					.isInstanceOfAny(WebClientResponseException.TooManyRequests.class,
							HttpClientErrorException.TooManyRequests.class);
				nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)));
			}
		}
	}

	/** What a call gave: the body, or what it threw. */
	private static Object call(NitroClient client, String path) {
		try {
			return path.equals("webClient")
					? client.webClient().get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block()
					: client.restClient().get().uri(ENVELOPES).retrieve().body(String.class);
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

}
