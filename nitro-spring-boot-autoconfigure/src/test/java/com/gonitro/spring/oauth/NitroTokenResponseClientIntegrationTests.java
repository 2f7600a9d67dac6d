package com.gonitro.spring.oauth;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.test.NitroWireMock;
import com.gonitro.spring.test.SecretLeaks;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Nitro's token dialect over real HTTP: what {@link NitroReactiveTokenResponseClient} and
 * {@link NitroTokenResponseClient} send, and how they read each kind of reply.
 */
class NitroTokenResponseClientIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final NitroReactiveTokenResponseClient reactiveClient = new NitroReactiveTokenResponseClient();

	private final NitroTokenResponseClient blockingClient = new NitroTokenResponseClient(this.reactiveClient);

	@Test
	void sendsClientIdAndSecretAsJsonWithoutBasicAuthentication() {
		NitroWireMock.stubToken(nitro, "token-1", 86400);

		this.blockingClient.getTokenResponse(grantRequest());

		nitro.verify(1, postRequestedFor(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("Authorization", absent())
			.withRequestBody(equalToJson("{\"clientID\":\"" + NitroWireMock.CLIENT_ID + "\",\"clientSecret\":\""
					+ NitroWireMock.CLIENT_SECRET + "\"}", false, false)));
	}

	@Test
	void readsNitrosDocumentedReplyWithExpiresInSeconds() {
		NitroWireMock.stubToken(nitro, "token-nitro-shape", 86400);

		OAuth2AccessToken token = this.reactiveClient.getTokenResponse(grantRequest()).block().getAccessToken();

		assertThat(token.getTokenValue()).isEqualTo("token-nitro-shape");
		assertThat(token.getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void readsTheRfc6749ReplyShape() {
		replyWith(200, "{\"access_token\":\"token-rfc-shape\",\"token_type\":\"bearer\",\"expires_in\":3600}");

		OAuth2AccessToken token = this.blockingClient.getTokenResponse(grantRequest()).getAccessToken();

		assertThat(token.getTokenValue()).isEqualTo("token-rfc-shape");
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void replyWithoutUsableExpiresInGetsTheDefaultLifetime() {
		this.reactiveClient.setDefaultExpiresIn(Duration.ofMinutes(20));
		replyWith(200, "{\"accessToken\":\"token-without-expiry\",\"tokenType\":\"Bearer\",\"expiresIn\":\"soon\"}");

		OAuth2AccessToken token = this.blockingClient.getTokenResponse(grantRequest()).getAccessToken();

		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(20));
	}

	@Test
	void expiresInWrittenAsAStringIsRead() {
		replyWith(200, "{\"accessToken\":\"token\",\"expiresIn\":\"600\"}");

		OAuth2AccessToken token = this.blockingClient.getTokenResponse(grantRequest()).getAccessToken();

		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void oauthErrorReplyBecomesAnExceptionCarryingCodeDescriptionStatusAndTokenUri() {
		replyWith(401, "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> this.blockingClient.getTokenResponse(grantRequest()))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_client");
				assertThat(ex.getError().getDescription()).isEqualTo("Client authentication failed");
				assertThat(ex.getStatusCode().value()).isEqualTo(401);
				assertThat(ex.getTokenUri()).hasToString(NitroWireMock.tokenUri(nitro));
				assertThat(ex.getClientRegistrationId()).isEqualTo("nitro");
				assertThat(ex.getMessage()).isEqualTo("Nitro token request to " + NitroWireMock.tokenUri(nitro)
						+ " failed with HTTP 401: invalid_client: Client authentication failed");
				assertThat(ex.getMessage()).doesNotContain(NitroWireMock.CLIENT_SECRET);
			});
	}

	@Test
	void replyTextEchoedInTheMessageIsShortenedAndStrippedOfControlCharacters() {
		replyWith(400, "{\"error\":\"invalid_request\",\"error_description\":\"bad\\r\\n2026-12-02 INFO token issued\\u001b[2J"
				+ "x".repeat(10_000) + "\"}");

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> this.blockingClient.getTokenResponse(grantRequest()))
			.satisfies((ex) -> {
				assertThat(ex.getError().getDescription()).startsWith("bad??2026-12-02 INFO token issued?[2J")
					.hasSize(201)
					.endsWith("…");
				assertThat(ex.getMessage()).doesNotContainPattern("\\p{Cc}");
			});
	}

	@Test
	void errorReplyThatRepeatsTheSecretKeepsItOutOfTheException() {
		replyWith(400, "{\"error\":\"invalid_client\",\"error_description\":\"unknown clientSecret '"
				+ NitroWireMock.CLIENT_SECRET + "'\",\"error_uri\":\"https://errors.example/" + NitroWireMock.CLIENT_SECRET
				+ "\"}");
		nitro.stubFor(post(urlEqualTo("/problem")).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"title\":\"Server Error\",\"detail\":\"could not check " + NitroWireMock.CLIENT_SECRET + "\"}")));
		ClientRegistration problemEndpoint = NitroClientRegistration.create(NitroWireMock.CLIENT_ID,
				NitroWireMock.CLIENT_SECRET, nitro.baseUrl() + "/problem");

		NitroTokenException oauthError = catchThrowableOfType(NitroTokenException.class,
				() -> this.blockingClient.getTokenResponse(grantRequest()));
		NitroTokenException problem = catchThrowableOfType(NitroTokenException.class,
				() -> this.blockingClient.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(problemEndpoint)));

		assertThat(oauthError.getError().getDescription()).isEqualTo("unknown clientSecret '******'");
		assertThat(problem.getMessage()).contains("(could not check ******)");
		SecretLeaks.assertHoldsNone(oauthError, NitroWireMock.CLIENT_SECRET);
		SecretLeaks.assertHoldsNone(problem, NitroWireMock.CLIENT_SECRET);
	}

	@Test
	void replyThatIsNotJsonBecomesAClearError() {
		replyWith(200, "<html>Service temporarily down</html>");

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> this.blockingClient.getTokenResponse(grantRequest()))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token_response");
				assertThat(ex.getMessage()).endsWith("failed with HTTP 200: invalid_token_response: the reply is not a JSON object");
			});
	}

	@Test
	void replyWithoutTokenBecomesAClearError() {
		replyWith(200, "{\"tokenType\":\"Bearer\",\"expiresIn\":86400}");

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> this.blockingClient.getTokenResponse(grantRequest()))
			.withMessageEndingWith("invalid_token_response: the reply carries no accessToken");
	}

	@Test
	void replyWithAnotherTokenTypeIsRefused() {
		replyWith(200, "{\"accessToken\":\"token\",\"tokenType\":\"mac\",\"expiresIn\":86400}");

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> this.blockingClient.getTokenResponse(grantRequest()))
			.withMessageEndingWith("the reply's tokenType is 'mac', not Bearer");
	}

	@Test
	void errorStatusWithoutOAuthBodyNamesTheStatus() {
		replyWith(502, "<html>Bad gateway</html>");

		assertThatExceptionOfType(NitroTokenException.class).isThrownBy(() -> this.blockingClient.getTokenResponse(grantRequest()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(502);
				assertThat(ex.getMessage()).endsWith("failed with HTTP 502: invalid_token_response: HTTP 502 without an OAuth 2.0 error body");
			});
	}

	@Test
	void refusedConnectionGetsItsOwnClearMessage() {
		ClientRegistration unreachable = NitroClientRegistration.create("id", "secret", "http://127.0.0.1:1/oauth/token");

		assertThatExceptionOfType(NitroTokenException.class)
			.isThrownBy(() -> this.blockingClient.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(unreachable)))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo(NitroTokenException.TOKEN_ENDPOINT_UNREACHABLE);
				assertThat(ex.getStatusCode()).isNull();
				assertThat(ex.getMessage()).isEqualTo("Nitro token request to http://127.0.0.1:1/oauth/token failed: "
						+ "token_endpoint_unreachable: the connection was refused");
			});
	}

	@Test
	void tokenEndpointThatHangsFailsWithinTheReadTimeout() {
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"accessToken\":\"late\"}")
			.withFixedDelay(10_000)));
		NitroReactiveTokenResponseClient client = new NitroReactiveTokenResponseClient(WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(Duration.ofMillis(300))))
			.build());

		StepVerifier.create(client.getTokenResponse(grantRequest()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(NitroTokenException.class)
				.hasMessageEndingWith("token_endpoint_timeout: no reply arrived within the read timeout"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void pluggedIntoSpringSecuritysClientCredentialsProviderAndManager() {
		NitroWireMock.stubToken(nitro, "token-via-spring-security", 86400);
		ClientRegistration registration = registration();
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, new InMemoryOAuth2AuthorizedClientService(registrations));
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(this.blockingClient);
		manager.setAuthorizedClientProvider(provider);

		OAuth2AuthorizedClient client = manager
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("nitro").principal("batch-job").build());

		assertThat(client.getAccessToken().getTokenValue()).isEqualTo("token-via-spring-security");
	}

	@Test
	void reactiveTwinPluggedIntoSpringSecuritysReactiveProviderAndManager() {
		NitroWireMock.stubToken(nitro, "token-via-reactive-spring-security", 86400);
		ClientRegistration registration = registration();
		InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
				registration);
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(this.reactiveClient);
		manager.setAuthorizedClientProvider(provider);

		OAuth2AuthorizedClient client = manager
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("nitro").principal("batch-job").build())
			.block();

		assertThat(client.getAccessToken().getTokenValue()).isEqualTo("token-via-reactive-spring-security");
	}

	@Test
	void blockingClientReturnsTheSameResponseAsTheReactiveOne() {
		NitroWireMock.stubToken(nitro, "same-token", 120);

		OAuth2AccessTokenResponse blocking = this.blockingClient.getTokenResponse(grantRequest());
		OAuth2AccessTokenResponse reactive = this.reactiveClient.getTokenResponse(grantRequest()).block();

		assertThat(blocking.getAccessToken().getTokenValue()).isEqualTo(reactive.getAccessToken().getTokenValue());
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(2);
	}

	private void replyWith(int status, String body) {
		nitro.stubFor(post(urlEqualTo(NitroWireMock.TOKEN_PATH))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private OAuth2ClientCredentialsGrantRequest grantRequest() {
		return new OAuth2ClientCredentialsGrantRequest(registration());
	}

	private ClientRegistration registration() {
		return NitroClientRegistration.create(NitroWireMock.CLIENT_ID, NitroWireMock.CLIENT_SECRET,
				NitroWireMock.tokenUri(nitro));
	}

}
