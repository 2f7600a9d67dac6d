package com.gonitro.spring.boot.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.test.NitroTestApplication;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * With Spring Boot's Actuator, what the starter does on its own is measured: each token request is the
 * {@code nitro.token.requests} observation (a timer), tagged with its outcome and application; each replay counts in
 * {@code nitro.client.replays}; {@code nitro.token.expiry} gives the seconds until the held token is renewed. No tag
 * holds the secret, the token or the client ID.
 */
class NitroMetricsIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

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
	void eachTokenRequestIsTimedWithItsOutcomeAndApplication() {
		NitroWireMock.stubToken(nitro, "metered-token", 86400);
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
		start();

		call();
		call();

		assertThat(registry().get("nitro.token.requests")
			.tag("outcome", "success")
			.tag("application", "default")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aRejectedClientIsTimedAsInvalidClient() {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		start();

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(this::call);

		assertThat(registry().get("nitro.token.requests").tag("outcome", "invalid_client").timer().count())
			.isEqualTo(1);
	}

	@Test
	void anUnreachableTokenEndpointIsTimedAsUnreachable() {
		start("nitro.token-uri=http://127.0.0.1:1/oauth/token");

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(this::call);

		assertThat(registry().get("nitro.token.requests").tag("outcome", "unreachable").timer().count())
			.isEqualTo(1);
	}

	@Test
	void replaysAreCountedByReasonAndOutcomeThroughWebClientAndRestClient() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "t1", "t2", "t3");
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
			.willSetStateTo("open"));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("throttled")
			.whenScenarioStateIs("open")
			.willReturn(okJson("{\"items\":[]}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/gone")).willReturn(aResponse().withStatus(401)));
		start();

		call();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> this.context.getBean("nitroRestClient", RestClient.class)
			.get()
			.uri("/sign/envelopes/gone")
			.retrieve()
			.body(String.class));

		MeterRegistry registry = registry();
		assertThat(registry.get("nitro.client.replays").tag("reason", "429").tag("outcome", "succeeded").counter().count())
			.isEqualTo(1);
		assertThat(registry.get("nitro.client.replays").tag("reason", "401").tag("outcome", "gave_up").counter().count())
			.isEqualTo(1);
	}

	@Test
	void tokenExpiryGivesTheSecondsUntilRenewalOnceATokenIsHeld() {
		NitroWireMock.stubToken(nitro, "expiring-token", 3600);
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
		start();
		double beforeAnyToken = registry().get("nitro.token.expiry").tag("application", "default").gauge().value();

		call();

		assertThat(beforeAnyToken).isNaN();
		assertThat(registry().get("nitro.token.expiry").tag("application", "default").gauge().value())
			.isCloseTo(3600 - 60, within(5.0));
	}

	@Test
	void noTagHoldsTheSecretTheTokenOrTheClientId() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "tagged-token-1", "tagged-token-2");
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("revoked")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(401))
			.willSetStateTo("renewed"));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("revoked")
			.whenScenarioStateIs("renewed")
			.willReturn(okJson("{\"items\":[]}")));
		start();

		call();

		List<String> tags = registry().getMeters()
			.stream()
			.map(Meter::getId)
			.flatMap((id) -> id.getTags().stream())
			.map(Tag::getValue)
			.toList();
		assertThat(tags).isNotEmpty()
			.noneMatch((value) -> value.contains("tagged-token") || value.contains(NitroWireMock.CLIENT_SECRET)
					|| value.contains(NitroWireMock.CLIENT_ID));
		assertThat(registry().get("nitro.client.replays").tag("reason", "401").tag("outcome", "succeeded").counter()
			.count()).isEqualTo(1);
	}

	private String call() {
		return this.context.getBean("nitroWebClient", WebClient.class)
			.get()
			.uri(ENVELOPES)
			.retrieve()
			.bodyToMono(String.class)
			.block();
	}

	private MeterRegistry registry() {
		return this.context.getBean(MeterRegistry.class);
	}

	private void start(String... properties) {
		this.context = NitroTestApplication.start(nitro, WebApplicationType.NONE,
				Stream.concat(Stream.of("nitro.retry.initial-backoff=10ms"), Stream.of(properties)).toArray(String[]::new));
	}

}
