package com.gonitro.spring.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import com.gonitro.spring.NitroClient;
import com.gonitro.spring.test.NitroWireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay after a wait (429, 5xx, lost connection) carries the token that is fresh when it is sent, not the one
 * chosen before the wait: here the token is retired in the middle of the wait, as a 401 of a concurrent call would
 * retire it, and the replay must carry the next one.
 */
class ReplayCarriesTheFreshTokenIntegrationTests {

	private static final String ENVELOPES = "/sign/envelopes";

	/** Replays wait a second; the token is retired 300 ms after Nitro answered, well within that second. */
	private static final Duration WAIT = Duration.ofSeconds(1);

	private static final Duration RETIRED_AFTER = Duration.ofMillis(300);

	private static final AtomicReference<Runnable> whenNitroFailed = new AtomicReference<>();

	@RegisterExtension
	static WireMockExtension nitro = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(new RetireTokenAfterFailure()))
		.build();

	private final NitroClient client = NitroWireMock.client(nitro)
		.retryPolicy(new NitroRetryPolicy(3, Duration.ofSeconds(10), WAIT, 256 * 1024))
		.build();

	private final CountDownLatch retired = new CountDownLatch(1);

	@BeforeEach
	void issueTokensInTurn() {
		NitroWireMock.stubTokensInTurn(nitro, 86400, "t1", "t2");
		whenNitroFailed.set(() -> {
			this.client.tokenCache().evict(token("t1"));
			this.retired.countDown();
		});
	}

	@ParameterizedTest
	@CsvSource({ "THROTTLED, webClient", "THROTTLED, restClient", "SERVER_ERROR, webClient",
			"SERVER_ERROR, restClient", "CONNECTION_LOST, webClient", "CONNECTION_LOST, restClient" })
	void replayAfterAWaitCarriesTheTokenFreshWhenItIsSent(Failure failure, String path) throws InterruptedException {
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("replay")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure.reply())
			.willSetStateTo("failed"));
		nitro.stubFor(get(urlEqualTo(ENVELOPES)).inScenario("replay")
			.whenScenarioStateIs("failed")
			.willReturn(okJson("{\"items\":[]}")));

		String envelopes = path.equals("webClient")
				? this.client.webClient().get().uri(ENVELOPES).retrieve().bodyToMono(String.class).block()
				: this.client.restClient().get().uri(ENVELOPES).retrieve().body(String.class);

		assertThat(envelopes).isEqualTo("{\"items\":[]}");
		assertThat(this.retired.await(5, TimeUnit.SECONDS)).isTrue();
		List<LoggedRequest> requests = nitro.findAll(getRequestedFor(urlEqualTo(ENVELOPES)));
		assertThat(requests).extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer t1", "Bearer t2");
	}

	private static OAuth2AccessToken token(String value) {
		return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, value, Instant.now(),
				Instant.now().plusSeconds(60));
	}

	/**
	 * How Nitro fails the first request.
	 */
	enum Failure {

		THROTTLED(aResponse().withStatus(429).withHeader("Retry-After", String.valueOf(WAIT.toSeconds()))),

		SERVER_ERROR(aResponse().withStatus(503)),

		CONNECTION_LOST(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

		private final ResponseDefinitionBuilder reply;

		Failure(ResponseDefinitionBuilder reply) {
			this.reply = reply;
		}

		ResponseDefinitionBuilder reply() {
			return this.reply;
		}

	}

	/**
	 * Retires the token shortly after Nitro answered the first request to {@value #ENVELOPES} with a failure, while
	 * the client waits to replay it.
	 */
	static final class RetireTokenAfterFailure implements ServeEventListener {

		@Override
		public String getName() {
			return "retire-token-after-failure";
		}

		@Override
		public void afterComplete(ServeEvent event, Parameters parameters) {
			boolean failed = event.getResponseDefinition().getFault() != null
					|| event.getResponseDefinition().getStatus() >= 400;
			Runnable retire = whenNitroFailed.get();
			if (event.getRequest().getUrl().equals(ENVELOPES) && failed && retire != null) {
				CompletableFuture.delayedExecutor(RETIRED_AFTER.toMillis(), TimeUnit.MILLISECONDS).execute(retire);
			}
		}

	}

}
