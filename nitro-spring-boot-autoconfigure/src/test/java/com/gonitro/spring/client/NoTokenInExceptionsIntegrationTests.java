package com.gonitro.spring.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.pdf.ReactiveNitroPdfClient;
import com.gonitro.spring.sign.NitroSignClient;
import com.gonitro.spring.sign.ReactiveNitroSignClient;
import com.gonitro.spring.test.NitroWireMock;
import com.gonitro.spring.test.SecretLeaks;
import com.gonitro.spring.web.NitroRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The exceptions of the typed clients keep what caused a failure (the {@code ConnectException}, with its message
 * and stack) but nothing that holds the request: neither the access token nor the client secret is anywhere in their
 * cause chain, suppressed exceptions, fields, or Java serialization. Each failure is provoked over real HTTP, after
 * a token was issued, so that the failed request carried it.
 */
class NoTokenInExceptionsIntegrationTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.token-that-must-never-leak.c2lnbmF0dXJl";

	private static final String ENVELOPE_ID = "0d3c9b7e-1111-4a5b-9c3d-2e1f0a9b8c7d";

	private static final String ENVELOPE = "/sign/envelopes/" + ENVELOPE_ID;

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@BeforeEach
	void issueTokens() {
		NitroWireMock.stubToken(nitro, TOKEN, 86400);
	}

	@Test
	void connectionRefusedAfterATokenWasIssuedKeepsTheConnectExceptionButNotTheToken() throws IOException {
		WebClient closed = webClient(closedPortUrl());
		ReactiveNitroSignClient sign = new ReactiveNitroSignClient(closed);

		Throwable reactive = catchThrowable(() -> sign.getEnvelope(ENVELOPE_ID).block());
		Throwable blocking = catchThrowable(() -> new NitroSignClient(sign).getEnvelope(ENVELOPE_ID));
		Throwable pdf = catchThrowable(() -> new ReactiveNitroPdfClient(closed).getJobStatus(ENVELOPE_ID).block());

		nitro.verify(1, NitroWireMock.tokenRequests());
		for (Throwable failure : new Throwable[] { reactive, blocking, pdf }) {
			assertThat(failure).isInstanceOf(NitroConnectionException.class).hasMessageEndingWith("the connection was refused");
			assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(ConnectException.class)
				.satisfies((cause) -> {
					assertThat(cause.getMessage()).isNotBlank();
					assertThat(cause.getStackTrace()).isNotEmpty();
				});
			SecretLeaks.assertHoldsNone(failure, TOKEN, NitroWireMock.CLIENT_SECRET);
		}
	}

	@Test
	void connectionLostBeforeTheReplyHoldsNoToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		Throwable failure = catchThrowable(() -> sign().getEnvelope(ENVELOPE_ID).block());

		assertThat(failure).isInstanceOf(NitroConnectionException.class).hasCauseInstanceOf(IOException.class);
		SecretLeaks.assertHoldsNone(failure, TOKEN, NitroWireMock.CLIENT_SECRET);
	}

	@Test
	void connectionLostDuringTheReplyHoldsNoToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE + ":download-sealed"))
			.willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		Throwable failure = catchThrowable(
				() -> DataBufferUtils.join(sign().downloadSealedEnvelope(ENVELOPE_ID)).map(DataBufferUtils::release).block());

		assertThat(failure).isInstanceOf(NitroException.class).hasCauseInstanceOf(Exception.class);
		SecretLeaks.assertHoldsNone(failure, TOKEN, NitroWireMock.CLIENT_SECRET);
	}

	@Test
	void unreadableReplyHoldsNoToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(NitroWireMock.json(200, "{\"ID\": [not json")));

		Throwable failure = catchThrowable(() -> sign().getEnvelope(ENVELOPE_ID).block());

		assertThat(failure).isInstanceOf(NitroUnexpectedResponseException.class).hasCauseInstanceOf(Exception.class);
		SecretLeaks.assertHoldsNone(failure, TOKEN, NitroWireMock.CLIENT_SECRET);
	}

	@Test
	void replyTooLargeToReadHoldsNoToken() {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(
				NitroWireMock.json(200, "{\"ID\":\"" + ENVELOPE_ID + "\",\"name\":\"" + "x".repeat(1024 * 1024) + "\"}")));

		Throwable failure = catchThrowable(() -> sign().getEnvelope(ENVELOPE_ID).block());

		assertThat(failure).isInstanceOf(NitroUnexpectedResponseException.class)
			.hasMessageStartingWith("Nitro's reply to GET " + ENVELOPE + " could not be read: ");
		SecretLeaks.assertHoldsNone(failure, TOKEN, NitroWireMock.CLIENT_SECRET);
	}

	private static ReactiveNitroSignClient sign() {
		return new ReactiveNitroSignClient(webClient(nitro.baseUrl()));
	}

	/** A client whose token comes from WireMock, for the given API origin, without replays. */
	private static WebClient webClient(String baseUrl) {
		return NitroWireMock.client(nitro).baseUrl(baseUrl).retryPolicy(NitroRetryPolicy.none()).buildWebClient();
	}

	private static String closedPortUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort();
		}
	}

}
