package com.gonitro.spring.boot.autoconfigure;

import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
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

/**
 * The {@code nitro} health contributor, read over HTTP from Actuator's health endpoint: off unless asked for, never a
 * token request per probe, {@code UNKNOWN} before the first token request, {@code UP} with the token's expiry,
 * {@code DOWN} with the last OAuth error code and when it happened, never the secret or the token; one entry per
 * application when there are several; and the default liveness and readiness groups do not include it.
 */
class NitroHealthIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private ConfigurableApplicationContext context;

	private String baseUrl;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void offUnlessEnabled() {
		start(false);

		Map<String, Object> health = health("/actuator/health");

		assertThat(components(health)).doesNotContainKey("nitro");
	}

	@Test
	void unknownBeforeTheFirstTokenRequestAndNoTokenRequestPerProbe() {
		start(true);

		Map<String, Object> first = health("/actuator/health/nitro");
		health("/actuator/health/nitro");

		assertThat(first).containsEntry("status", "UNKNOWN");
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).isEmpty();
	}

	@Test
	void upWithTheTokensExpiryOnceATokenIsHeld() {
		NitroWireMock.stubToken(nitro, "healthy-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
		start(true);
		callNitro();

		Map<String, Object> health = health("/actuator/health/nitro");

		assertThat(health).containsEntry("status", "UP");
		assertThat(details(health)).containsKeys("expiresAt", "renewsAt");
		assertThat(health.toString()).doesNotContain("healthy-token", NitroWireMock.CLIENT_SECRET);
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
	}

	@Test
	void downWithTheLastErrorCodeAfterAFailedTokenRequest() {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		start(true);
		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(this::callNitro);

		Map<String, Object> health = health("/actuator/health/nitro");

		assertThat(health).containsEntry("status", "DOWN");
		assertThat(details(health)).containsEntry("error", "invalid_client").containsKey("failedAt");
		assertThat(health.toString()).doesNotContain(NitroWireMock.CLIENT_SECRET);
	}

	@Test
	void oneEntryPerApplicationWhenThereAreSeveral() {
		start(true, "nitro.applications.billing.client-id=billing-id",
				"nitro.applications.billing.client-secret=billing-secret");

		Map<String, Object> health = health("/actuator/health/nitro");

		assertThat(components(health)).containsOnlyKeys("default", "billing");
	}

	@Test
	void notInTheDefaultProbeGroups() {
		nitro.stubFor(NitroWireMock.tokenRequest().willReturn(aResponse().withStatus(503)));
		start(true, "management.endpoint.health.probes.enabled=true");
		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(this::callNitro);

		assertThat(health("/actuator/health/readiness")).containsEntry("status", "UP");
		assertThat(health("/actuator/health/liveness")).containsEntry("status", "UP");
	}

	private void callNitro() {
		this.context.getBean("nitroWebClient", WebClient.class)
			.get()
			.uri("/sign/envelopes")
			.retrieve()
			.bodyToMono(String.class)
			.block();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> health(String path) {
		return RestClient.create()
			.get()
			.uri(this.baseUrl + path)
			.exchange((request, response) -> response.bodyTo(Map.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> components(Map<String, Object> health) {
		Object components = health.get("components");
		return (components != null) ? (Map<String, Object>) components : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(Map<String, Object> health) {
		Object details = health.get("details");
		return (details != null) ? (Map<String, Object>) details : Map.of();
	}

	private void start(boolean enabled, String... properties) {
		String[] health = { "management.endpoint.health.show-details=always",
				"management.endpoint.health.show-components=always", "management.health.nitro.enabled=" + enabled };
		this.context = NitroTestApplication.start(nitro, WebApplicationType.SERVLET,
				Stream.concat(Stream.of(health), Stream.of(properties)).toArray(String[]::new));
		this.baseUrl = "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port");
	}

}
