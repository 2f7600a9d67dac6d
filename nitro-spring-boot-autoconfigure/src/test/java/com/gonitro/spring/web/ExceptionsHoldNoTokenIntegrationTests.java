package com.gonitro.spring.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.oauth.NitroTokenException;
import com.gonitro.spring.test.NitroWireMock;
import com.gonitro.spring.test.SecretLeaks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * No exception that a call through the preauthorized {@code WebClient} or {@code RestClient} throws holds the token
 * or the client secret: not {@code WebClient}'s own exceptions (which keep the request and its headers), not their
 * causes or suppressed exceptions, not their Java serialization. Each failure is provoked over real HTTP with a
 * token sent.
 */
class ExceptionsHoldNoTokenIntegrationTests {

	private static final String FIRST_TOKEN = "eyJhbGciOiJSUzI1NiJ9.first-token-that-must-not-leak.c2ln";

	private static final String SECOND_TOKEN = "eyJhbGciOiJSUzI1NiJ9.second-token-that-must-not-leak.c2ln";

	private static final String[] SECRETS = { FIRST_TOKEN, SECOND_TOKEN, NitroWireMock.CLIENT_SECRET };

	private static final String ENVELOPE = "/sign/envelopes/e1";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final NitroClient client = NitroWireMock.client(nitro)
		.retryPolicy(new NitroRetryPolicy(2, Duration.ofSeconds(5), Duration.ofMillis(10), 256 * 1024))
		.build();

	@BeforeEach
	void issueTokensInTurn() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, FIRST_TOKEN, SECOND_TOKEN);
	}

	@Test
	void webClientResponseExceptionFromRetrieveHoldsNoToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(NitroWireMock.json(404, "{\"title\":\"Not Found\"}")));

		WebClientResponseException failure = catchThrowableOfType(WebClientResponseException.NotFound.class,
				() -> this.client.webClient().get().uri(ENVELOPE).retrieve().bodyToMono(String.class).block());

		assertThat(failure.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertExposesNone(failure);
	}

	@Test
	void webClientResponseExceptionAfterTwo401sHoldsNeitherToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(aResponse().withStatus(401)));

		WebClientResponseException failure = catchThrowableOfType(WebClientResponseException.Unauthorized.class,
				() -> this.client.webClient().get().uri(ENVELOPE).retrieve().bodyToMono(String.class).block());

		assertThat(failure.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertExposesNone(failure);
		nitro.verify(2, NitroWireMock.tokenRequests());
	}

	@Test
	void webClientRequestExceptionAfterALostConnectionHoldsNoToken() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		WebClientRequestException failure = catchThrowableOfType(WebClientRequestException.class,
				() -> this.client.webClient()
					.post()
					.uri(ENVELOPE)
					.bodyValue(Map.of("name", "NDA"))
					.retrieve()
					.toBodilessEntity()
					.block());

		assertThat(failure.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertExposesNone(failure);
	}

	@Test
	void webClientRequestExceptionAfterReplaysOfALostConnectionHoldsNoToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		WebClientRequestException failure = catchThrowableOfType(WebClientRequestException.class,
				() -> this.client.webClient().get().uri(ENVELOPE).retrieve().toBodilessEntity().block());

		assertThat(failure.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		assertExposesNone(failure);
		nitro.verify(2, getRequestedFor(urlEqualTo(ENVELOPE)));
	}

	@Test
	void restClientResponseExceptionsHoldNoToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(NitroWireMock.json(404, "{\"title\":\"Not Found\"}")));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes/e2")).willReturn(aResponse().withStatus(401)));

		HttpClientErrorException notFound = catchThrowableOfType(HttpClientErrorException.NotFound.class,
				() -> this.client.restClient().get().uri(ENVELOPE).retrieve().body(String.class));
		HttpClientErrorException unauthorized = catchThrowableOfType(HttpClientErrorException.Unauthorized.class,
				() -> this.client.restClient().get().uri("/sign/envelopes/e2").retrieve().body(String.class));

		assertExposesNone(notFound);
		assertExposesNone(unauthorized);
	}

	@Test
	void restClientExceptionAfterALostConnectionHoldsNoToken() {
		nitro.stubFor(post(urlEqualTo(ENVELOPE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		ResourceAccessException failure = catchThrowableOfType(ResourceAccessException.class,
				() -> this.client.restClient()
					.post()
					.uri(ENVELOPE)
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("name", "NDA"))
					.retrieve()
					.toBodilessEntity());

		assertExposesNone(failure);
	}

	@Test
	void failedTokenRequestsHoldNoSecretWhicheverClientMadeThem() {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(NitroWireMock.json(401,
					"{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}")));

		NitroTokenException fromWebClient = catchThrowableOfType(NitroTokenException.class,
				() -> this.client.webClient().get().uri(ENVELOPE).retrieve().toBodilessEntity().block());
		NitroTokenException fromRestClient = catchThrowableOfType(NitroTokenException.class,
				() -> this.client.restClient().get().uri(ENVELOPE).retrieve().toBodilessEntity());

		SecretLeaks.assertHoldsNone(fromWebClient, SECRETS);
		SecretLeaks.assertHoldsNone(fromRestClient, SECRETS);
	}

	@Test
	void tokenRequestWhoseConnectionWasLostHoldsNoSecret() {
		nitro.stubFor(NitroWireMock.tokenRequest().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		NitroTokenException failure = catchThrowableOfType(NitroTokenException.class,
				() -> this.client.webClient().get().uri(ENVELOPE).retrieve().toBodilessEntity().block());

		assertThat(failure.getError().getErrorCode()).isEqualTo(NitroTokenException.TOKEN_ENDPOINT_UNREACHABLE);
		assertThat(failure).hasRootCauseInstanceOf(IOException.class);
		SecretLeaks.assertHoldsNone(failure, SECRETS);
	}

	/**
	 * Fails if a secret appears in the exception as anyone handling it can read it: in the messages of its chain
	 * (causes and suppressed exceptions), in the request and response headers and bodies they expose, or in its Java
	 * serialization. The exceptions of {@code WebClient} and {@code RestClient} also keep, in transient fields, a
	 * function over the live response, which reaches the connection itself; that is not searched.
	 */
	private static void assertExposesNone(Throwable failure) {
		for (Throwable throwable : SecretLeaks.chain(failure)) {
			List<String> exposed = new ArrayList<>(List.of(String.valueOf(throwable)));
			if (throwable instanceof WebClientResponseException response) {
				exposed.add(response.getRequest().getHeaders().toString());
				exposed.add(response.getHeaders().toString());
				exposed.add(response.getResponseBodyAsString());
			}
			if (throwable instanceof WebClientRequestException request) {
				exposed.add(request.getHeaders().toString());
			}
			if (throwable instanceof RestClientResponseException response) {
				exposed.add(String.valueOf(response.getResponseHeaders()));
				exposed.add(response.getResponseBodyAsString());
			}
			assertThat(exposed).as("what %s exposes", throwable.getClass().getName())
				.allSatisfy((text) -> assertThat(text).doesNotContain(SECRETS));
		}
		String serialized = new String(serialize(failure), StandardCharsets.ISO_8859_1);
		assertThat(serialized).as("the serialized %s", failure.getClass().getName()).doesNotContain(SECRETS);
	}

	private static byte[] serialize(Throwable failure) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(failure);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
