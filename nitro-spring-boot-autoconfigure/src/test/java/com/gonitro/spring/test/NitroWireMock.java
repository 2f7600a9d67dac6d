package com.gonitro.spring.test;

import java.util.List;
import java.util.Optional;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.NitroClientBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WireMock server speaking Nitro's token dialect, for tests over real HTTP on loopback.
 */
public final class NitroWireMock {

	public static final String CLIENT_ID = "test-client-id";

	public static final String CLIENT_SECRET = "test-client-secret-9f8e7d";

	public static final String TOKEN_PATH = "/oauth/token";

	private static final Optional<NitroOpenApi> openApi = NitroOpenApi.load();

	private NitroWireMock() {
	}

	public static WireMockExtension extension() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
	}

	/** The token request Nitro documents: a JSON body with the client ID and secret. */
	public static MappingBuilder tokenRequest() {
		return post(urlEqualTo(TOKEN_PATH)).withRequestBody(
				equalToJson("{\"clientID\":\"" + CLIENT_ID + "\",\"clientSecret\":\"" + CLIENT_SECRET + "\"}"));
	}

	public static RequestPatternBuilder tokenRequests() {
		return postRequestedFor(urlEqualTo(TOKEN_PATH));
	}

	/** The JSON body of a token request with the given credentials. */
	public static String tokenRequestBody(String clientId, String clientSecret) {
		return "{\"clientID\":\"" + clientId + "\",\"clientSecret\":\"" + clientSecret + "\"}";
	}

	/** Nitro's documented success reply. */
	public static void stubToken(WireMockExtension server, String accessToken, long expiresIn) {
		server.stubFor(tokenRequest().willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"accessToken\":\"" + accessToken + "\",\"tokenType\":\"Bearer\",\"expiresIn\":" + expiresIn
					+ "}")));
	}

	/** Issues the given tokens one after the other, one per token request; the last one is issued again after. */
	public static void stubTokensInTurn(WireMockExtension server, long expiresIn, String... tokens) {
		String state = Scenario.STARTED;
		for (int i = 0; i < tokens.length; i++) {
			String next = (i < tokens.length - 1) ? "issued-" + (i + 1) : state;
			server.stubFor(tokenRequest().inScenario("tokens")
				.whenScenarioStateIs(state)
				.willReturn(okJson("{\"accessToken\":\"" + tokens[i] + "\",\"tokenType\":\"Bearer\",\"expiresIn\":"
						+ expiresIn + "}"))
				.willSetStateTo(next));
			state = next;
		}
	}

	/**
	 * Fails when a request the server received does not conform to Nitro's OpenAPI descriptions, if they are
	 * available (they are beside the project in CI); otherwise says that the check was skipped.
	 */
	public static void assertConformsToOpenApi(WireMockExtension server) {
		if (openApi.isEmpty()) {
			System.out.println("Nitro's OpenAPI descriptions (../shared/nitro) not found: requests not checked against them");
			return;
		}
		List<String> violations = openApi.get()
			.violations(server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList());
		assertThat(violations).as("requests that do not conform to Nitro's OpenAPI").isEmpty();
	}

	/**
	 * A builder of Nitro clients against the given server, with the test credentials: the library's one entry
	 * point, as the starter uses it.
	 */
	public static NitroClientBuilder client(WireMockExtension server) {
		return NitroClient.builder()
			.credentials(CLIENT_ID, CLIENT_SECRET)
			.tokenUri(tokenUri(server))
			.baseUrl(server.baseUrl());
	}

	/**
	 * A {@code WebClient} wired as the starter wires {@code nitroWebClient}, against the given server: a token
	 * cache and the Nitro filter with its default retry policy.
	 */
	public static WebClient nitroWebClient(WireMockExtension server) {
		return client(server).build().webClient();
	}

	/** A JSON reply. */
	public static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	public static String tokenUri(WireMockExtension server) {
		return server.baseUrl() + TOKEN_PATH;
	}

	/** The {@code nitro.*} properties that point at the given server, with the test credentials. */
	public static String[] properties(WireMockExtension server) {
		return new String[] { "nitro.client-id=" + CLIENT_ID, "nitro.client-secret=" + CLIENT_SECRET,
				"nitro.token-uri=" + tokenUri(server), "nitro.base-url=" + server.baseUrl() };
	}

	/** Points {@code nitro.*} at the given server, with the test credentials. */
	public static void registerNitroProperties(DynamicPropertyRegistry registry, WireMockExtension server) {
		registry.add("nitro.client-id", () -> CLIENT_ID);
		registry.add("nitro.client-secret", () -> CLIENT_SECRET);
		registry.add("nitro.token-uri", () -> tokenUri(server));
		registry.add("nitro.base-url", server::baseUrl);
	}

	/**
	 * Registers the application's own client-credentials registration {@code other}, whose standard (form-post)
	 * token endpoint is {@code /token} on the given server, answering {@code other-token}.
	 */
	public static void registerOtherRegistration(DynamicPropertyRegistry registry, WireMockExtension server) {
		String prefix = "spring.security.oauth2.client.";
		registry.add(prefix + "registration.other.client-id", () -> "other-id");
		registry.add(prefix + "registration.other.client-secret", () -> "other-secret");
		registry.add(prefix + "registration.other.authorization-grant-type", () -> "client_credentials");
		registry.add(prefix + "registration.other.provider", () -> "other");
		registry.add(prefix + "provider.other.token-uri", () -> server.baseUrl() + "/token");
	}

	public static void stubOtherToken(WireMockExtension server) {
		server.stubFor(post(urlEqualTo("/token"))
			.willReturn(okJson("{\"access_token\":\"other-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
	}

}
