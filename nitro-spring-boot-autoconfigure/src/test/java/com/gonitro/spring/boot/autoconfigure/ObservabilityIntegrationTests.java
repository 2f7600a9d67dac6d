package com.gonitro.spring.boot.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.test.NitroTestApplication;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's Actuator, calls to Nitro are observed like any other {@code WebClient} call built from Boot's
 * builder: {@code http.client.requests} metrics per URI template, status and outcome, one observation per call
 * however often the starter replays it. Token requests are observed as {@code nitro.token.requests} instead
 * ({@link NitroMetricsIntegrationTests}); they never count under a Nitro API URI.
 */
class ObservabilityIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@Test
	void callsToNitroAreTimedAsHttpClientRequests() {
		NitroWireMock.stubToken(nitro, "observed-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/e1"))
			.willReturn(okJson("{\"ID\":\"e1\",\"name\":\"NDA\",\"status\":\"sent\"}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/e2")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/e2")).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"ID\":\"e2\",\"name\":\"NDA\",\"status\":\"sent\"}")));
		try (ConfigurableApplicationContext context = NitroTestApplication.start(nitro, WebApplicationType.NONE)) {
			NitroSignClient sign = context.getBean(NitroSignClient.class);
			sign.getEnvelope("e1");
			sign.getEnvelope("e1");
			sign.getEnvelope("e2");

			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Timer timer = registry.get("http.client.requests")
				.tag("uri", "/sign/envelopes/{envelopeID}")
				.tag("method", "GET")
				.tag("status", "200")
				.tag("outcome", "SUCCESS")
				.timer();
			assertThat(timer.count()).isEqualTo(3);
			// The 503 replayed by the starter is part of the one observation of that call, not one of its own.
			nitro.verify(2, getRequestedFor(urlEqualTo("/sign/envelopes/e2")));
			assertThat(registry.find("http.client.requests").tag("status", "503").timers()).isEmpty();
			assertThat(registry.find("http.client.requests").tag("uri", NitroWireMock.TOKEN_PATH).timers()).isEmpty();
		}
	}

}
