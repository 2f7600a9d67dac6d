package com.gonitro.spring.web;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.WebClient;

import com.gonitro.spring.oauth.NitroAccessTokenCache;
import com.gonitro.spring.test.MutableClock;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NitroExchangeFilterFunction} over real HTTP: the Bearer token goes to Nitro's origin and nowhere else.
 */
class NitroExchangeFilterFunctionIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	@RegisterExtension
	static WireMockExtension elsewhere = NitroWireMock.extension();

	@BeforeEach
	void stubNitro() {
		NitroWireMock.stubToken(nitro, "nitro-token", 86400);
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
		elsewhere.stubFor(get(urlEqualTo("/file.pdf")).willReturn(okJson("{}")));
	}

	@Test
	void addsTheBearerTokenToRequestsForNitro() {
		WebClient client = webClient(nitro.baseUrl());

		for (int i = 0; i < 5; i++) {
			client.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();
		}

		nitro.verify(5, getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer nitro-token")));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(1);
	}

	@Test
	void sameOriginWrittenInAnotherCaseStillGetsTheToken() {
		WebClient client = webClient(nitro.baseUrl().replace("localhost", "LOCALHOST"));

		client.get().uri(nitro.baseUrl() + "/sign/envelopes").retrieve().bodyToMono(String.class).block();

		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer nitro-token")));
	}

	@Test
	void requestForAnotherPortLeavesWithoutTheToken() {
		WebClient client = webClient(nitro.baseUrl());

		client.get().uri(elsewhere.baseUrl() + "/file.pdf").retrieve().bodyToMono(String.class).block();

		elsewhere.verify(getRequestedFor(urlEqualTo("/file.pdf")).withHeader("Authorization", absent()));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).isEmpty();
	}

	@Test
	void requestForAnotherHostLeavesWithoutTheToken() {
		WebClient client = webClient(nitro.baseUrl());

		client.get()
			.uri(nitro.baseUrl().replace("localhost", "127.0.0.1") + "/sign/envelopes")
			.retrieve()
			.bodyToMono(String.class)
			.block();

		nitro.verify(getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization", absent()));
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).isEmpty();
	}

	@Test
	void tokenExpiringUnderLoadIsRenewedOnceNotOncePerCaller() {
		nitro.resetMappings();
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
		NitroWireMock.stubTokensInTurn(nitro, 4, "before-expiry", "renewed", "renewed-again");
		MutableClock clock = new MutableClock();
		NitroAccessTokenCache cache = tokenCache();
		cache.setClock(clock);
		WebClient client = webClient(nitro.baseUrl(), cache);
		client.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class).block();

		clock.advance(Duration.ofSeconds(2));
		List<String> bodies = Flux.range(0, 64)
			.flatMap((i) -> client.get().uri("/sign/envelopes").retrieve().bodyToMono(String.class), 64)
			.collectList()
			.block();

		assertThat(bodies).hasSize(64);
		assertThat(nitro.findAll(NitroWireMock.tokenRequests())).hasSize(2);
		nitro.verify(64, getRequestedFor(urlEqualTo("/sign/envelopes")).withHeader("Authorization",
				equalTo("Bearer renewed")));
	}

	private static WebClient webClient(String baseUrl) {
		return webClient(baseUrl, tokenCache());
	}

	private static NitroAccessTokenCache tokenCache() {
		return NitroWireMock.client(nitro).buildTokenCache();
	}

	private static WebClient webClient(String baseUrl, NitroAccessTokenCache cache) {
		return NitroWireMock.client(nitro).baseUrl(baseUrl).tokenCache(cache).buildWebClient();
	}

}
