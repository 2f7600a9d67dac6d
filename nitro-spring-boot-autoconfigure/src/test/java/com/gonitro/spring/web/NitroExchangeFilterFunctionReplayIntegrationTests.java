package com.gonitro.spring.web;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link NitroExchangeFilterFunction} does when Nitro answers 401, 429 or 5xx, or the connection fails, over
 * real HTTP with injected faults.
 */
class NitroExchangeFilterFunctionReplayIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	private final AtomicInteger sent = new AtomicInteger();

	@BeforeEach
	void issueTokensInTurn() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "t1", "t2", "t3");
	}

	@Test
	void after401TheTokenIsRenewedAndTheRequestReplayedOnce() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer t1"))
			.willReturn(aResponse().withStatus(401)));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).withHeader("Authorization", equalTo("Bearer t2"))
			.willReturn(okJson("{\"items\":[]}")));

		String body = getEnvelopes(NitroRetryPolicy.defaults());

		assertThat(body).isEqualTo("{\"items\":[]}");
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(2);
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(2);
	}

	@Test
	void second401GoesToTheCallerAfterExactlyTwoRequests() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(401)));

		assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
			.isThrownBy(() -> getEnvelopes(NitroRetryPolicy.defaults()));

		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(2);
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(2);
	}

	@Test
	void jsonBodyIsReplayedByteForByteAfter401() {
		stub401ThenOk(() -> post(urlEqualTo(ENVELOPES)));

		webClient(NitroRetryPolicy.defaults()).post()
			.uri(ENVELOPES)
			.bodyValue(new Envelope("NDA", "parallel"))
			.retrieve()
			.toBodilessEntity()
			.block();

		List<LoggedRequest> requests = nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPES)));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString())
			.contains("\"name\":\"NDA\"");
		assertThat(requests.get(1).getHeader("Content-Type")).isEqualTo(requests.get(0).getHeader("Content-Type"));
		assertThat(requests.get(1).getHeader("Authorization")).isEqualTo("Bearer t2");
	}

	@Test
	void smallMultipartBodyIsReplayedWithItsBoundaryAfter401() {
		stub401ThenOk(() -> post(urlEqualTo("/sign/envelopes/e1/documents")));
		MultipartBodyBuilder multipart = new MultipartBodyBuilder();
		multipart.part("metadata", "{\"name\":\"contract.pdf\"}", MediaType.APPLICATION_JSON);
		multipart.part("payload", new ByteArrayResource("%PDF-1.7 small".getBytes()) {

			@Override
			public String getFilename() {
				return "contract.pdf";
			}

		}, MediaType.APPLICATION_PDF);

		webClient(NitroRetryPolicy.defaults()).post()
			.uri("/sign/envelopes/e1/documents")
			.body(BodyInserters.fromMultipartData(multipart.build()))
			.retrieve()
			.toBodilessEntity()
			.block();

		List<LoggedRequest> requests = nitro.findAll(postRequestedFor(urlEqualTo("/sign/envelopes/e1/documents")));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).getHeader("Content-Type")).startsWith("multipart/form-data;boundary=")
			.isEqualTo(requests.get(0).getHeader("Content-Type"));
		assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString())
			.contains("%PDF-1.7 small");
	}

	@Test
	void largeStreamedBodyIsNotReplayedAndThe401GoesToTheCaller() {
		nitro.stubFor(post(urlEqualTo("/uploads")).willReturn(aResponse().withStatus(401)));
		Flux<DataBuffer> oneShotStream = Flux.range(0, 40)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[8 * 1024]));

		assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
			.isThrownBy(() -> webClient(NitroRetryPolicy.defaults()).post()
				.uri("/uploads")
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(BodyInserters.fromDataBuffers(oneShotStream))
				.retrieve()
				.toBodilessEntity()
				.block());

		assertThat(nitro.findAll(postRequestedFor(urlEqualTo("/uploads")))).hasSize(1);
	}

	@Test
	void largeBodyMarkedReplayableIsReplayedAfter401() {
		stub401ThenOk(() -> post(urlEqualTo("/uploads")));
		byte[] large = new byte[512 * 1024];

		webClient(NitroRetryPolicy.defaults()).post()
			.uri("/uploads")
			.attribute(NitroExchangeFilterFunction.REPLAYABLE_BODY, true)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(BodyInserters.fromResource(new ByteArrayResource(large)))
			.retrieve()
			.toBodilessEntity()
			.block();

		List<LoggedRequest> requests = nitro.findAll(postRequestedFor(urlEqualTo("/uploads")));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).getBody()).hasSize(large.length);
	}

	@Test
	void after429TheRequestWaitsForRetryAfterSecondsAndIsReplayed() {
		stubInTurn(() -> get(urlEqualTo(ENVELOPES)), aResponse().withStatus(429).withHeader("Retry-After", "1"),
				okJson("{\"items\":[]}"));

		getEnvelopes(NitroRetryPolicy.defaults());

		List<LoggedRequest> requests = nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)));
		assertThat(requests).hasSize(2);
		assertThat(gapBetween(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void after429TheRequestWaitsUntilARetryAfterDate() {
		String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
		stubInTurn(() -> get(urlEqualTo(ENVELOPES)), aResponse().withStatus(429).withHeader("Retry-After", inTwoSeconds),
				okJson("{\"items\":[]}"));

		getEnvelopes(NitroRetryPolicy.defaults());

		List<LoggedRequest> requests = nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)));
		assertThat(requests).hasSize(2);
		assertThat(gapBetween(requests.get(0), requests.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void a429IsReplayedEvenForAPost() {
		stubInTurn(() -> post(urlEqualTo(ENVELOPES)), aResponse().withStatus(429).withHeader("Retry-After", "0"),
				okJson("{\"ID\":\"e1\"}"));

		String created = webClient(NitroRetryPolicy.defaults()).post()
			.uri(ENVELOPES)
			.bodyValue(new Envelope("NDA", "parallel"))
			.retrieve()
			.bodyToMono(String.class)
			.block();

		assertThat(created).contains("e1");
		assertThat(nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(2);
	}

	@Test
	void retryAfterBeyondTheWaitBudgetReturnsThe429AtOnce() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

		assertThatExceptionOfType(WebClientResponseException.TooManyRequests.class)
			.isThrownBy(() -> getEnvelopes(new NitroRetryPolicy(4, Duration.ofSeconds(5), Duration.ZERO, 1024)));

		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(1);
	}

	@Test
	void repeated429sStopAfterTheMaximumNumberOfAttempts() {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

		assertThatExceptionOfType(WebClientResponseException.TooManyRequests.class)
			.isThrownBy(() -> getEnvelopes(new NitroRetryPolicy(3, Duration.ofSeconds(5), Duration.ZERO, 1024)));

		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(3);
	}

	@Test
	void serverErrorsAreRetriedWithBackoffForAGet() {
		stubInTurn(() -> get(urlEqualTo(ENVELOPES)), aResponse().withStatus(503), aResponse().withStatus(500),
				okJson("{\"items\":[]}"));

		String body = getEnvelopes(fastRetries());

		assertThat(body).isEqualTo("{\"items\":[]}");
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(3);
	}

	@Test
	void serverErrorIsNotRetriedForAPost() {
		nitro.stubFor(post(urlEqualTo(ENVELOPES)).willReturn(aResponse().withStatus(503)));

		assertThatExceptionOfType(WebClientResponseException.ServiceUnavailable.class)
			.isThrownBy(() -> webClient(fastRetries()).post()
				.uri(ENVELOPES)
				.bodyValue(new Envelope("NDA", "parallel"))
				.retrieve()
				.toBodilessEntity()
				.block());

		assertThat(nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(1);
	}

	@Test
	void connectionResetIsRetriedForAGet() {
		stubInTurn(() -> get(urlEqualTo(ENVELOPES)), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				okJson("{\"items\":[]}"));

		String body = getEnvelopes(fastRetries());

		assertThat(body).isEqualTo("{\"items\":[]}");
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(2);
	}

	@Test
	void postThatMayHaveReachedNitroIsNeverReplayedAfterAConnectionReset() {
		nitro.stubFor(post(urlEqualTo(ENVELOPES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> webClient(fastRetries()).post()
			.uri(ENVELOPES)
			.bodyValue(new Envelope("NDA", "parallel"))
			.retrieve()
			.toBodilessEntity()
			.block());

		assertThat(nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(1);
	}

	@Test
	void readTimeoutIsRetriedForAGetButNotForAPost() {
		stubInTurn(() -> get(urlEqualTo(ENVELOPES)), okJson("{\"late\":true}").withFixedDelay(2000), okJson("{\"items\":[]}"));
		nitro.stubFor(post(urlEqualTo(ENVELOPES)).willReturn(okJson("{\"late\":true}").withFixedDelay(2000)));
		WebClient client = webClient(fastRetries(), connectorWithReadTimeout(Duration.ofMillis(500)));

		String body = client.get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();
		assertThatExceptionOfType(WebClientRequestException.class)
			.isThrownBy(() -> client.post().uri(ENVELOPES).bodyValue(new Envelope("NDA", "parallel")).retrieve()
				.toBodilessEntity().block());

		assertThat(body).isEqualTo("{\"items\":[]}");
		assertThat(nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(2);
		assertThat(nitro.findAll(postRequestedFor(urlEqualTo(ENVELOPES)))).hasSize(1);
	}

	@Test
	void postWhoseConnectionWasNeverEstablishedIsReplayed() {
		WebClient toClosedPort = WebClient.builder()
			.baseUrl(closedPortUrl())
			.filter(new NitroExchangeFilterFunction(tokenCache(), URI.create(closedPortUrl()), fastRetries()))
			.filter(countingSentRequests())
			.build();

		assertThatExceptionOfType(WebClientRequestException.class).isThrownBy(() -> toClosedPort.post()
			.uri(ENVELOPES)
			.bodyValue(new Envelope("NDA", "parallel"))
			.retrieve()
			.toBodilessEntity()
			.block());

		assertThat(this.sent).as("attempts on a refused connection").hasValue(fastRetries().maxAttempts());
	}

	private void stub401ThenOk(Supplier<MappingBuilder> request) {
		stubInTurn(request, aResponse().withStatus(401), okJson("{\"ID\":\"e1\"}"));
	}

	private static void stubInTurn(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
		String state = Scenario.STARTED;
		for (int i = 0; i < responses.length; i++) {
			String next = "reply-" + (i + 1);
			nitro.stubFor(request.get().inScenario("replies").whenScenarioStateIs(state).willReturn(responses[i]).willSetStateTo(next));
			state = next;
		}
	}

	private static Duration gapBetween(LoggedRequest first, LoggedRequest second) {
		return Duration.between(first.getLoggedDate().toInstant(), second.getLoggedDate().toInstant());
	}

	private static NitroRetryPolicy fastRetries() {
		return new NitroRetryPolicy(3, Duration.ofSeconds(5), Duration.ofMillis(20), 256 * 1024);
	}

	private static ClientHttpConnector connectorWithReadTimeout(Duration readTimeout) {
		return new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient.create().responseTimeout(readTimeout));
	}

	private static String closedPortUrl() {
		return "http://127.0.0.1:1";
	}

	private ExchangeFilterFunction countingSentRequests() {
		return (request, next) -> {
			this.sent.incrementAndGet();
			return next.exchange(request);
		};
	}

	private String getEnvelopes(NitroRetryPolicy retryPolicy) {
		return webClient(retryPolicy).get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block();
	}

	private WebClient webClient(NitroRetryPolicy policy) {
		return webClient(policy, new ReactorClientHttpConnector());
	}

	private static NitroAccessTokenCache tokenCache() {
		return NitroWireMock.client(nitro).buildTokenCache();
	}

	private WebClient webClient(NitroRetryPolicy policy, ClientHttpConnector connector) {
		return NitroWireMock.client(nitro).retryPolicy(policy).clientHttpConnector(connector).buildWebClient();
	}

	record Envelope(String name, String mode) {
	}

}
