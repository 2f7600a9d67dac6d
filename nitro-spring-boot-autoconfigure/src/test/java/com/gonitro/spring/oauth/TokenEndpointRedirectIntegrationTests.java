package com.gonitro.spring.oauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A token request never follows a redirect: the client secret goes only to the token URI, and no token issued
 * elsewhere is ever used. Each redirect points at a second server that would issue a token to anyone who asked.
 */
class TokenEndpointRedirectIntegrationTests {

	private static final String STOLEN_PATH = "/collect/credentials";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension elsewhere = NitroWireMock.extension();

	@BeforeEach
	void elsewhereIssuesTokensToAnyone() {
		elsewhere.stubFor(any(anyUrl())
			.willReturn(okJson("{\"accessToken\":\"foreign-token\",\"tokenType\":\"Bearer\",\"expiresIn\":86400}")));
		nitro.stubFor(any(urlPathEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
	}

	@ParameterizedTest
	@ValueSource(ints = { 301, 302, 303, 307, 308 })
	void redirectIsAFailureNamingOnlyTheTargetsOrigin(int status) {
		redirectTokenRequests(status, elsewhere.baseUrl() + STOLEN_PATH + "?session=s3cr3t-session#fragment");

		NitroTokenException failure = catchThrowableOfType(NitroTokenException.class,
				() -> new NitroReactiveTokenResponseClient().getTokenResponse(grantRequest()).block());

		assertThat(failure.getError().getErrorCode()).isEqualTo(NitroTokenException.INVALID_TOKEN_RESPONSE);
		assertThat(failure.getStatusCode().value()).isEqualTo(status);
		assertThat(failure.getMessage()).contains("redirected to " + elsewhere.baseUrl() + ";")
			.contains("redirects are never followed")
			.doesNotContain(STOLEN_PATH)
			.doesNotContain("s3cr3t-session")
			.doesNotContain("fragment");
		assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).as("requests the redirect target received").isEmpty();
		nitro.verify(1, NitroWireMock.tokenRequests());
	}

	@ParameterizedTest
	@ValueSource(ints = { 301, 302, 303, 307, 308 })
	void blockingTokenClientDoesNotFollowARedirectEither(int status) {
		redirectTokenRequests(status, elsewhere.baseUrl() + STOLEN_PATH);

		assertThatExceptionOfType(NitroTokenException.class)
			.isThrownBy(() -> new NitroTokenResponseClient().getTokenResponse(grantRequest()))
			.withMessageContaining("redirected to " + elsewhere.baseUrl() + ";");

		assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void userInfoOfTheRedirectTargetIsNotNamedEither() {
		String target = elsewhere.baseUrl().replace("://", "://admin:hunter2@") + STOLEN_PATH;
		redirectTokenRequests(307, target);

		assertThatExceptionOfType(NitroTokenException.class)
			.isThrownBy(() -> new NitroTokenResponseClient().getTokenResponse(grantRequest()))
			.withMessageContaining("redirected to " + elsewhere.baseUrl() + ";")
			.withMessageNotContaining("admin")
			.withMessageNotContaining("hunter2");
	}

	@Test
	void relativeRedirectNamesTheTokenEndpointsOwnOrigin() {
		redirectTokenRequests(302, "/login?next=%2Foauth%2Ftoken");

		assertThatExceptionOfType(NitroTokenException.class)
			.isThrownBy(() -> new NitroTokenResponseClient().getTokenResponse(grantRequest()))
			.withMessageContaining("redirected to " + nitro.baseUrl() + ";")
			.withMessageNotContaining("/login");

		nitro.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void redirectWithoutALocationIsAFailureToo() {
		nitro.stubFor(NitroWireMock.tokenRequest().willReturn(aResponse().withStatus(302)));

		assertThatExceptionOfType(NitroTokenException.class)
			.isThrownBy(() -> new NitroTokenResponseClient().getTokenResponse(grantRequest()))
			.withMessageContaining("redirected to no location");
	}

	@ParameterizedTest
	@ValueSource(strings = { "webClient", "restClient" })
	void apiCallsFailWithTheRedirectAndNeverCarryATokenFromAnotherOrigin(String path) {
		redirectTokenRequests(307, elsewhere.baseUrl() + STOLEN_PATH);
		NitroClient client = NitroWireMock.client(nitro).build();

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> {
			if (path.equals("webClient")) {
				client.webClient().get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
			}
			else {
				client.restClient().get().uri("/sign/envelopes").retrieve().body(String.class);
			}
		}).withMessageContaining("redirected to " + elsewhere.baseUrl() + ";");

		assertThat(elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		assertThat(nitro.findAll(anyRequestedFor(urlPathEqualTo("/sign/envelopes")))).as("API calls sent").isEmpty();
		assertThat(client.tokenCache().freshAccessToken()).isNull();
	}

	private static void redirectTokenRequests(int status, String location) {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(aResponse().withStatus(status).withHeader("Location", location)));
	}

	private static OAuth2ClientCredentialsGrantRequest grantRequest() {
		return new OAuth2ClientCredentialsGrantRequest(NitroClientRegistration.create(NitroWireMock.CLIENT_ID,
				NitroWireMock.CLIENT_SECRET, NitroWireMock.tokenUri(nitro)));
	}

}
