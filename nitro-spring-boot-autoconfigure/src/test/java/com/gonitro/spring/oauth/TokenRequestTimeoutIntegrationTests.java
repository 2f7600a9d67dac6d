package com.gonitro.spring.oauth;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token endpoint that answers slowly never makes callers hang: the token clients have Nitro's timeouts even when
 * built without arguments, and a token request as a whole is bounded, also when its reply trickles in so slowly
 * that no read timeout ever fires.
 */
class TokenRequestTimeoutIntegrationTests {

	@RegisterExtension
	static WireMockExtension nitro = NitroWireMock.extension();

	/**
	 * The one slow test: a token endpoint that answers after 35 seconds, longer than Nitro's 30-second read
	 * timeout. Both clients wait at the same time.
	 */
	@Test
	void tokenClientsBuiltWithoutArgumentsGiveUpAtNitrosDefaultReadTimeout() {
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(okJson("{\"accessToken\":\"late\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}")
				.withFixedDelay(35_000)));
		NitroTokenResponseClient blockingClient = new NitroTokenResponseClient();
		NitroReactiveTokenResponseClient reactiveClient = new NitroReactiveTokenResponseClient();

		List<Object> outcomes = Flux
			.merge(outcome(Mono.fromCallable(() -> blockingClient.getTokenResponse(grantRequest()))
				.subscribeOn(Schedulers.boundedElastic())), outcome(reactiveClient.getTokenResponse(grantRequest())))
			.collectList()
			.block();

		assertThat(outcomes).hasSize(2)
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfSatisfying(NitroTokenException.class,
					(failure) -> assertThat(failure)
						.hasMessageEndingWith("token_endpoint_timeout: no reply arrived within the read timeout")));
	}

	/**
	 * A reply that trickles in a few bytes every 250 ms for 20 seconds: each read comes well within the 2-second
	 * read timeout, so only the bound on the whole token request (connect and read timeouts together) ends the
	 * wait.
	 */
	@Test
	void everyCallerWaitingOnATokenReplyThatTricklesFailsAtTheBoundOfTheWholeRequest() {
		String reply = "{\"accessToken\":\"trickled\",\"tokenType\":\"Bearer\",\"expiresIn\":3600}";
		nitro.stubFor(NitroWireMock.tokenRequest()
			.willReturn(okJson(reply + " ".repeat(400 - reply.length())).withChunkedDribbleDelay(80, 20_000)));
		nitro.stubFor(get(urlEqualTo("/sign/envelopes")).willReturn(okJson("{\"items\":[]}")));
		NitroClient client = NitroWireMock.client(nitro)
			.connectTimeout(Duration.ofMillis(500))
			.readTimeout(Duration.ofSeconds(2))
			.build();

		Flux<Object> webClientCalls = Flux.range(0, 16)
			.flatMap((i) -> outcome(client.webClient().get().uri("/sign/envelopes").retrieve().bodyToMono(String.class)));
		Flux<Object> restClientCalls = Flux.range(0, 16)
			.flatMap((i) -> outcome(Mono
				.fromCallable(() -> client.restClient().get().uri("/sign/envelopes").retrieve().body(String.class))
				.subscribeOn(Schedulers.boundedElastic())));
		List<Object> outcomes = Flux.merge(webClientCalls, restClientCalls).collectList().block();

		assertThat(outcomes).hasSize(32)
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfSatisfying(NitroTokenException.class,
					(failure) -> assertThat(failure)
						.hasMessageContaining("token_endpoint_timeout: no token within PT2.5S")));
		nitro.verify(1, NitroWireMock.tokenRequests());
	}

	/** What a call gave: its value, or its failure. */
	private static Mono<Object> outcome(Mono<?> call) {
		return call.<Object>map((value) -> value).onErrorResume(Mono::just);
	}

	private static OAuth2ClientCredentialsGrantRequest grantRequest() {
		return new OAuth2ClientCredentialsGrantRequest(NitroClientRegistration.create(NitroWireMock.CLIENT_ID,
				NitroWireMock.CLIENT_SECRET, NitroWireMock.tokenUri(nitro)));
	}

}
