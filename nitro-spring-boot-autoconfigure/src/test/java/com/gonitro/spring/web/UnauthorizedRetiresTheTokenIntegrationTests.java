package com.gonitro.spring.web;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A 401 always retires the token that was sent, also when the request that got it is not replayed: its caller gets
 * the 401, and the next call carries a new token instead of meeting the same 401.
 */
class UnauthorizedRetiresTheTokenIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	private static final String ENVELOPE = "/sign/envelopes/e1";

	private static final String UPLOADS = "/uploads";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final NitroClient client = NitroWireMock.client(nitro).build();

	@BeforeEach
	void issueTokensInTurn() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "t1", "t2", "t3");
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"items\":[]}")));
	}

	@Test
	void a401ToAStreamedUploadTooLargeToReplayRetiresItsToken() {
		nitro.stubFor(post(urlEqualTo(UPLOADS)).willReturn(aResponse().withStatus(401)));
		Flux<DataBuffer> readableOnce = Flux.range(0, 40)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[8 * 1024]));

		assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
			.isThrownBy(() -> this.client.webClient()
				.post()
				.uri(UPLOADS)
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(BodyInserters.fromDataBuffers(readableOnce))
				.retrieve()
				.toBodilessEntity()
				.block());
		String next = this.client.webClient().get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();

		assertThat(next).isEqualTo("{\"items\":[]}");
		nitro.verify(1, postRequestedFor(urlEqualTo(UPLOADS)).withHeader("Authorization", equalTo("Bearer t1")));
		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer t2")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "webClient", "restClient" })
	void a401ToTheReplayAfterA401RetiresTheReplaysTokenToo(String path) {
		nitro.stubFor(get(urlEqualTo(ENVELOPE)).willReturn(aResponse().withStatus(401)));

		assertThatException().isThrownBy(() -> call(path, ENVELOPE))
			.isInstanceOfAny(WebClientResponseException.Unauthorized.class, HttpClientErrorException.Unauthorized.class);
		String next = call(path, ENVELOPES);

		assertThat(next).isEqualTo("{\"items\":[]}");
		List<LoggedRequest> rejected = nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPE)));
		assertThat(rejected).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t1", "Bearer t2");
		nitro.verify(1, getRequestedFor(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer t3")));
	}

	private String call(String path, String uri) {
		return path.equals("webClient")
				? this.client.webClient().get().uri(uri).retrieve().bodyToMono(String.class).block()
				: this.client.restClient().get().uri(uri).retrieve().body(String.class);
	}

}
