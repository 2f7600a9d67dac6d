package com.gonitro.spring.test;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Nitro (WireMock) before and after an application's credentials are rotated in its portal: the old secret gets
 * {@value #OLD_TOKEN}; after {@link #rotate(WireMockExtension)}, the old secret and every token issued with it are
 * refused with 401, and only the new secret gets a token, {@value #NEW_TOKEN}. {@code GET} on the given path answers
 * {@code {"items":[]}} to a token that is good.
 */
public final class NitroCredentialRotation {

	public static final String OLD_TOKEN = "token-of-the-old-secret-1a7c";

	public static final String NEW_TOKEN = "token-of-the-new-secret-5e02";

	private static final String SCENARIO = "rotation";

	private NitroCredentialRotation() {
	}

	/**
	 * Stubs Nitro's token endpoint and the given API path for one application, before its rotation.
	 * @param server the server standing in for Nitro
	 * @param clientId the application's client ID
	 * @param oldSecret the secret before the rotation
	 * @param newSecret the secret after it
	 * @param path the API path, such as {@code /sign/envelopes}
	 */
	public static void stub(WireMockExtension server, String clientId, String oldSecret, String newSecret,
			String path) {
		server.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).inScenario(SCENARIO)
			.withRequestBody(credentials(clientId, oldSecret))
			.willReturn(okJson(token(OLD_TOKEN))));
		server.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).inScenario(SCENARIO)
			.whenScenarioStateIs("rotated")
			.withRequestBody(credentials(clientId, oldSecret))
			.willReturn(NitroWireMock.json(401,
					"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));
		server.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).inScenario(SCENARIO)
			.whenScenarioStateIs("rotated")
			.withRequestBody(credentials(clientId, newSecret))
			.willReturn(okJson(token(NEW_TOKEN))));
		server.stubFor(get(urlEqualTo(path)).inScenario(SCENARIO)
			.withHeader("Authorization", equalTo("Bearer " + OLD_TOKEN))
			.willReturn(okJson("{\"items\":[]}")));
		server.stubFor(get(urlEqualTo(path)).inScenario(SCENARIO)
			.whenScenarioStateIs("rotated")
			.withHeader("Authorization", equalTo("Bearer " + OLD_TOKEN))
			.willReturn(aResponse().withStatus(401)));
		server.stubFor(get(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN))
			.willReturn(okJson("{\"items\":[]}")));
	}

	/**
	 * Rotates the credentials in Nitro's portal: the old secret and its tokens stop working at once.
	 * @param server the server standing in for Nitro
	 */
	public static void rotate(WireMockExtension server) {
		server.setScenarioState(SCENARIO, "rotated");
	}

	private static StringValuePattern credentials(String clientId, String clientSecret) {
		return equalToJson(NitroWireMock.tokenRequestBody(clientId, clientSecret));
	}

	private static String token(String value) {
		return "{\"accessToken\":\"" + value + "\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}";
	}

}
